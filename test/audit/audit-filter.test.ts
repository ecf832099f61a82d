// The 审计日志 filter finds a user's events by the name shown or by the username, and the total
// it reports is the number of events the list holds, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventInput } from '../../src/audit/events.ts';
import { listAuditEvents } from '../../src/db/repositories/audit.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';

const event = (n: number): AuditEventInput => ({
  action: 'population.set',
  entityType: 'population',
  entityId: n,
  regionCode: '640121',
  summary: `事件 ${String(n)}`,
  payload: { before: null, after: { unitCode: null, year: 2000 + n, population: n } },
});

describe.each(DIALECTS)('audit filter on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dialect);
    const system = { id: null, name: '测试' };
    await ensureRegion(t.ctx, { code: '640121', actor: system });
    const zhang = await createUser(t.ctx, {
      actor: system,
      username: 'zhangsan',
      displayName: '张三',
      role: 'clerk',
      regionCode: '640121',
      unitId: null,
      password: 'Filter-Pass-2026',
    });
    const actor = { id: zhang.id, name: '张三' };
    await t.ctx.db.kysely
      .transaction()
      .execute((trx) => t.ctx.audit.recordMany(trx, actor, [event(1), event(2)]));
    await t.ctx.db.kysely.transaction().execute((trx) => t.ctx.audit.record(trx, system, event(3)));
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('finds the events of a user by name and by username, with a total that agrees with the list', async () => {
    for (const who of ['张三', 'zhangsan']) {
      const found = await listAuditEvents(t.ctx.db.kysely, {
        regionCodes: null,
        actorName: who,
        limit: 50,
        offset: 0,
      });
      expect(found.rows.map((r) => r.summary).sort(), who).toEqual(['事件 1', '事件 2']);
      expect(found.total).toBe(found.rows.length);
    }
    const nobody = await listAuditEvents(t.ctx.db.kysely, {
      regionCodes: null,
      actorName: 'lisi',
      limit: 50,
      offset: 0,
    });
    expect(nobody).toEqual({ total: 0, rows: [] });
  });
});
