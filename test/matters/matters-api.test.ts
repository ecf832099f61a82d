// Matters over HTTP: a liaison files a 调剂, the office assesses, decides and implements it;
// the unit's 沿革 shows the 文号, the report changes, and the audit log is readable by the
// 审计管理员 only.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatterDetail, MatterList } from '../../src/common/wire-matters.ts';
import type { AuditPage, UnitHistoryEntry } from '../../src/common/wire.ts';
import type { BasicReportResponse, WorkStatisticsResponse } from '../../src/common/wire-reports.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import { json, loginCookie, testApp } from '../support/app.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR } from '../support/fixtures.ts';

const PASSWORD = 'Matter-Pass-2026';

describe.each(DIALECTS)('matters API on %s', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};
  let units: Map<string, number>;

  beforeAll(async () => {
    t = await openTestDb(dialect);
    const actor = { id: null, name: '测试' };
    expect(
      (await importWorkbook(t.ctx, { actor, paths: [COUNTY_DIR], dryRun: false, allowedRegions: null })).ok,
    ).toBe(true);
    units = await unitIdsByCode(t.ctx.db.kysely, ['640121']);
    for (const [u, role, unit] of [
      ['liaison', 'liaison', 'A03'],
      ['clerk', 'clerk', null],
      ['admin', 'admin', null],
      ['auditor', 'auditor', null],
    ] as const) {
      await createUser(t.ctx, {
        actor,
        username: u,
        displayName: u,
        role,
        regionCode: '640121',
        unitId: unit ? (units.get(`640121/${unit}`) ?? null) : null,
        password: PASSWORD,
      });
    }
    app = await testApp(t);
    for (const u of ['liaison', 'clerk', 'admin', 'auditor'])
      cookies[u] = await loginCookie(app, u, PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  const call = (method: 'GET' | 'POST', url: string, who: string, payload?: unknown) =>
    app.inject({ method, url, headers: { cookie: cookies[who] ?? '' }, payload: payload as never });
  const id = (code: string) => units.get(`640121/${code}`) ?? -1;

  it('takes a 调剂 from 动议 to 组织实施 and shows it in the 沿革 and the report', async () => {
    expect(
      (
        await call('POST', '/api/matters', 'auditor', {
          region: '640121',
          title: 'x',
          reasons: 'xx',
          changes: [],
        })
      ).statusCode,
    ).toBe(403);
    const created = await call('POST', '/api/matters', 'liaison', {
      region: '640121',
      title: '教育局所属事业单位编制调剂',
      reasons: '职业教育学校招生增加，需增加编制',
      changes: [
        {
          kind: 'transfer',
          quotaType: '事业编制',
          lines: [
            { unitId: id('B01'), delta: -4 },
            { unitId: id('B02'), delta: 4 },
          ],
        },
      ],
    });
    expect(created.statusCode).toBe(200);
    const matter = json<MatterDetail>(created);
    expect(matter.state).toBe('proposed');
    // The matter page says who acts next: the office assesses.
    expect(matter.nextStep).toEqual({ action: 'assess', label: '论证', who: '编办管理员或编办业务员' });
    expect(matter.changeTexts[0]).toContain('从 永宁县第一中学 4 名 调入 永宁县职业教育学校 4 名');
    const waiting = json<MatterList>(await call('GET', '/api/matters?region=640121&view=waiting', 'clerk'));
    expect(waiting.items.map((m) => m.id)).toContain(matter.id);
    expect(
      (await call('POST', `/api/matters/${matter.id}/assess`, 'liaison', { comment: '' })).statusCode,
    ).toBe(403);
    expect(
      (
        await call('POST', `/api/matters/${matter.id}/decide`, 'clerk', {
          decisionBody: '县委编委会',
          docNo: '永编发〔2026〕9号',
          decidedOn: '2026-01-05',
        })
      ).statusCode,
    ).toBe(403);
    const assessed = json<MatterDetail>(
      await call('POST', `/api/matters/${matter.id}/assess`, 'clerk', { comment: '符合规定' }),
    );
    expect(assessed.state).toBe('assessed');
    expect(assessed.steps[1]?.ruleResults?.find((r) => r.rule === 'balance')?.ok).toBe(true);
    const decided = json<MatterDetail>(
      await call('POST', `/api/matters/${matter.id}/decide`, 'admin', {
        decisionBody: '县委编委会',
        docNo: '永编发〔2026〕9号',
        decidedOn: '2026-01-05',
      }),
    );
    expect(decided.state).toBe('decided');
    const done = await call('POST', `/api/matters/${matter.id}/implement`, 'clerk', {
      effectiveOn: '2026-01-10',
    });
    expect(done.statusCode).toBe(200);
    expect(json<MatterDetail>(done).state).toBe('implemented');
    expect(json<MatterDetail>(done).nextStep).toBeNull();
    // The clerk may implement, but this matter is done: a conflict (409), not a refusal.
    expect(
      (await call('POST', `/api/matters/${matter.id}/implement`, 'clerk', { effectiveOn: '2026-01-10' }))
        .statusCode,
    ).toBe(409);

    const history = json<UnitHistoryEntry[]>(await call('GET', `/api/units/${id('B02')}/history`, 'clerk'));
    expect(history.at(-1)).toMatchObject({
      date: '2026-01-10',
      docNo: '永编发〔2026〕9号',
      what: '事业编制核定 44 名',
      matterId: matter.id,
    });
    const report = json<BasicReportResponse>(
      await call('GET', '/api/reports/basic?region=640121&asOf=2026-01-10', 'clerk'),
    );
    expect(report.report.figures.find((f) => f.key === 'institutionQuota')?.value).toBe(180);

    const work = json<WorkStatisticsResponse>(
      await call('GET', '/api/reports/work?region=640121&from=2026-01-01&to=2026-12-31', 'clerk'),
    );
    expect(work.stats.figures.find((f) => f.key === 'quotasTransferred')).toMatchObject({
      value: 4,
      matters: [expect.objectContaining({ docNo: '永编发〔2026〕9号' })],
    });
    expect(work.text).toContain('共调剂使用行政、事业编制4名');
    expect(
      (await call('GET', '/api/reports/work?region=640121&from=2026-01-01&to=2026-12-31', 'liaison'))
        .statusCode,
    ).toBe(403);
  });

  it('reports the failed rule with unit and excess, and keeps the matter where it was', async () => {
    const created = json<MatterDetail>(
      await call('POST', '/api/matters', 'clerk', {
        region: '640121',
        title: '核减组织部编制',
        reasons: '职能调整',
        changes: [{ kind: 'quotaReduce', unitId: id('A02'), quotaType: '行政编制', amount: 14 }],
      }),
    );
    const res = await call('POST', `/api/matters/${created.id}/assess`, 'clerk', { comment: '' });
    expect(res.statusCode).toBe(422);
    const body = json<{
      error: {
        code: string;
        message: string;
        details: { results: { rule: string; excess: number; unitId: number }[] };
      };
    }>(res);
    expect(body.error.code).toBe('RULE_VIOLATION');
    expect(body.error.details.results.find((r) => r.rule === 'noOverQuota')).toMatchObject({
      excess: 1,
      unitId: id('A02'),
    });
    expect(json<MatterDetail>(await call('GET', `/api/matters/${created.id}`, 'clerk')).state).toBe(
      'proposed',
    );
  });

  it('lets the 安全审计员 read and export the audit log, and nobody else', async () => {
    expect((await call('GET', '/api/audit?region=640121', 'clerk')).statusCode).toBe(403);
    expect((await call('GET', '/api/audit?region=640121', 'admin')).statusCode).toBe(403);
    expect((await call('GET', '/api/audit/export?region=640121', 'admin')).statusCode).toBe(403);
    const page = json<AuditPage>(await call('GET', '/api/audit?region=640121&entityType=matter', 'auditor'));
    expect(page.chain.ok).toBe(true);
    expect(page.items.some((e) => e.summary.includes('永编发〔2026〕9号'))).toBe(true);
    const exported = await call('GET', '/api/audit/export?region=640121', 'auditor');
    expect(exported.statusCode).toBe(200);
    expect(exported.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
