// The commands of `bianzhi`, each a thin layer over a use case.
import fs from 'node:fs';
import { formatRowError } from '../common/exchange.ts';
import {
  MappingFile,
  mappingFromFile,
  mappingProblems,
  type ImportMapping,
} from '../common/exchange-mapping.ts';
import { ROLE_LABELS, type Role } from '../common/labels.ts';
import { SYSTEM_ACTOR, type Actor } from '../audit/events.ts';
import { verifyAudit } from '../audit/verify-audit.ts';
import type { Booted } from '../bootstrap.ts';
import { listUsers } from '../db/repositories/accounts.ts';
import { unitIdsByCode } from '../db/repositories/units.ts';
import { createUser, resetPassword } from '../domain/accounts/manage-users.ts';
import { exportWorkbook } from '../domain/exchange/export-workbook.ts';
import { importWorkbook } from '../domain/exchange/import-workbook.ts';
import { createImportFolder, importRoot, sweepImportFolders } from '../domain/exchange/import-folder.ts';
import type { ImportResult } from '../common/wire.ts';
import { ensureRegion } from '../domain/regions/ensure-region.ts';
import { progressPrinter } from './progress.ts';

const CLI_ACTOR: Actor = { id: null, name: '命令行' };

export type Out = (line: string) => void;

export async function initCommand(b: Booted, opts: { region: string }, out: Out): Promise<number> {
  const added = await ensureRegion(b.ctx, { code: opts.region, actor: CLI_ACTOR });
  out(`数据库：${b.ctx.db.describe}（已迁移到最新）`);
  out(
    added.length > 0
      ? `已登记行政区划：${added.join('、')}`
      : `行政区划 ${opts.region} 已存在，无需重复初始化`,
  );
  return 0;
}

/** Reads a mapping file (docs/import.md): the mapping, or what is wrong with it, in Chinese. */
function readMappingFile(file: string): { mapping: ImportMapping } | { problems: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    return { problems: [e instanceof SyntaxError ? '不是有效的 JSON' : '无法读取该文件'] };
  }
  const parsed = MappingFile.safeParse(json);
  if (!parsed.success) {
    return {
      problems: parsed.error.issues.map((i) => `${i.path.join('.') || '（整个文件）'}：${i.message}`),
    };
  }
  const mapping = mappingFromFile(parsed.data);
  const problems = mappingProblems(mapping);
  return problems.length > 0 ? { problems } : { mapping };
}

export async function importCommand(
  b: Booted,
  opts: { paths: string[]; dryRun: boolean; ignoreExtraColumns: boolean; mappingFile?: string },
  out: Out,
): Promise<number> {
  for (const p of opts.paths) {
    if (!fs.existsSync(p)) {
      out(`文件或目录不存在：${p}`);
      return 2;
    }
  }
  let mapping: ImportMapping | undefined;
  if (opts.mappingFile !== undefined) {
    const read = readMappingFile(opts.mappingFile);
    if ('problems' in read) {
      out(`映射文件 ${opts.mappingFile} 有误，未导入：`);
      for (const p of read.problems) out(`  ${p}`);
      return 2;
    }
    mapping = read.mapping;
  }
  const root = importRoot(b.config.dataDir);
  sweepImportFolders(root);
  const workDir = createImportFolder(root, 'cli');
  let result: ImportResult;
  try {
    result = await importWorkbook(b.ctx, {
      actor: CLI_ACTOR,
      paths: opts.paths,
      dryRun: opts.dryRun,
      ignoreExtraColumns: opts.ignoreExtraColumns,
      ...(mapping ? { mapping } : {}),
      allowedRegions: null,
      workDir,
      onProgress: progressPrinter(),
    });
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
  if (!result.ok) {
    out(`导入被拒绝：共 ${result.errorCount} 处错误，未写入任何数据。`);
    for (const e of result.errors) out(formatRowError(e));
    if (result.errorCount > result.errors.length)
      out(`……另有 ${result.errorCount - result.errors.length} 处错误未列出`);
    return 1;
  }
  if (result.warningCount > 0) {
    out(`提示：共 ${result.warningCount} 处需要核对（不影响导入）：`);
    for (const w of result.warnings) out(formatRowError(w));
    if (result.warningCount > result.warnings.length)
      out(`……另有 ${result.warningCount - result.warnings.length} 处未列出`);
  }
  out(opts.dryRun ? '检查通过（--dry-run，未写入）：' : '导入完成：');
  for (const [table, c] of Object.entries(result.counts)) {
    out(`  ${table}：新增 ${c.inserted}，更新 ${c.updated}，未变 ${c.unchanged}`);
  }
  return 0;
}

export async function exportCommand(
  b: Booted,
  opts: { region: string; out: string },
  out: Out,
): Promise<number> {
  const r = await exportWorkbook(b.ctx, { actor: CLI_ACTOR, regionCode: opts.region, out: opts.out });
  out(`已导出到 ${opts.out}：${r.units} 个机构，${r.people} 名人员`);
  return 0;
}

export async function userAddCommand(
  b: Booted,
  opts: { username: string; role: string; region: string; unit: string | null; name: string | null },
  out: Out,
): Promise<number> {
  let unitId: number | null = null;
  if (opts.unit) {
    unitId = (await unitIdsByCode(b.ctx.db.kysely, [opts.region])).get(`${opts.region}/${opts.unit}`) ?? null;
    if (unitId === null) {
      out(`机构 ${opts.unit} 不存在（行政区划 ${opts.region}）`);
      return 1;
    }
  }
  const { password } = await createUser(b.ctx, {
    actor: CLI_ACTOR,
    username: opts.username,
    displayName: opts.name ?? opts.username,
    role: opts.role,
    regionCode: opts.region,
    unitId,
  });
  out(`已创建用户 ${opts.username}（${ROLE_LABELS[opts.role as Role] ?? opts.role}）`);
  out(`一次性密码：${password}`);
  out('请转交本人，首次登录后须修改密码。');
  return 0;
}

export async function userListCommand(b: Booted, out: Out): Promise<number> {
  const users = await listUsers(b.ctx.db.kysely, null);
  if (users.length === 0) out('（暂无用户）');
  for (const u of users) {
    out(
      [
        u.username,
        u.display_name,
        ROLE_LABELS[u.role as Role] ?? u.role,
        u.region_code,
        u.disabled ? '已停用' : '正常',
      ].join('\t'),
    );
  }
  return 0;
}

export async function userResetCommand(b: Booted, opts: { username: string }, out: Out): Promise<number> {
  const password = await resetPassword(b.ctx, { actor: CLI_ACTOR, username: opts.username });
  out(`用户 ${opts.username} 的新一次性密码：${password}`);
  out('该用户的现有会话已失效；首次登录后须修改密码。');
  return 0;
}

export async function auditVerifyCommand(b: Booted, out: Out): Promise<number> {
  const r = await verifyAudit(b.ctx);
  for (const w of r.warnings) out(`⚠ ${w}`);
  if (r.ok) {
    const cp = r.checkpoint ? `，与检查点一致（第 ${r.checkpoint.count} 条，${r.checkpoint.at}）` : '';
    out(`审计链完整：共 ${r.count} 条事件${cp}`);
    return 0;
  }
  out(`审计链校验失败：第 ${r.badEventId} 号事件 — ${r.reason}（此前 ${r.count} 条完好）`);
  return 1;
}

export { SYSTEM_ACTOR };
