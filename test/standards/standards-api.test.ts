// 编制标准 and 数据比对 over HTTP on both databases: scope first, the what-if writes nothing,
// an uploaded list is compared and its differences exported.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import { json, loginCookie, multipart, testApp } from '../support/app.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, tableCounts } from '../support/fixtures.ts';

const PASSWORD = 'Standard-Pass-2026';
const LIST = [
  '序号,姓名,身份证号,单位,编制类型',
  '1,张伟,64012119800101001X,县委组织部,行政编制',
  '2,王强,640121199003200030,永宁县教育局,事业编制',
  '',
].join('\n');

interface Kind {
  key: string;
  totals: { requirement: number; approved: number; shortfall: number };
}

describe.each(DIALECTS)('standards and reconciliation API on %s', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestDb(dialect);
    const actor = { id: null, name: '测试' };
    expect(
      (await importWorkbook(t.ctx, { actor, paths: [COUNTY_DIR], dryRun: false, allowedRegions: null })).ok,
    ).toBe(true);
    const units = await unitIdsByCode(t.ctx.db.kysely, ['640121']);
    for (const [u, role, unit] of [
      ['clerk', 'clerk', null],
      ['leader', 'leader', null],
      ['liaison', 'liaison', 'A03'],
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
    for (const u of ['clerk', 'leader', 'liaison']) cookies[u] = await loginCookie(app, u, PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  const get = (url: string, who?: string) =>
    app.inject({ method: 'GET', url, headers: who ? { cookie: cookies[who] ?? '' } : {} });

  it('measures against the standards, and the what-if changes nothing', async () => {
    expect((await get('/api/standards?region=640121&year=2023')).statusCode).toBe(401);
    expect((await get('/api/standards?region=640121&year=2023', 'liaison')).statusCode).toBe(403);
    const res = await get('/api/standards?region=640121&year=2023', 'leader');
    expect(res.statusCode).toBe(200);
    const body = json<{ kinds: Kind[]; text: string[] }>(res);
    const school = body.kinds.find((k) => k.key === 'school');
    // B01: 1800/12.5 + 900/13.5 = 144 + 66.67; B02: 600/12.5 = 48 → 四舍五入 each: 211 + 48 = 259, 核定 115 + 40.
    expect(school?.totals.requirement).toBe(259);
    expect(body.text.join('\n')).toContain('中小学教职工编制还缺配');
    const before = await tableCounts(t.ctx.db.kysely);
    const whatIf = await app.inject({
      method: 'POST',
      url: '/api/standards/what-if',
      headers: { cookie: cookies.leader ?? '' },
      payload: {
        region: '640121',
        year: 2023,
        overrides: { standards: { school: { ratios: { senior: 10 } } } },
      },
    });
    expect(whatIf.statusCode).toBe(200);
    const changed = json<{ kinds: Kind[] }>(whatIf).kinds.find((k) => k.key === 'school');
    expect(changed?.totals.requirement).toBe(180 + 67 + 60);
    expect(await tableCounts(t.ctx.db.kysely)).toEqual(before);
  });

  it('sets population against quota, not for liaisons', async () => {
    expect((await get('/api/reports/population?region=640121', 'liaison')).statusCode).toBe(403);
    const res = await get('/api/reports/population?region=640121', 'leader');
    expect(res.statusCode).toBe(200);
    const body = json<{ summary: { growthPercent: number | null }; sentence: string | null }>(res);
    // (322000 − 218500) / 218500 = 47.368…%
    expect(body.summary.growthPercent).toBe(47.37);
    expect(body.sentence).toContain('我县目前人口为32.2万，较2010年增长47.37%');
  });

  it('lets the office enter student numbers and lists overdue matters', async () => {
    expect((await get('/api/timeliness?region=640121', 'liaison')).statusCode).toBe(403);
    const timeliness = await get('/api/timeliness?region=640121', 'clerk');
    expect(timeliness.statusCode).toBe(200);
    expect(json<{ workingDays: number }>(timeliness).workingDays).toBe(5);
    const settings = await app.inject({
      method: 'PUT',
      url: '/api/timeliness/settings',
      headers: { cookie: cookies.clerk ?? '' },
      payload: { region: '640121', workingDays: 10, holidays: [], extraWorkdays: [] },
    });
    expect(settings.statusCode).toBe(403);
    const units = await unitIdsByCode(t.ctx.db.kysely, ['640121']);
    const put = (who: string, senior: number) =>
      app.inject({
        method: 'PUT',
        url: '/api/inputs/students',
        headers: { cookie: cookies[who] ?? '' },
        payload: {
          region: '640121',
          unitId: units.get('640121/B02'),
          year: 2024,
          senior,
          junior: null,
          primary: null,
          preschool: null,
        },
      });
    expect((await put('leader', 700)).statusCode).toBe(403);
    expect((await put('clerk', 700)).statusCode).toBe(200);
    const rows = json<{ rows: { unitCode: string; senior: number | null }[] }>(
      await get('/api/inputs/students?region=640121&year=2024', 'clerk'),
    );
    expect(rows.rows.find((r) => r.unitCode === 'B02')?.senior).toBe(700);
  });

  it('compares an uploaded list with the establishment, for the office only', async () => {
    const file = { name: '统发名单.csv', content: Buffer.from(LIST) };
    const denied = multipart([file], { source: '财政' });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/reconciliations',
          headers: { ...denied.headers, cookie: cookies.leader ?? '' },
          payload: denied.payload,
        })
      ).statusCode,
    ).toBe(403);
    const body = multipart([file], { source: '财政' });
    const res = await app.inject({
      method: 'POST',
      url: '/api/reconciliations',
      headers: { ...body.headers, cookie: cookies.clerk ?? '' },
      payload: body.payload,
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/64012119\d{9}[\dX]/);
    const summary = json<{ id: number; counts: Record<string, number> }>(res);
    expect(summary.counts.other_unit).toBe(1);
    expect(summary.counts.not_on_list).toBeGreaterThanOrEqual(2);
    const items = await get(`/api/reconciliations/${summary.id}/items?kind=other_unit`, 'clerk');
    expect(json<{ items: { name: string }[] }>(items).items.map((i) => i.name)).toEqual(['王强']);
    const exported = await get(`/api/reconciliations/${summary.id}/export`, 'clerk');
    expect(exported.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
