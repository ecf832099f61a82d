// The report endpoints on both databases: scope (401/403), the drill-down adds up to every
// figure, and the Word and Excel downloads.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BasicReportResponse,
  CountiesResponse,
  DrillResponse,
  HistoryResponse,
} from '../../src/common/wire-reports.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import { json, loginCookie, testApp } from '../support/app.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR } from '../support/fixtures.ts';

const actor = { id: null, name: '测试' };
const PASSWORD = 'Report-Pass-2026';

describe.each(DIALECTS)('report API on %s', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestDb(dialect);
    expect(
      (await importWorkbook(t.ctx, { actor, paths: [COUNTY_DIR], dryRun: false, allowedRegions: null })).ok,
    ).toBe(true);
    await ensureRegion(t.ctx, { code: '640122', actor });
    await ensureRegion(t.ctx, { code: '640100', actor });
    const units = await unitIdsByCode(t.ctx.db.kysely, ['640121']);
    const make = (username: string, role: string, regionCode: string, unitId: number | null = null) =>
      createUser(t.ctx, {
        actor,
        username,
        displayName: username,
        role,
        regionCode,
        unitId,
        password: PASSWORD,
      });
    await make('leader', 'leader', '640121');
    await make('liaison', 'liaison', '640121', units.get('640121/A03') ?? null);
    await make('helan', 'clerk', '640122');
    await make('city', 'viewer', '640100');
    app = await testApp(t);
    for (const u of ['leader', 'liaison', 'helan', 'city']) cookies[u] = await loginCookie(app, u, PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  const get = (url: string, who?: string) =>
    app.inject({ method: 'GET', url, headers: who ? { cookie: cookies[who] ?? '' } : {} });

  it('refuses anonymous users, other counties and liaisons', async () => {
    expect((await get('/api/reports/basic?region=640121')).statusCode).toBe(401);
    expect((await get('/api/reports/basic?region=640121', 'helan')).statusCode).toBe(403);
    const liaison = await get('/api/reports/basic?region=640121', 'liaison');
    expect(liaison.statusCode).toBe(403);
    expect(json<{ error: { message: string } }>(liaison).error.message).toContain('部门联络员');
    expect((await get('/api/reports/basic/drill?region=640121&key=institutions', 'helan')).statusCode).toBe(
      403,
    );
  });

  it('answers the report with its text, figures and data-quality findings', async () => {
    const res = await get('/api/reports/basic?region=640121&asOf=2026-01-01', 'leader');
    expect(res.statusCode).toBe(200);
    const body = json<BasicReportResponse>(res);
    expect(body.text).toContain('永宁县共设置党政机构4个');
    expect(body.text).toContain('银川市委政府派出机构0个');
    const value = (key: string) => body.report.figures.find((f) => f.key === key)?.value;
    // B04 was abolished on 2024-06-30: three institutions remain.
    expect(value('institutions')).toBe(3);
    expect(value('adminQuota')).toBe(80);
    expect(value('politicalLegalQuota')).toBe(3);
    expect(value('institutionQuota')).toBe(180);
    expect(body.quality.some((q) => q.kind === 'no_quota')).toBe(false);
    const past = json<BasicReportResponse>(
      await get('/api/reports/basic?region=640121&asOf=2020-01-01', 'leader'),
    );
    expect(past.report.figures.find((f) => f.key === 'institutions')?.value).toBe(4);
  });

  it('drills every count figure down to rows that add up to it', async () => {
    const report = json<BasicReportResponse>(
      await get('/api/reports/basic?region=640121&asOf=2023-01-01', 'leader'),
    );
    for (const f of report.report.figures) {
      const res = await get(
        `/api/reports/basic/drill?region=640121&asOf=2023-01-01&key=${f.key}&pageSize=500`,
        'leader',
      );
      expect(res.statusCode).toBe(200);
      const d = json<DrillResponse>(res);
      if (d.kind === 'people') expect(d.total, f.key).toBe(f.value);
      else
        expect(
          d.rows.reduce((s, r) => s + r.value, 0),
          f.key,
        ).toBe(f.value);
    }
    const people = json<DrillResponse>(
      await get('/api/reports/basic/drill?region=640121&asOf=2023-01-01&key=adminActual', 'leader'),
    );
    expect(people.kind).toBe('people');
    if (people.kind === 'people')
      expect(people.rows.map((p) => p.name).sort()).toEqual(['张伟', '李娜', '杨磊'].sort());
    expect((await get('/api/reports/basic/drill?region=640121&key=nonsense', 'leader')).statusCode).toBe(404);
  });

  it('downloads the report as Word and the statistics as Excel', async () => {
    const docx = await get('/api/reports/basic/export?region=640121&format=docx', 'leader');
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const xlsx = await get('/api/reports/basic/export?region=640121&format=xlsx', 'leader');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const drill = await get('/api/reports/basic/drill/export?region=640121&key=totalActual', 'leader');
    expect(drill.statusCode).toBe(200);
  });

  it('sums a city over its counties and shows them side by side', async () => {
    const res = await get('/api/reports/basic?region=640100&asOf=2026-01-01', 'city');
    expect(res.statusCode).toBe(200);
    const body = json<BasicReportResponse>(res);
    expect(body.text).toContain('全市各县（市、区）共设置党政机构4个');
    expect(body.report.counties.map((c) => c.code).sort()).toEqual(['640121', '640122']);
    const side = await get('/api/reports/counties?region=640100&asOf=2026-01-01', 'city');
    expect(side.statusCode).toBe(200);
    // Every county of 银川市 is listed, with whether it has data; the sum is the summed report's.
    const sides = json<CountiesResponse>(side);
    expect(sides.counties).toHaveLength(6);
    expect(sides.counties.filter((c) => c.hasData).map((c) => c.code)).toEqual(['640121']);
    for (const f of body.report.figures) expect(sides.total[f.key], f.key).toBe(f.value);
    expect((await get('/api/reports/basic?region=640221', 'city')).statusCode).toBe(403);
  });

  it('gives the totals over the years', async () => {
    const h = json<HistoryResponse>(await get('/api/reports/history?region=640121', 'leader'));
    const y2015 = h.years.find((y) => y.year === 2015);
    const y2019 = h.years.find((y) => y.year === 2019);
    expect(y2019?.adminQuota).toBe(80);
    expect(y2015 === undefined || y2015.adminQuota === 0).toBe(true);
  });
});
