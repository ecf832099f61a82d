// `bianzhi backup`: an online, consistent copy of the whole database in one portable file, with a
// signed checkpoint of the audit chain it contains. SQLite reads inside one transaction (a WAL
// snapshot: writers carry on); PostgreSQL inside one REPEATABLE READ, READ ONLY transaction.
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { sql } from 'kysely';
import type { Actor } from '../../audit/events.ts';
import { GENESIS_HASH } from '../../audit/chain.ts';
import type { AppContext } from '../../context.ts';
import { chainHead } from '../../db/repositories/audit.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import {
  appliedMigrations,
  countRows,
  describeTables,
  readTableRows,
} from '../../db/repositories/snapshot.ts';
import { BACKUP_FORMAT, BACKUP_VERSION, encodeValue, type BackupHeader } from './backup-format.ts';

export interface BackupOptions {
  actor: Actor;
  /** The backup file to write (refused if it exists). */
  out: string;
}

export interface BackupSummary {
  tables: number;
  rows: number;
  auditEvents: number;
}

/** Writes a consistent backup of every table, with the audit checkpoint, to `opts.out`. */
export async function backupDatabase(ctx: AppContext, opts: BackupOptions): Promise<BackupSummary> {
  if (fs.existsSync(opts.out)) throw new Error(`备份文件已存在：${opts.out}`);
  // The backup is itself on the trail, and inside the copy it makes.
  await ctx.db.kysely.transaction().execute((trx) =>
    ctx.audit.record(trx, opts.actor, {
      action: 'backup.run',
      entityType: 'database',
      entityId: null,
      regionCode: null,
      summary: `备份数据库到 ${path.basename(opts.out)}`,
      payload: { before: null, after: { file: path.basename(opts.out) } },
    }),
  );
  const tmp = `${opts.out}.${process.pid}.part`;
  try {
    const summary = await inSnapshot(ctx, (trx) => writeBackup(ctx, trx, tmp));
    fs.renameSync(tmp, opts.out);
    return summary;
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

function inSnapshot<T>(ctx: AppContext, fn: (trx: Executor) => Promise<T>): Promise<T> {
  if (ctx.db.dialect === 'sqlite') return ctx.db.kysely.transaction().execute(fn);
  return ctx.db.kysely
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`set transaction read only`.execute(trx);
      return fn(trx);
    });
}

async function writeBackup(ctx: AppContext, trx: Executor, file: string): Promise<BackupSummary> {
  const shapes = await describeTables(trx, ctx.db.dialect);
  const tables = [];
  for (const s of shapes)
    tables.push({ name: s.name, columns: s.columns, rows: await countRows(trx, s.name) });
  const head = await chainHead(trx);
  const checkpoint = ctx.checkpoints.sign(head?.id ?? 0, head?.hash ?? GENESIS_HASH);
  const header: BackupHeader = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    createdAt: new Date().toISOString(),
    source: { dialect: ctx.db.dialect, identity: ctx.db.identity },
    migrations: await appliedMigrations(trx),
    checkpoint,
    tables,
  };
  const gzip = zlib.createGzip();
  const done = pipeline(gzip, fs.createWriteStream(file, { flags: 'wx', mode: 0o600 }));
  const write = async (value: unknown): Promise<void> => {
    if (!gzip.write(`${JSON.stringify(value)}\n`)) await once(gzip, 'drain');
  };
  let rows = 0;
  try {
    await write(header);
    for (const s of shapes) {
      await write({ table: s.name });
      for await (const values of readTableRows(trx, s)) {
        await write(values.map(encodeValue));
        rows += 1;
      }
    }
    await write({ end: true });
  } finally {
    gzip.end();
    await done;
  }
  // The snapshot's head is committed: its checkpoint belongs in the log as well.
  ctx.checkpoints.append(checkpoint);
  return { tables: shapes.length, rows, auditEvents: checkpoint.count };
}
