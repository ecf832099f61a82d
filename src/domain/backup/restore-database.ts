// `bianzhi restore`: a backup file into an EMPTY database of the same version, in one transaction.
// Before it commits, the restored audit chain must verify and match the backup's signed checkpoint
// (so the target must hold the same audit key ring); then a checkpoint of the restored database is
// written. A non-empty database is refused, never merged into.
import fs from 'node:fs';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { checkpointSignatureValid } from '../../audit/checkpoint.ts';
import { verifyAuditChain } from '../../audit/verify-chain.ts';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import {
  appliedMigrations,
  countRows,
  describeTables,
  insertTableRows,
  resetSequences,
} from '../../db/repositories/snapshot.ts';
import { AppError } from '../../errors.ts';
import { decodeValue, parseHeader, type BackupHeader, type BackupTable } from './backup-format.ts';

export interface RestoreSummary {
  tables: number;
  rows: number;
  auditEvents: number;
  source: BackupHeader['source'];
}

const refuse = (message: string): AppError => new AppError('CONFLICT', message);

/** Restores `file` into the (empty) database of `ctx`. */
export async function restoreDatabase(ctx: AppContext, opts: { file: string }): Promise<RestoreSummary> {
  if (!fs.existsSync(opts.file)) throw new AppError('NOT_FOUND', `备份文件不存在：${opts.file}`);
  const lines = readline.createInterface({
    input: fs.createReadStream(opts.file).pipe(zlib.createGunzip()),
    crlfDelay: Infinity,
  });
  const iterator = lines[Symbol.asyncIterator]();
  try {
    const header = parseHeader((await iterator.next()).value as string | undefined);
    await checkTarget(ctx, header);
    const rows = await ctx.db.kysely.transaction().execute(async (trx) => {
      const restored = await insertAll(ctx, trx, header, iterator);
      await resetSequences(trx, ctx.db.dialect);
      await checkRestoredChain(ctx, trx, header);
      return restored;
    });
    await ctx.checkpoints.flush();
    return {
      tables: header.tables.length,
      rows,
      auditEvents: header.checkpoint.count,
      source: header.source,
    };
  } finally {
    lines.close();
  }
}

async function checkTarget(ctx: AppContext, header: BackupHeader): Promise<void> {
  const db = ctx.db.kysely;
  const migrations = await appliedMigrations(db);
  if (migrations.join(',') !== header.migrations.join(',')) {
    throw refuse(
      `备份与本数据库的版本不同（备份迁移 ${header.migrations.at(-1) ?? '无'}，本库 ${migrations.at(-1) ?? '无'}）：` +
        '请用与备份时相同版本的系统恢复，再升级',
    );
  }
  const shapes = await describeTables(db, ctx.db.dialect);
  const nonEmpty: string[] = [];
  for (const s of shapes) {
    const n = await countRows(db, s.name);
    if (n > 0) nonEmpty.push(`${s.name}（${n} 行）`);
  }
  if (nonEmpty.length > 0) throw refuse(`目标数据库不是空的，拒绝恢复：${nonEmpty.join('、')}`);
  const known = new Map(shapes.map((s) => [s.name, new Set(s.columns)]));
  for (const t of header.tables) {
    const cols = known.get(t.name);
    if (!cols || t.columns.some((c) => !cols.has(c)))
      throw refuse(`备份中的表 ${t.name} 与本数据库的结构不符`);
  }
}

async function insertAll(
  ctx: AppContext,
  trx: Executor,
  header: BackupHeader,
  lines: AsyncIterator<string>,
): Promise<number> {
  const tables = new Map(header.tables.map((t) => [t.name, t]));
  let table: BackupTable | null = null;
  let batch: Record<string, unknown>[] = [];
  const counts = new Map<string, number>();
  let total = 0;
  let ended = false;
  const flush = async (): Promise<void> => {
    if (table && batch.length > 0) await insertTableRows(trx, table.name, table.columns, batch);
    batch = [];
  };
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const value: unknown = JSON.parse(next.value);
    if (Array.isArray(value)) {
      if (!table) throw new Error('备份文件格式不正确：行数据之前没有表名');
      const row: Record<string, unknown> = {};
      table.columns.forEach((c, i) => (row[c] = decodeValue(value[i], ctx.db.dialect)));
      batch.push(row);
      counts.set(table.name, (counts.get(table.name) ?? 0) + 1);
      total += 1;
      if (batch.length >= 1000) await flush();
      continue;
    }
    await flush();
    const marker = value as { table?: string; end?: boolean };
    if (marker.end) {
      ended = true;
      break;
    }
    table = (marker.table && tables.get(marker.table)) || null;
    if (!table) throw new Error(`备份文件格式不正确：未声明的表 ${String(marker.table)}`);
  }
  if (!ended) throw new Error('备份文件不完整（缺少结束标记），未恢复任何数据');
  for (const t of header.tables) {
    if ((counts.get(t.name) ?? 0) !== t.rows)
      throw new Error(`备份文件中表 ${t.name} 的行数（${counts.get(t.name) ?? 0}）与文件头（${t.rows}）不符`);
  }
  return total;
}

async function checkRestoredChain(ctx: AppContext, trx: Executor, header: BackupHeader): Promise<void> {
  const cp = header.checkpoint;
  if (!checkpointSignatureValid(ctx.auditKeys, cp)) {
    throw refuse(
      '备份中的审计检查点签名无效：备份被改动，或本系统的审计密钥与备份时不同（请使用原审计密钥文件）',
    );
  }
  const v = await verifyAuditChain(trx, ctx.auditKeys, new Map([[cp.count, cp.head]]));
  if (!v.ok) throw refuse(`备份中的审计链校验失败，未恢复任何数据：第 ${v.badEventId} 号事件 — ${v.reason}`);
}
