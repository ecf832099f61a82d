// The registration area over HTTP on both databases: 401 without a session, 403 outside one's
// scope, the annual-report journey (institution files, 举办单位 signs off, office approves), and
// the 公示 page answering without a cookie while no response of it carries an unpublished or
// personal field.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSoffice, PDF_UNAVAILABLE } from '../../src/report/certificate-pdf.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { json, loginCookie, testApp } from '../support/app.ts';
import { FULL_SETUP, REGION, registrationCounty, type Who } from './support.ts';

const PASSWORD = 'Registration-Pass-2026';
const ITEMS = {
  businessActivities: '已公示的业务活动内容',
  assetsAndResults: '资产总额 3200 万元',
  changeRegistration: '无',
  performanceAndAwards: '无',
  litigation: '无',
  complaints: '无',
  donations: '无',
  other: '无',
};

describe.each(DIALECTS)('registration API on %s', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  let unit: (code: string) => number;
  const cookie: Partial<Record<Who, string>> = {};

  beforeAll(async () => {
    t = await openTestDb(dialect);
    ({ unit } = await registrationCounty(t));
    app = await testApp(t);
    for (const who of ['clerk', 'hospital', 'school', 'education'] as const)
      cookie[who] = await loginCookie(app, who, PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  const call = async (who: Who | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await app.inject({
      method,
      url,
      payload: payload as object | undefined,
      headers: who ? { cookie: cookie[who] ?? '' } : {},
    });
    return res;
  };
  const ok = async <T>(
    who: Who,
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    payload?: unknown,
  ): Promise<T> => {
    const res = await call(who, method, url, payload);
    expect(res.statusCode, res.body).toBe(200);
    return json<T>(res);
  };
  const register = async (who: Who, code: string, legalRep: string) => {
    const { id } = await ok<{ id: number }>(who, 'POST', '/api/registration/applications', {
      unitId: unit(code),
      kind: '设立',
      details: {
        name: `单位${code}`,
        purpose: '公益服务',
        address: '永宁县',
        legalRep,
        capital: '100',
        fundingSource: '财政补助',
        sponsor: '永宁县教育局',
        sponsorUnitId: unit('A03'),
      },
      materials: FULL_SETUP,
      on: '2025-03-02',
    });
    for (const step of ['accept', 'review', 'approve'])
      await ok('clerk', 'POST', `/api/registration/applications/${id}/${step}`, { on: '2025-03-03' });
    return ok<{ id: number; uscc: string }>(
      'clerk',
      'GET',
      `/api/registrations?region=${REGION}&q=单位${code}`,
    ).then((rs) => (rs as unknown as { id: number; uscc: string }[])[0] as { id: number; uscc: string });
  };

  it('refuses anonymous calls and calls outside the caller’s scope', async () => {
    expect((await call(null, 'GET', `/api/registrations?region=${REGION}`)).statusCode).toBe(401);
    expect((await call(null, 'GET', `/api/registration/applications?region=${REGION}`)).statusCode).toBe(401);
    expect((await call(null, 'GET', `/api/domains?region=${REGION}`)).statusCode).toBe(401);
    expect(
      (await call(null, 'POST', '/api/uscc/issue', { region: REGION, category: '机关', unitId: null }))
        .statusCode,
    ).toBe(401);
    expect(
      (await call('hospital', 'POST', '/api/uscc/issue', { region: REGION, category: '机关', unitId: null }))
        .statusCode,
    ).toBe(403);
    // An institution's 经办人 lists only the checks it was drawn in (none here), and no other county's.
    expect(json(await call('hospital', 'GET', `/api/spot-checks?region=${REGION}`))).toEqual([]);
    expect((await call('hospital', 'GET', '/api/spot-checks?region=640122')).statusCode).toBe(403);
    expect((await call('hospital', 'GET', `/api/domains/changes?region=${REGION}`)).statusCode).toBe(403);
    const filed = await call('school', 'POST', '/api/registration/applications', {
      unitId: unit('B03'),
      kind: '设立',
      details: {},
      materials: [],
    });
    expect(filed.statusCode).toBe(403);
    const uscc = await ok<{ uscc: string }>('clerk', 'POST', '/api/uscc/issue', {
      region: REGION,
      category: '群团',
      unitId: null,
    });
    expect(uscc.uscc).toMatch(/^13640121MB/);
  });

  it('files an annual report as the institution, signs it off as the 举办单位, approves it as the office, and shows only that on the 公示 page', async () => {
    const school = await register('school', 'B01', '王某某');
    const hospital = await register('hospital', 'B03', '张某某');
    await ok('clerk', 'POST', '/api/domains', {
      unitId: unit('B01'),
      name: '永宁县第一中学.公益',
      registeredOn: '2024-01-01',
      expiresOn: '2026-06-30',
    });
    // The institution files; the hospital's report stays unpublished (no sign-off).
    const filed = await ok<{ id: number; late: boolean }>('school', 'POST', '/api/annual-reports', {
      registrationId: school.id,
      year: 2025,
      items: ITEMS,
      attachments: ['资产负债表'],
      on: '2026-02-10',
    });
    expect(filed.late).toBe(false);
    await ok('hospital', 'POST', '/api/annual-reports', {
      registrationId: hospital.id,
      year: 2025,
      items: { ...ITEMS, businessActivities: '尚未公示的卫生院报告' },
      attachments: [],
      on: '2026-04-10',
    });
    expect((await call('school', 'POST', `/api/annual-reports/${filed.id}/sign-off`)).statusCode).toBe(403);
    expect(
      (await call('clerk', 'POST', `/api/annual-reports/${filed.id}/review`, { decision: '通过' }))
        .statusCode,
    ).toBe(400);
    await ok('education', 'POST', `/api/annual-reports/${filed.id}/sign-off`);
    await ok('clerk', 'POST', `/api/annual-reports/${filed.id}/review`, {
      decision: '退回修改',
      comment: '内部审核意见：补充说明',
    });
    await ok('school', 'POST', '/api/annual-reports', {
      registrationId: school.id,
      year: 2025,
      items: ITEMS,
      attachments: ['资产负债表'],
      on: '2026-02-12',
    });
    await ok('education', 'POST', `/api/annual-reports/${filed.id}/sign-off`);
    expect(
      await ok<{ state: string }>('clerk', 'POST', `/api/annual-reports/${filed.id}/review`, {
        decision: '通过',
        comment: '内部审核意见：同意',
      }),
    ).toEqual({ state: '已公示' });
    const overview = await ok<{ expected: number; onTime: number; late: number }>(
      'clerk',
      'GET',
      `/api/annual-reports?region=${REGION}&year=2025`,
    );
    expect(overview).toMatchObject({ expected: 2, onTime: 1, late: 1 });

    // A published spot check with internal findings and named inspectors.
    const drawn = await ok<{ id: number }>('clerk', 'POST', '/api/spot-checks', {
      region: REGION,
      year: 2026,
      title: '2026年抽查',
      count: 1,
      seed: '种子',
      inspectorPool: ['检查员甲', '检查员乙'],
      inspectorCount: 1,
    });
    const detail = await ok<{ checklist: string[]; units: { id: number }[] }>(
      'clerk',
      'GET',
      `/api/spot-checks/${drawn.id}`,
    );
    const answers = Object.fromEntries(detail.checklist.map((i) => [i, '是']));
    const unitRow = detail.units[0]?.id ?? -1;
    await ok('clerk', 'POST', `/api/spot-checks/units/${unitRow}/advance`, { stage: '单位自查', answers });
    await ok('clerk', 'POST', `/api/spot-checks/units/${unitRow}/advance`, {
      stage: '实地检查',
      findings: '内部发现：档案不全',
      rectifyDue: '2026-12-31',
    });
    await ok('clerk', 'POST', `/api/spot-checks/units/${unitRow}/advance`, {
      stage: '反馈整改',
      result: '已整改',
    });
    await ok('clerk', 'POST', `/api/spot-checks/${drawn.id}/publish`);

    // Every public response, fetched with no cookie at all.
    const urls = [
      '/api/public/registrations',
      `/api/public/registrations?region=${REGION}`,
      `/api/public/registrations?q=${encodeURIComponent(school.uscc)}`,
      '/api/public/annual-reports',
      `/api/public/annual-reports?region=${REGION}&q=${encodeURIComponent('单位B01')}`,
      '/api/public/spot-checks',
      '/gs/',
      `/gs/?q=${encodeURIComponent('单位B01')}`,
    ];
    const bodies: string[] = [];
    for (const url of urls) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['set-cookie'], url).toBeUndefined();
      bodies.push(res.body);
    }
    const all = bodies.join('\n');
    expect(all).toContain('已公示的业务活动内容');
    expect(all).toContain(school.uscc);
    expect(all).toContain('已整改');
    for (const secret of [
      '尚未公示的卫生院报告',
      '内部审核意见',
      '内部发现',
      '检查员甲',
      '检查员乙',
      '王某某',
      '张某某',
      'legalRep',
      'reviewComment',
      'secrecySigned',
      'findings',
      'inspectors',
      'answers',
      'school',
      'education',
      'clerk',
    ]) {
      expect(all, secret).not.toContain(secret);
    }
    // The certificate prints for the institution; another unit's liaison is refused.
    const record = await ok<{ certificates: { id: number }[] }>(
      'school',
      'GET',
      `/api/registrations/${school.id}`,
    );
    const certificateId = record.certificates[0]?.id ?? -1;
    const docx = await call(
      'school',
      'GET',
      `/api/registrations/certificates/${certificateId}?copy=${encodeURIComponent('副本')}`,
    );
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(
      (await call('hospital', 'GET', `/api/registrations/certificates/${certificateId}`)).statusCode,
    ).toBe(403);
    // PDF where LibreOffice is installed; otherwise the reason, in Chinese.
    const pdf = await call('school', 'GET', `/api/registrations/certificates/${certificateId}?format=pdf`);
    if (findSoffice() === null) {
      expect(pdf.statusCode).toBe(503);
      expect(json<{ error: { message: string } }>(pdf).error.message).toBe(PDF_UNAVAILABLE);
    } else {
      expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
      expect(pdf.headers['content-type']).toContain('application/pdf');
      expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    }
    const pub = await app.inject({
      method: 'GET',
      url: `/api/public/annual-reports?q=${encodeURIComponent(school.uscc)}`,
    });
    expect(json<{ name: string; year: number }[]>(pub)).toEqual([
      expect.objectContaining({ name: '单位B01', year: 2025 }),
    ]);
  });
});
