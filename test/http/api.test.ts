// The HTTP API on both databases: 401 and 403 before the happy paths, masking, audit.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob, MeResponse, PeoplePage, UnitDetail, UnitNode } from '../../src/common/wire.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import { checkpointDates } from '../../src/domain/reports/report-cells.ts';
import { todayInChina } from '../../src/context.ts';
import { json, loginCookie, multipart, testApp } from '../support/app.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, tempDir } from '../support/fixtures.ts';

const actor = { id: null, name: '测试' };
const PASSWORD = 'Correct-Horse-9';

describe.each(DIALECTS)('HTTP API on %s', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};
  let units: Map<string, number>;

  beforeAll(async () => {
    t = await openTestDb(dialect);
    const imported = await importWorkbook(t.ctx, {
      actor,
      paths: [COUNTY_DIR],
      dryRun: false,
      allowedRegions: null,
    });
    expect(imported.ok).toBe(true);
    const other = tempDir();
    fs.writeFileSync(
      path.join(other, '机构.csv'),
      '行政区划代码,机构编码,机构名称,上级机构编码,机构类别,机构规格,隶属关系,占直属限额,经费形式,单位类型,所属系统,是否法人,统一社会信用代码,加挂牌子,成立日期,撤销日期\n' +
        '640122,A01,贺兰县委组织部,,党委工作机关,正科,,,,,,是,,,1984-01-01,\n',
    );
    expect(
      (await importWorkbook(t.ctx, { actor, paths: [other], dryRun: false, allowedRegions: null })).ok,
    ).toBe(true);
    await ensureRegion(t.ctx, { code: '640100', actor });
    units = await unitIdsByCode(t.ctx.db.kysely, ['640121', '640122']);
    const make = (username: string, role: string, regionCode: string, unit: string | null = null) =>
      createUser(t.ctx, {
        actor,
        username,
        displayName: username,
        role,
        regionCode,
        unitId: unit ? (units.get(`${regionCode}/${unit}`) ?? null) : null,
        password: PASSWORD,
      });
    await make('admin', 'admin', '640121');
    await make('clerk', 'clerk', '640121');
    await make('liaison', 'liaison', '640121', 'A03');
    await make('leader', 'leader', '640121');
    await make('city', 'viewer', '640100');
    await make('helan', 'admin', '640122');
    app = await testApp(t);
    for (const u of ['admin', 'clerk', 'liaison', 'leader', 'city', 'helan'])
      cookies[u] = await loginCookie(app, u, PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  const get = (url: string, who?: string) =>
    app.inject({ method: 'GET', url, headers: who ? { cookie: cookies[who] ?? '' } : {} });
  const unitId = (code: string, region = '640121') => units.get(`${region}/${code}`) ?? 0;

  /** Uploads the files as the clerk and waits for the import job to end. */
  async function importUpload(files: { name: string; content: Buffer }[], dryRun: 'true' | 'false') {
    const body = multipart(files, { dryRun });
    const started = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...body.headers, cookie: cookies.clerk ?? '' },
      payload: body.payload,
    });
    expect(started.statusCode).toBe(202);
    let job = json<ImportJob>(started);
    // Up to 60 s: the import runs in a worker thread, slow when another test file runs beside it.
    for (let i = 0; i < 600 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = json<ImportJob>(await get(`/api/imports/${job.id}`, 'clerk'));
    }
    return job;
  }

  it('answers 401 without a session and on a wrong password', async () => {
    expect((await get('/api/units?region=640121')).statusCode).toBe(401);
    expect((await get('/api/people?region=640121')).statusCode).toBe(401);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'admin', password: 'nope' },
    });
    expect(bad.statusCode).toBe(401);
    expect(json<{ error: { message: string } }>(bad).error.message).toBe('用户名或密码错误');
    expect((await get('/api/units?region=640121', 'admin')).statusCode).toBe(200);
  });

  it('throttles password guessing and sends protective headers', async () => {
    const guess = () =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `ghost-${dialect}`, password: 'x' },
      });
    for (let i = 0; i < 5; i++) expect((await guess()).statusCode).toBe(401);
    const locked = await guess();
    expect(locked.statusCode).toBe(429);
    expect(json<{ error: { message: string } }>(locked).error.message).toContain('登录失败次数过多');
    const res = await get('/api/units?region=640121', 'admin');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('answers 403 for another county, never an empty list', async () => {
    const res = await get('/api/units?region=640122', 'admin');
    expect(res.statusCode).toBe(403);
    expect((await get(`/api/units/${unitId('A01', '640122')}`, 'admin')).statusCode).toBe(403);
    expect((await get('/api/people?region=640122', 'clerk')).statusCode).toBe(403);
    expect((await get('/api/units?region=640121', 'helan')).statusCode).toBe(403);
  });

  it('limits a liaison to their unit and the units below it', async () => {
    expect((await get(`/api/units/${unitId('B03')}`, 'liaison')).statusCode).toBe(403);
    expect((await get(`/api/units/${unitId('B01')}`, 'liaison')).statusCode).toBe(200);
    const tree = json<UnitNode[]>(await get('/api/units?region=640121', 'liaison'));
    expect(tree.map((u) => u.code).sort()).toEqual(['A03', 'A03-1', 'B01', 'B02']);
    const people = json<PeoplePage>(await get('/api/people?region=640121&pageSize=50', 'liaison'));
    expect(people.items.map((p) => p.unitCode).every((c) => ['A03', 'B01', 'B02'].includes(c))).toBe(true);
    expect(people.total).toBe(3);
    expect((await get(`/api/people?region=640121&unitId=${unitId('A02')}`, 'liaison')).statusCode).toBe(403);
  });

  it('lets a city user read the counties below it and nothing else', async () => {
    expect((await get('/api/units?region=640121', 'city')).statusCode).toBe(200);
    expect((await get('/api/units?region=640122', 'city')).statusCode).toBe(200);
    expect((await get('/api/units?region=640221', 'city')).statusCode).toBe(403);
    expect((await get('/api/export?region=640121', 'city')).statusCode).toBe(403);
  });

  it('masks 身份证号 in every response and reveals it only to the office, with an audit event', async () => {
    const res = await get('/api/people?region=640121&pageSize=50', 'leader');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toMatch(/64012119\d{9}[\dX]/);
    const page = json<PeoplePage>(res);
    expect(page.total).toBe(8);
    expect(page.items[0]?.idMasked).toMatch(/^6401\*{10}\d{3}[\dX]$/);
    const person = page.items.find((p) => p.name === '张伟');
    expect(person).toBeDefined();
    const detail = await get(`/api/people/${person?.id}`, 'leader');
    expect(detail.statusCode).toBe(200);
    expect(detail.body).not.toMatch(/64012119\d{9}[\dX]/);
    const denied = await app.inject({
      method: 'POST',
      url: `/api/people/${person?.id}/reveal-id`,
      headers: { cookie: cookies.leader ?? '' },
    });
    expect(denied.statusCode).toBe(403);
    const shown = await app.inject({
      method: 'POST',
      url: `/api/people/${person?.id}/reveal-id`,
      headers: { cookie: cookies.clerk ?? '' },
    });
    expect(json<{ idNumber: string }>(shown).idNumber).toBe('64012119800101001X');
    const events = await t.ctx.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'person.reveal_id')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]?.actor_name).toBe('clerk');
  });

  it('shows a unit with its quota history, plaques and figures as of a date', async () => {
    const b01 = json<UnitDetail>(await get(`/api/units/${unitId('B01')}?asOf=2024-01-01`, 'leader'));
    expect(b01.name).toBe('永宁县第一中学');
    expect(
      b01.quotas
        .filter((q) => q.inForce)
        .map((q) => [q.source, q.approved])
        .sort(),
    ).toEqual([
      ['', 110],
      ['周转池', 5],
    ]);
    // 王强 在编; 刘洋 left 2024-03-31 (still counted on 2024-01-01); 陈静 待入编.
    expect(b01.figures).toEqual([
      { quotaType: '事业编制', approved: 115, actual: 2, pending: 1, vacant: 113, over: 0, realVacant: 112 },
    ]);
    const b02 = json<UnitDetail>(await get(`/api/units/${unitId('B02')}`, 'leader'));
    expect(b02.plaques.map((p) => p.name)).toEqual(['永宁开放大学永宁学院']);
    const past = json<UnitDetail>(await get(`/api/units/${unitId('B01')}?asOf=2020-01-01`, 'leader'));
    expect(past.figures[0]?.approved).toBe(100);
  });

  it('requires a one-time password to be changed before anything else', async () => {
    const { password } = await createUser(t.ctx, {
      actor,
      username: 'newbie',
      displayName: '新人',
      role: 'clerk',
      regionCode: '640121',
      unitId: null,
    });
    const cookie = await loginCookie(app, 'newbie', password);
    const blocked = await app.inject({ method: 'GET', url: '/api/units?region=640121', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(json<{ error: { code: string } }>(blocked).error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const me = json<MeResponse>(
      await app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } }),
    );
    expect(me.user.mustChangePassword).toBe(true);
    const weak = await app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: { cookie },
      payload: { oldPassword: password, newPassword: 'aaaaaaaaaa' },
    });
    expect(weak.statusCode).toBe(400);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: { cookie },
      payload: { oldPassword: password, newPassword: 'Better-Pass-2026' },
    });
    expect(ok.statusCode).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: '/api/units?region=640121', headers: { cookie } })).statusCode,
    ).toBe(200);
  });

  it('imports an upload in the background, refusing roles that may not', async () => {
    const files = fs
      .readdirSync(COUNTY_DIR)
      .map((f) => ({ name: f, content: fs.readFileSync(path.join(COUNTY_DIR, f)) }));
    const denied = multipart(files, { dryRun: 'false' });
    const refused = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...denied.headers, cookie: cookies.leader ?? '' },
      payload: denied.payload,
    });
    expect(refused.statusCode).toBe(403);
    const job = await importUpload(files, 'true');
    expect(job.message).toBeNull();
    expect(job.status).toBe('done');
    expect(job.result?.errors).toEqual([]);
    expect(job.result?.ok).toBe(true);
    expect(job.result?.counts['人员']).toEqual({ inserted: 0, updated: 0, unchanged: 8 });
    expect((await get(`/api/imports/${job.id}`, 'admin')).statusCode).toBe(403);
    // Only its own user may cancel it; a job that has ended is returned as it ended.
    const cancel = (who: string) =>
      app.inject({
        method: 'POST',
        url: `/api/imports/${job.id}/cancel`,
        headers: { cookie: cookies[who] ?? '' },
      });
    expect((await cancel('admin')).statusCode).toBe(403);
    const ended = await cancel('clerk');
    expect(ended.statusCode).toBe(200);
    expect(json<ImportJob>(ended)).toMatchObject({ status: 'done', cancellable: false });
  });

  it("rebuilds the report's checkpoints of the importer's county in the background after an import", async () => {
    const files = fs
      .readdirSync(COUNTY_DIR)
      .map((f) => ({ name: f, content: fs.readFileSync(path.join(COUNTY_DIR, f)) }));
    expect((await importUpload(files, 'false')).status).toBe('done');
    const dates = checkpointDates(todayInChina());
    const stored = async () =>
      (
        await t.ctx.db.kysely
          .selectFrom('report_aggregates')
          .select('as_of')
          .where('region_code', '=', '640121')
          .where('as_of', 'in', dates)
          .execute()
      ).length;
    // Up to 60 s: one report job per date, in the report worker, beside other test files.
    for (let i = 0; i < 600 && (await stored()) < dates.length; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await stored()).toBe(dates.length);
  });

  it('exports the workbook for the office only', async () => {
    expect((await get('/api/export?region=640121', 'leader')).statusCode).toBe(403);
    expect((await get('/api/export?region=640122', 'admin')).statusCode).toBe(403);
    const res = await get('/api/export?region=640121', 'admin');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('serves the OpenAPI description to signed-in users', async () => {
    expect((await get('/api/docs/json')).statusCode).toBe(401);
    const res = await get('/api/docs/json', 'leader');
    expect(res.statusCode).toBe(200);
    const doc = json<{ paths: Record<string, unknown> }>(res);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/units', '/api/people', '/api/imports']),
    );
  });

  it('records an audit event for every write', async () => {
    const actions = new Set(
      (await t.ctx.db.kysely.selectFrom('audit_events').select('action').execute()).map((r) => r.action),
    );
    for (const a of [
      // The import writes its small sheets in batches (docs/import.md): one event per batch.
      'unit.import',
      'quota.import',
      'post.import',
      'person.import',
      'user.create',
      'user.login',
      'user.change_password',
      'export.run',
    ]) {
      expect(actions).toContain(a);
    }
  });
});
