// Backup and restore on both databases: a county from the demo generator (units, quotas, people
// with encrypted 身份证号), a user and a matter with a binary attachment are backed up online,
// restored into an empty database of each dialect, and compared table by table; the restored
// audit chain verifies against its checkpoint. A non-empty target, a different audit key and a
// file cut short are refused without writing anything.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/verify-audit.ts';
import { createContext } from '../../src/context.ts';
import { insertAttachment } from '../../src/db/repositories/attachments.ts';
import { insertMatter } from '../../src/db/repositories/matters.ts';
import { countRows, describeTables, readTableRows } from '../../src/db/repositories/snapshot.ts';
import type { Executor } from '../../src/db/repositories/executor.ts';
import { writeCounty } from '../../src/demo/write-county.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { backupDatabase } from '../../src/domain/backup/backup-database.ts';
import { restoreDatabase } from '../../src/domain/backup/restore-database.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { AuditKeyring } from '../../src/security/audit-keys.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { tempDir } from '../support/fixtures.ts';

const actor = { id: null, name: '测试' };

async function populate(t: TestDb, dir: string): Promise<void> {
  const county = path.join(dir, 'county.xlsx');
  if (!fs.existsSync(county)) {
    await writeCounty(county, { regionCode: '640121', scale: 0.03, seed: 11, asOf: '2026-06-30' });
  }
  const r = await importWorkbook(t.ctx, { actor, paths: [county], dryRun: false, allowedRegions: null });
  expect(r.ok).toBe(true);
  const { id: userId } = await createUser(t.ctx, {
    actor,
    username: 'clerk',
    displayName: '业务员',
    role: 'clerk',
    regionCode: '640121',
    unitId: null,
  });
  await t.ctx.db.kysely.transaction().execute(async (trx) => {
    const at = new Date().toISOString();
    const matterId = await insertMatter(trx, {
      regionCode: '640121',
      title: '备份测试事项',
      reasons: '含附件',
      changes: '[]',
      proposerId: userId,
      proposerUnitId: null,
      at,
    });
    const content = Buffer.from([0, 1, 2, 255, 254, 10, 13, 0]);
    await insertAttachment(trx, {
      owner: { matterId, stepId: null },
      fileName: '附件.bin',
      mediaType: 'application/octet-stream',
      content,
      sha256: 'x'.repeat(64),
      by: userId,
      at,
    });
  });
}

/** Every table's rows in primary-key order. */
async function dump(t: TestDb): Promise<Record<string, unknown[][]>> {
  const out: Record<string, unknown[][]> = {};
  const db: Executor = t.ctx.db.kysely;
  for (const shape of await describeTables(db, t.dialect)) {
    const rows: unknown[][] = [];
    for await (const r of readTableRows(db, shape, 500)) rows.push(r);
    out[shape.name] = rows;
  }
  return out;
}

describe.each(DIALECTS)('backup from %s', (dialect) => {
  const dir = tempDir();
  let source: TestDb;
  let file: string;
  let before: Record<string, unknown[][]>;

  beforeAll(async () => {
    source = await openTestDb(dialect);
    await populate(source, dir);
    file = path.join(dir, `${dialect}.bianzhi-backup`);
    await backupDatabase(source.ctx, { actor, out: file });
    before = await dump(source);
  }, 120_000);
  afterAll(async () => {
    await source?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a private file that holds every table and a signed checkpoint', async () => {
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const header = JSON.parse(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n')[0] ?? '');
    const names = header.tables.map((x: { name: string }) => x.name);
    expect(names).toEqual(expect.arrayContaining(['audit_events', 'people', 'matter_attachments', 'users']));
    expect(header.checkpoint.count).toBe(await countRows(source.ctx.db.kysely, 'audit_events'));
    expect(before.people?.length).toBeGreaterThan(10);
    expect(before.matter_attachments?.length).toBe(1);
  });

  it.each(DIALECTS)(
    'restores into an empty %s database: every table identical, audit verify green',
    async (to) => {
      const target = await openTestDb(to);
      try {
        const r = await restoreDatabase(target.ctx, { file });
        expect(r.rows).toBe(Object.values(before).reduce((n, rows) => n + rows.length, 0));
        expect(await dump(target)).toEqual(before);
        const v = await verifyAudit(target.ctx);
        expect(v).toMatchObject({ ok: true, count: before.audit_events?.length });
        // New rows after a restore do not collide with restored ids.
        await createUser(target.ctx, {
          actor,
          username: 'after',
          displayName: '恢复后新建',
          role: 'clerk',
          regionCode: '640121',
          unitId: null,
        });
        await target.ctx.checkpoints.settle();
        expect((await verifyAudit(target.ctx)).ok).toBe(true);
        // A second restore into the now non-empty database is refused.
        await expect(restoreDatabase(target.ctx, { file })).rejects.toThrow(/不是空的/);
      } finally {
        await target.destroy();
      }
    },
  );

  it('refuses a backup under another audit key, and a file cut short, writing nothing', async () => {
    const target = await openTestDb(dialect);
    try {
      const otherKey = createContext(target.ctx.db, target.ctx.keys, {
        keyring: AuditKeyring.single(Buffer.alloc(32, 6)),
        checkpointFiles: [target.checkpointFile],
      });
      await expect(restoreDatabase(otherKey, { file })).rejects.toThrow(/审计/);
      const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
      const cut = path.join(dir, 'cut.bianzhi-backup');
      fs.writeFileSync(cut, zlib.gzipSync(lines.slice(0, -3).join('\n')));
      await expect(restoreDatabase(target.ctx, { file: cut })).rejects.toThrow(/不完整/);
      expect(await countRows(target.ctx.db.kysely, 'units')).toBe(0);
      expect(await countRows(target.ctx.db.kysely, 'audit_events')).toBe(0);
    } finally {
      await target.destroy();
    }
  });
});
