// `bianzhi backup`, `restore`, `keys rotate-audit` and `audit verify` as an operator runs them,
// on both databases: a backup restored into an empty database verifies; a second restore is
// refused; deleting the last audit events (SQLite, triggers dropped) or emptying the log
// (PostgreSQL TRUNCATE, its trigger disabled) makes `audit verify` exit 1 with a Chinese message,
// and appending new events afterwards does not make it green again.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY_HEX, throwawayPgDatabase } from '../support/databases.ts';
import { COUNTY_DIR, tempDir } from '../support/fixtures.ts';

const BIN = path.resolve('bin/bianzhi.mjs');

function cli(args: string[], env: Record<string, string>): { code: number; out: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env, BIANZHI_KEY: TEST_KEY_HEX },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

const pgDatabase = () => throwawayPgDatabase('bianzhi_audit');

async function pgRun(url: string, statement: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(statement);
  } finally {
    await c.end();
  }
}

describe.each(['sqlite', 'postgres'] as const)('audit, backup and restore commands on %s', (dialect) => {
  const dir = tempDir();
  // One data folder (master key, audit key, checkpoint file) shared by source and restored database.
  const shared = { BIANZHI_DATA_DIR: dir };
  let source: Record<string, string>;
  let target: Record<string, string>;
  const drops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    if (dialect === 'sqlite') {
      source = { ...shared, DATABASE_URL: `file:${path.join(dir, 'source.db')}` };
      target = { ...shared, DATABASE_URL: `file:${path.join(dir, 'target.db')}` };
    } else {
      const a = await pgDatabase();
      const b = await pgDatabase();
      drops.push(a.drop, b.drop);
      source = { ...shared, DATABASE_URL: a.url };
      target = { ...shared, DATABASE_URL: b.url };
    }
    expect(cli(['init', '--region', '640121'], source).code).toBe(0);
    expect(cli(['import', COUNTY_DIR], source).code).toBe(0);
  }, 600_000);

  afterAll(async () => {
    for (const drop of drops) await drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('backs up, restores into an empty database, verifies, and refuses a second restore', () => {
    const file = path.join(dir, 'backup.bianzhi');
    const backup = cli(['backup', '--out', file], source);
    expect(backup.out).toContain('已备份');
    expect(backup.code).toBe(0);
    const restore = cli(['restore', file], target);
    expect(restore.out).toContain('已从');
    expect(restore.code).toBe(0);
    const verify = cli(['audit', 'verify'], target);
    expect(verify.out).toMatch(/审计链完整：共 \d+ 条事件，与检查点一致/);
    expect(verify.code).toBe(0);
    const again = cli(['restore', file], target);
    expect(again.code).toBe(1);
    expect(again.out).toContain('目标数据库不是空的');
  }, 600_000);

  it('rotates the audit key and still verifies', () => {
    const rotate = cli(['keys', 'rotate-audit'], source);
    expect(rotate.out).toContain('已更换审计密钥');
    expect(rotate.code).toBe(0);
    expect(cli(['init', '--region', '640122'], source).code).toBe(0);
    expect(cli(['audit', 'verify'], source)).toMatchObject({ code: 0 });
  }, 600_000);

  it('exits 1 when the last events are deleted or the log is emptied, also after new events', async () => {
    expect(cli(['audit', 'verify'], source).code).toBe(0);
    if (dialect === 'sqlite') {
      const db = new SQLite(path.join(dir, 'source.db'));
      db.exec('drop trigger audit_events_no_delete');
      db.exec('delete from audit_events where id > (select max(id) - 2 from audit_events)');
      db.close();
    } else {
      await expect(pgRun(source.DATABASE_URL ?? '', 'truncate audit_events')).rejects.toThrow(/不能清空/);
      await pgRun(
        source.DATABASE_URL ?? '',
        'alter table audit_events disable trigger audit_events_no_truncate',
      );
      await pgRun(source.DATABASE_URL ?? '', 'truncate audit_events');
    }
    const cut = cli(['audit', 'verify'], source);
    expect(cut.code).toBe(1);
    expect(cut.out).toContain('审计链校验失败');
    expect(cut.out).toContain('末尾缺失');

    // New events after the deletion (a region added twice over) do not make it green again.
    expect(cli(['init', '--region', '640104'], source).code).toBe(0);
    expect(cli(['init', '--region', '640105'], source).code).toBe(0);
    expect(cli(['init', '--region', '640106'], source).code).toBe(0);
    const after = cli(['audit', 'verify'], source);
    expect(after.code).toBe(1);
    expect(after.out).toContain('审计链校验失败');
  }, 600_000);
});
