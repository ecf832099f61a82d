// `bianzhi` — the command line. Every command honours DATABASE_URL.
// Each command loads its modules when it runs (dynamic import), so `--help` and `validate` do
// not load the database drivers, Fastify or exceljs: they start in a blink (bench/cli.ts).
import { parseArgs } from 'node:util';
import type { Booted } from '../bootstrap.ts';
import type { ConnectOptions } from '../db/connect.ts';
import { AppError } from '../errors.ts';
import type { Out } from './commands.ts';

const HELP = `编制 · 县级机构编制管理系统  命令行

用法：npx bianzhi <命令> [参数]

  init --region 代码              创建或迁移数据库并登记县级行政区划（如 640121 永宁县），可重复运行
  import 文件或目录… [--dry-run] [--ignore-extra-columns] [--mapping 映射.json]
                                  导入交换格式的 .xlsx 或 .csv（目录则导入其中全部表文件）；
                                  全部正确才写入，否则列出每处错误且不写入任何数据；
                                  --mapping：按映射文件导入单位自己格式的工作簿（格式见 docs/import.md）
  export --region 代码 --out 文件.xlsx|目录
                                  导出一个县的数据（.xlsx 工作簿，或目录下每表一个 .csv）
  serve [--port 端口] [--host 地址]   启动网页服务（默认 http://127.0.0.1:8080）
  demo [--port 端口] [--scale 倍数] [--examples]
                                  用演示数据库（data/demo.db）启动，或仅生成 examples/ 样例工作簿
  user add 用户名 --role 角色 --region 代码 [--unit 机构编码] [--name 姓名]
                                  新建用户，打印一次性密码（角色：admin 编办管理员、clerk 编办业务员、
                                  liaison 部门联络员、leader 领导、viewer 上级只读、sysadmin 系统管理员、
                                  secadmin 安全管理员、auditor 安全审计员）
  user list                       列出用户
  user reset-password 用户名      重置密码，打印新的一次性密码
  validate id 身份证号            按 GB 11643 校验身份证号（有效退出码 0，无效 1）
  validate uscc 代码              按 GB 32100 校验统一社会信用代码（有效退出码 0，无效 1）
  report basic --region 代码 [--as-of YYYY-MM-DD] [--format text|json|docx|xlsx] [--out 文件]
                                  生成“基本情况”报告：文字（默认输出到屏幕）、JSON、Word 或 Excel 统计表；
                                  市、省级代码则汇总其下各县
  report work --region 代码 --from YYYY-MM-DD --to YYYY-MM-DD [--format text|json|docx] [--out 文件]
                                  工作统计：期间内已实施事项的调整机构、调剂编制、减上补下、核增、
                                  安置退役士兵、编内补充、周转池、新设学校、招考计划等（报告第二部分的数字）
  report standards --region 代码 [--year YYYY] [--format text|json|xlsx] [--out 文件]
                                  按编制标准测算中小学、幼儿园、乡镇卫生院应配编制与缺配（报告第三部分）
  report full --region 代码 [--as-of YYYY-MM-DD] [--year YYYY] --out 文件.docx
                                  全年汇报：按统计日把县里的年度汇报（网页中编辑的文稿）生成 Word（GB/T 9704），
                                  数字取自系统，附数据来源；列出自上次生成以来变化的数字
  report checkpoints --region 代码 [--as-of YYYY-MM-DD] [--years 年数]
                                  预先建立“基本情况”报告的汇总检查点：统计日前若干年（默认 3 年）的每个月末
                                  及更早的年末，之后任一日期的首次报告从相距约半个月的检查点修补；可在导入后重跑
  report yearend --region 代码 --year YYYY --out 文件.xlsx
                                  年末机构编制统计（统计年报，截至当年12月31日）：先做表内、表间校验，
                                  全部通过才导出；有不通过的则逐项列出并以退出码 1 结束
  reform baseline --project 编号 --out 文件.xlsx|.docx
                                  机构改革：冻结的底数台账（Excel 或 Word）
  reform compare --project 编号 [--as-of YYYY-MM-DD] --out 文件.xlsx|.docx
                                  机构改革：底数与某日台账的改革前后对比表
  evaluation score --plan 编号 [--format text|json|xlsx|docx] [--out 文件]
                                  评估问效：最终得分、等次和排名（实地评估优先，其次系统测算，再次自评）；
                                  xlsx 为得分表（汇总、明细、问题整改清单），docx 为评估总结报告，须给 --out
  reconcile 名单文件 --source 组织|人社|财政 [--region 代码] [--out 差异.xlsx]
                                  与组织部、人社、财政名单按身份证号比对：不在编、不在名单、单位或编制类型不符
  spotcheck draw --region 代码 --year YYYY (--ratio 比例 | --count 家数) --seed 种子
                                  按记录的种子重现“双随机”抽查名单（SHA-256 计数器 + Fisher–Yates，
                                  见 docs/registration.md；排除当年已抽查单位；只打印，不写入）
  audit verify                    校验审计日志哈希链及库外的签名检查点（完好退出码 0；被篡改、
                                  末尾被删除或被清空退出码 1，并指出第一条问题事件）
  backup --out 文件               在线备份整个数据库（一致快照，含审计检查点）到一个可移植文件
  restore 文件                    把备份恢复到空数据库（非空则拒绝），恢复前校验审计链与检查点
  keys rotate-audit               更换审计密钥（先停止网页服务；旧密钥保留用于校验旧事件）
  keys rotate-master              更换主密钥：在一个事务中重新加密全部身份证号、事项中的身份证号与动态口令（先停止网页服务）

环境变量：DATABASE_URL（不设置为 data/bianzhi.db；file:路径；postgres://…）、PORT、
BIANZHI_KEY_FILE（主密钥文件，默认 data/bianzhi.key）或 BIANZHI_KEY（64 位十六进制）、
BIANZHI_AUDIT_KEY_FILE（审计密钥，默认 data/bianzhi-audit.key）、BIANZHI_AUDIT_CHECKPOINT_FILE、
BIANZHI_AUDIT_CHECKPOINT_SINK（审计检查点，见 docs/SECURITY.md）。`;

const out: Out = (line) => {
  process.stdout.write(`${line}\n`);
};

function need(value: string | undefined, what: string): string {
  if (!value) throw new AppError('VALIDATION', `缺少参数：${what}`);
  return value;
}

const OPTIONS = {
  region: { type: 'string' },
  out: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  role: { type: 'string' },
  unit: { type: 'string' },
  name: { type: 'string' },
  scale: { type: 'string' },
  'as-of': { type: 'string' },
  from: { type: 'string' },
  year: { type: 'string' },
  years: { type: 'string' },
  ratio: { type: 'string' },
  count: { type: 'string' },
  seed: { type: 'string' },
  source: { type: 'string' },
  to: { type: 'string' },
  format: { type: 'string' },
  project: { type: 'string' },
  plan: { type: 'string' },
  'dry-run': { type: 'boolean', default: false },
  'ignore-extra-columns': { type: 'boolean', default: false },
  mapping: { type: 'string' },
  examples: { type: 'boolean', default: false },
} as const;

const parse = (args: string[]) => parseArgs({ args, allowPositionals: true, options: OPTIONS });
type Args = ReturnType<typeof parse>;
type Command = (a: Args) => Promise<number>;

/** A command that needs the database: boots it, runs, and closes it unless the command keeps serving. */
function withDatabase(
  run: (b: Booted, a: Args) => Promise<number | 'serving'>,
  connectOptions?: () => Promise<ConnectOptions>,
): Command {
  return async (a) => {
    const { boot } = await import('../bootstrap.ts');
    const booted = await boot(connectOptions ? { connectOptions: await connectOptions() } : {});
    let serving = false;
    try {
      const result = await run(booted, a);
      if (result !== 'serving') return result;
      serving = true;
      return 0;
    } finally {
      if (!serving) await booted.close();
    }
  };
}

/** `bianzhi import` in the process that runs it (see `COMMANDS.import`). */
const importHere: Command = withDatabase(
  async (b, { values: v, positionals }) =>
    (await import('./commands.ts')).importCommand(
      b,
      {
        paths: positionals,
        dryRun: v['dry-run'],
        ignoreExtraColumns: v['ignore-extra-columns'],
        mappingFile: v.mapping,
      },
      out,
    ),
  async () => (await import('../domain/exchange/import-owner.ts')).importConnection(),
);

// One entry per command. A new command adds an entry that imports its module when it runs
// (`withDatabase` when it needs the database); nothing at the top of this file, so other commands
// do not pay for loading it.
const COMMANDS: Record<string, Command> = {
  validate: async ({ positionals: p }) =>
    (await import('./validate.ts')).validateCommand(
      need(p[0], 'id 或 uscc'),
      need(p[1], '待校验的号码'),
      out,
    ),
  demo: async ({ values: v }) =>
    (await import('./demo.ts')).demoCommand({ port: v.port, scale: v.scale, examplesOnly: v.examples }, out),
  init: withDatabase(async (b, { values: v }) =>
    (await import('./commands.ts')).initCommand(b, { region: need(v.region, '--region 行政区划代码') }, out),
  ),
  // In a process with the import worker's heap cap (import-heap.ts), opened as the server's import
  // worker opens it (no memory map, WAL checkpoints every 50,000 pages).
  import: async (a) => (await (await import('./import-heap.ts')).importInCappedProcess(out)) ?? importHere(a),
  export: withDatabase(async (b, { values: v }) =>
    (await import('./commands.ts')).exportCommand(
      b,
      { region: need(v.region, '--region'), out: need(v.out, '--out') },
      out,
    ),
  ),
  serve: withDatabase(async (b, { values: v }) => {
    const { serve } = await import('../server.ts');
    const port = v.port ? Number(v.port) : b.config.port;
    await serve(b, { port, host: v.host ?? b.config.host, out, terminal: process.stdout.isTTY === true });
    return 'serving';
  }),
  user: withDatabase(async (b, { values: v, positionals: p }) => {
    const { userAddCommand, userListCommand, userResetCommand } = await import('./commands.ts');
    if (p[0] === 'list') return userListCommand(b, out);
    if (p[0] === 'add') {
      return userAddCommand(
        b,
        {
          username: need(p[1], '用户名'),
          role: need(v.role, '--role'),
          region: need(v.region, '--region'),
          unit: v.unit ?? null,
          name: v.name ?? null,
        },
        out,
      );
    }
    if (p[0] === 'reset-password') return userResetCommand(b, { username: need(p[1], '用户名') }, out);
    out('用法：bianzhi user add|list|reset-password …');
    return 2;
  }),
  report: withDatabase(async (b, { values: v, positionals: p }) => {
    if (p[0] === 'standards') {
      const { reportStandardsCommand } = await import('./report-standards.ts');
      return reportStandardsCommand(
        b,
        { region: need(v.region, '--region'), year: v.year, format: v.format, out: v.out },
        out,
      );
    }
    if (p[0] === 'yearend') {
      const { reportYearendCommand } = await import('./report-yearend.ts');
      return reportYearendCommand(
        b,
        { region: need(v.region, '--region'), year: need(v.year, '--year'), out: need(v.out, '--out') },
        out,
      );
    }
    if (p[0] === 'full') {
      const { reportFullCommand } = await import('./report-full.ts');
      return reportFullCommand(
        b,
        { region: need(v.region, '--region'), asOf: v['as-of'], year: v.year, out: need(v.out, '--out') },
        out,
      );
    }
    if (p[0] === 'checkpoints') {
      const { reportCheckpointsCommand } = await import('./report-checkpoints.ts');
      return reportCheckpointsCommand(
        b,
        { region: need(v.region, '--region'), asOf: v['as-of'], years: v.years },
        out,
      );
    }
    if (p[0] === 'work') {
      const { reportWorkCommand } = await import('./report-work.ts');
      return reportWorkCommand(
        b,
        {
          region: need(v.region, '--region'),
          from: need(v.from, '--from'),
          to: need(v.to, '--to'),
          format: v.format,
          out: v.out,
        },
        out,
      );
    }
    if (p[0] !== 'basic') {
      out(
        '用法：bianzhi report basic --region 代码 [--as-of YYYY-MM-DD] [--format text|json|docx|xlsx] [--out 文件]',
      );
      return 2;
    }
    const { reportBasicCommand } = await import('./report.ts');
    return reportBasicCommand(
      b,
      { region: need(v.region, '--region'), asOf: v['as-of'], format: v.format, out: v.out },
      out,
    );
  }),
  reform: withDatabase(async (b, { values: v, positionals: p }) =>
    (await import('./reform.ts')).reformCommand(
      b,
      { action: p[0], project: v.project, asOf: v['as-of'], out: v.out },
      out,
    ),
  ),
  evaluation: withDatabase(async (b, { values: v, positionals: p }) =>
    (await import('./evaluation.ts')).evaluationCommand(
      b,
      { action: p[0], plan: v.plan, format: v.format, out: v.out },
      out,
    ),
  ),
  reconcile: withDatabase(async (b, { values: v, positionals: p }) =>
    (await import('./reconcile.ts')).reconcileCommand(
      b,
      {
        file: need(p[0], '名单文件'),
        source: need(v.source, '--source 组织|人社|财政'),
        region: v.region,
        out: v.out,
      },
      out,
    ),
  ),
  spotcheck: withDatabase(async (b, { values: v, positionals: p }) => {
    const { SPOTCHECK_HELP, spotcheckDrawCommand } = await import('./spotcheck.ts');
    if (p[0] !== 'draw') {
      out(`用法：\n${SPOTCHECK_HELP}`);
      return 2;
    }
    return spotcheckDrawCommand(
      b,
      {
        region: need(v.region, '--region'),
        year: need(v.year, '--year'),
        ratio: v.ratio,
        count: v.count,
        seed: need(v.seed, '--seed'),
      },
      out,
    );
  }),
  backup: withDatabase(async (b, { values: v }) =>
    (await import('./backup.ts')).backupCommand(b, { out: need(v.out, '--out 备份文件') }, out),
  ),
  restore: withDatabase(async (b, { positionals: p }) =>
    (await import('./backup.ts')).restoreCommand(b, { file: need(p[0], '备份文件') }, out),
  ),
  keys: withDatabase(async (b, { positionals: p }) =>
    (await import('./backup.ts')).keysCommand(b, p[0], out),
  ),
  audit: withDatabase(async (b, { positionals: p }) => {
    if (p[0] === 'verify') return (await import('./commands.ts')).auditVerifyCommand(b, out);
    out('用法：bianzhi audit verify');
    return 2;
  }),
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    out(HELP);
    return command ? 0 : 1;
  }
  const args = parse(rest);
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) {
    out(`未知命令：${command}\n`);
    out(HELP);
    return 2;
  }
  return run(args);
}

export async function run(): Promise<void> {
  try {
    const code = await main(process.argv.slice(2));
    if (code !== 0) process.exitCode = code;
  } catch (e) {
    process.stderr.write(`错误：${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = e instanceof AppError ? 1 : 3;
  }
}
