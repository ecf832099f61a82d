// `bianzhi` — the command line. Every command honours DATABASE_URL.
import { parseArgs } from 'node:util';
import { boot } from '../bootstrap.ts';
import { AppError } from '../errors.ts';
import { serve } from '../server.ts';
import {
  auditVerifyCommand,
  exportCommand,
  importCommand,
  initCommand,
  userAddCommand,
  userListCommand,
  userResetCommand,
  validateCommand,
} from './commands.ts';

import { SPOTCHECK_HELP } from './spotcheck.ts';

const HELP = `编制 · 县级机构编制管理系统  命令行

用法：npx bianzhi <命令> [参数]

  init --region 代码              创建或迁移数据库并登记县级行政区划（如 640121 永宁县），可重复运行
  import 文件或目录… [--dry-run] [--ignore-extra-columns]
                                  导入交换格式的 .xlsx 或 .csv（目录则导入其中全部表文件）；
                                  全部正确才写入，否则列出每处错误且不写入任何数据
  export --region 代码 --out 文件.xlsx|目录
                                  导出一个县的数据（.xlsx 工作簿，或目录下每表一个 .csv）
  serve [--port 端口] [--host 地址]   启动网页服务（默认 http://127.0.0.1:8080）
  demo [--port 端口] [--scale 倍数] [--examples]
                                  用演示数据库（data/demo.db）启动，或仅生成 examples/ 样例工作簿
  user add 用户名 --role 角色 --region 代码 [--unit 机构编码] [--name 姓名]
                                  新建用户，打印一次性密码（角色：admin 编办管理员、clerk 编办业务员、
                                  liaison 部门联络员、leader 领导、viewer 上级只读、auditor 审计管理员）
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
  reconcile 名单文件 --source 组织|人社|财政 [--region 代码] [--out 差异.xlsx]
                                  与组织部、人社、财政名单按身份证号比对：不在编、不在名单、单位或编制类型不符
${SPOTCHECK_HELP}
  audit verify                    校验审计日志哈希链（完好退出码 0，被篡改 1 并指出第一条问题事件）

环境变量：DATABASE_URL（不设置为 data/bianzhi.db；file:路径；postgres://…）、PORT、
BIANZHI_KEY_FILE（主密钥文件，默认 data/bianzhi.key）或 BIANZHI_KEY（64 位十六进制）。`;

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function need(value: string | undefined, what: string): string {
  if (!value) throw new AppError('VALIDATION', `缺少参数：${what}`);
  return value;
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    out(HELP);
    return command ? 0 : 1;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
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
      ratio: { type: 'string' },
      count: { type: 'string' },
      seed: { type: 'string' },
      source: { type: 'string' },
      to: { type: 'string' },
      format: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'ignore-extra-columns': { type: 'boolean', default: false },
      examples: { type: 'boolean', default: false },
    },
  });

  if (command === 'validate')
    return validateCommand(need(positionals[0], 'id 或 uscc'), need(positionals[1], '待校验的号码'), out);
  if (command === 'demo') {
    const { demoCommand } = await import('./demo.ts');
    return demoCommand({ port: values.port, scale: values.scale, examplesOnly: values.examples }, out);
  }

  const booted = await boot();
  let keepOpen = false;
  try {
    switch (command) {
      case 'init':
        return await initCommand(booted, { region: need(values.region, '--region 行政区划代码') }, out);
      case 'import':
        return await importCommand(
          booted,
          {
            paths: positionals,
            dryRun: values['dry-run'],
            ignoreExtraColumns: values['ignore-extra-columns'],
          },
          out,
        );
      case 'export':
        return await exportCommand(
          booted,
          { region: need(values.region, '--region'), out: need(values.out, '--out') },
          out,
        );
      case 'serve': {
        const port = values.port ? Number(values.port) : booted.config.port;
        await serve(booted, { port, host: values.host ?? booted.config.host, out });
        keepOpen = true;
        return 0;
      }
      case 'user': {
        const sub = positionals[0];
        if (sub === 'list') return await userListCommand(booted, out);
        if (sub === 'add') {
          return await userAddCommand(
            booted,
            {
              username: need(positionals[1], '用户名'),
              role: need(values.role, '--role'),
              region: need(values.region, '--region'),
              unit: values.unit ?? null,
              name: values.name ?? null,
            },
            out,
          );
        }
        if (sub === 'reset-password')
          return await userResetCommand(booted, { username: need(positionals[1], '用户名') }, out);
        out('用法：bianzhi user add|list|reset-password …');
        return 2;
      }
      case 'report': {
        if (positionals[0] === 'standards') {
          const { reportStandardsCommand } = await import('./report-standards.ts');
          return await reportStandardsCommand(
            booted,
            {
              region: need(values.region, '--region'),
              year: values.year,
              format: values.format,
              out: values.out,
            },
            out,
          );
        }
        if (positionals[0] === 'work') {
          const { reportWorkCommand } = await import('./report-work.ts');
          return await reportWorkCommand(
            booted,
            {
              region: need(values.region, '--region'),
              from: need(values.from, '--from'),
              to: need(values.to, '--to'),
              format: values.format,
              out: values.out,
            },
            out,
          );
        }
        if (positionals[0] !== 'basic') {
          out(
            '用法：bianzhi report basic --region 代码 [--as-of YYYY-MM-DD] [--format text|json|docx|xlsx] [--out 文件]',
          );
          return 2;
        }
        const { reportBasicCommand } = await import('./report.ts');
        return await reportBasicCommand(
          booted,
          {
            region: need(values.region, '--region'),
            asOf: values['as-of'],
            format: values.format,
            out: values.out,
          },
          out,
        );
      }
      case 'spotcheck': {
        if (positionals[0] !== 'draw') {
          out(`用法：\n${SPOTCHECK_HELP}`);
          return 2;
        }
        const { spotcheckDrawCommand } = await import('./spotcheck.ts');
        return await spotcheckDrawCommand(
          booted,
          {
            region: need(values.region, '--region'),
            year: need(values.year, '--year'),
            ratio: values.ratio,
            count: values.count,
            seed: need(values.seed, '--seed'),
          },
          out,
        );
      }
      case 'reconcile': {
        const { reconcileCommand } = await import('./reconcile.ts');
        return await reconcileCommand(
          booted,
          {
            file: need(positionals[0], '名单文件'),
            source: need(values.source, '--source 组织|人社|财政'),
            region: values.region,
            out: values.out,
          },
          out,
        );
      }
      case 'audit':
        if (positionals[0] === 'verify') return await auditVerifyCommand(booted, out);
        out('用法：bianzhi audit verify');
        return 2;
      default:
        out(`未知命令：${command}\n`);
        out(HELP);
        return 2;
    }
  } finally {
    if (!keepOpen) await booted.close();
  }
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
