// A SQLite test database saved whole (test/support/databases.ts snapshotSqlite), which the browser
// journeys start from instead of importing the county fixture anew: the copy holds what the
// original committed, its audit chain verifies against the checkpoint it signs at once, and the
// two are independent afterwards.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/verify-audit.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { openTestDb, snapshotSqlite, type SqliteSnapshot, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, tempDir } from '../support/fixtures.ts';

const actor = { id: null, name: '测试' };

async function counts(t: TestDb): Promise<{ units: number; people: number; events: number }> {
  const count = async (table: 'units' | 'people' | 'audit_events') =>
    Number(
      (
        await t.ctx.db.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { units: await count('units'), people: await count('people'), events: await count('audit_events') };
}

describe('a SQLite test database started from a snapshot', () => {
  let original: TestDb;
  let copy: TestDb;
  let snapshot: SqliteSnapshot;
  const dir = tempDir();

  beforeAll(async () => {
    original = await openTestDb('sqlite');
    const imported = await importWorkbook(original.ctx, {
      actor,
      paths: [COUNTY_DIR],
      dryRun: false,
      allowedRegions: null,
    });
    expect(imported.ok).toBe(true);
    snapshot = await snapshotSqlite(original, dir);
    copy = await openTestDb('sqlite', { from: snapshot });
  }, 60_000);

  afterAll(async () => {
    await copy?.destroy();
    await original?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds what the original committed, and its audit chain verifies', async () => {
    const was = await counts(original);
    expect(was.units).toBeGreaterThan(5);
    expect(was.people).toBeGreaterThan(0);
    expect(was.events).toBeGreaterThan(0);
    expect(await counts(copy)).toEqual(was);
    const verified = await verifyAudit(copy.ctx);
    expect(verified).toMatchObject({ ok: true, count: was.events, checkpoint: { count: was.events } });
    expect(verified.warnings).toEqual([]);
  });

  it('is independent of the original afterwards', async () => {
    const before = await counts(original);
    await ensureRegion(copy.ctx, { code: '640122', actor });
    await copy.ctx.checkpoints.settle();
    expect((await counts(copy)).events).toBeGreaterThan(before.events);
    expect(await counts(original)).toEqual(before);
    expect(await verifyAudit(copy.ctx)).toMatchObject({ ok: true, checkpoint: { count: before.events + 1 } });
    expect(await verifyAudit(original.ctx)).toMatchObject({ ok: true, count: before.events });
  });

  it('refuses a snapshot for PostgreSQL', async () => {
    await expect(openTestDb('postgres', { from: snapshot })).rejects.toThrow('SQLite');
  });
});
