// The audit chain on both databases: appends link up, the log refuses updates and deletes,
// and a row edited behind the application's back is found and named.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify-chain.ts';
import type { AuditEventInput } from '../../src/audit/events.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';

const event = (n: number): AuditEventInput => ({
  action: 'population.set',
  entityType: 'population',
  entityId: n,
  regionCode: '640121',
  summary: `事件 ${n}`,
  payload: { before: null, after: { unitCode: null, year: 2000 + n, population: n } },
});

describe.each(DIALECTS)('audit chain on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dialect);
    const actor = { id: null, name: '测试' };
    await t.ctx.db.kysely
      .transaction()
      .execute((trx) => t.ctx.audit.recordMany(trx, actor, [event(1), event(2)]));
    await t.ctx.db.kysely.transaction().execute((trx) => t.ctx.audit.record(trx, actor, event(3)));
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('verifies an intact chain', async () => {
    expect(await verifyAuditChain(t.ctx.db.kysely, t.ctx.auditKeys)).toEqual({ ok: true, count: 3 });
  });

  it('refuses to update or delete an audit row through the database', async () => {
    await expect(
      t.ctx.db.kysely.updateTable('audit_events').set({ summary: 'x' }).where('id', '=', 1).execute(),
    ).rejects.toThrow(/只允许追加/);
    await expect(t.ctx.db.kysely.deleteFrom('audit_events').where('id', '=', 1).execute()).rejects.toThrow(
      /只允许追加/,
    );
  });

  it('names the first event that was edited directly in the database', async () => {
    if (dialect === 'sqlite') {
      await sql`drop trigger audit_events_no_update`.execute(t.ctx.db.kysely);
    } else {
      await sql`alter table audit_events disable trigger audit_events_no_update`.execute(t.ctx.db.kysely);
    }
    await t.raw(`update audit_events set summary = '事件 2（被改动）' where id = 2`);
    const r = await verifyAuditChain(t.ctx.db.kysely, t.ctx.auditKeys);
    expect(r).toMatchObject({ ok: false, badEventId: 2, count: 1 });
  });
});
