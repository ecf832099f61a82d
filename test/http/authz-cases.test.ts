// The writes an attacker's probe got through (issue 8), each refused now, on both databases.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatterDetail } from '../../src/common/wire-matters.ts';
import type { OverviewResponse } from '../../src/common/wire.ts';
import type { UnitFiguresResponse } from '../../src/common/wire-reports.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { json, multipart } from '../support/app.ts';
import { idOf, openWorld, type World } from '../support/authz-world.ts';
import { DIALECTS } from '../support/databases.ts';
import { tempDir } from '../support/fixtures.ts';

type ErrorReply = { error: { code: string; message: string } };
const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(1000, 0x20)]);
const LIMIT = 256 * 1024;

describe.each(DIALECTS)('authorization of writes on %s', (dialect) => {
  let w: World;

  beforeAll(async () => {
    w = await openWorld(dialect, { attachmentMaxBytes: LIMIT });
    // 组织部 (A02) over its quota: 2 people on 1 place, outside the liaison's 教育局.
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, '编制.csv'),
      '行政区划代码,机构编码,编制类型,核定数,来源,生效日期\n640121,A02,行政编制,1,,2025-01-01\n',
    );
    const r = await importWorkbook(w.t.ctx, {
      actor: { id: null, name: '测试' },
      paths: [dir],
      dryRun: false,
      allowedRegions: null,
    });
    expect(r.ok).toBe(true);
  });
  afterAll(async () => {
    await w?.app.close();
    await w?.t.destroy();
  });

  const call = (method: 'GET' | 'POST', url: string, who: string, payload?: unknown) =>
    w.app.inject({ method, url, headers: { cookie: w.cookies[who] ?? '' }, payload: payload as never });
  const propose = (who: string, changes: unknown[], region = '640121') =>
    call('POST', '/api/matters', who, { region, title: '测试事项', reasons: '测试', changes });
  const enter = (extra: Record<string, unknown>) => ({
    kind: 'enter',
    personId: null,
    idNumber: null,
    name: null,
    unitId: w.unit('A02'),
    quotaType: '行政编制',
    channel: '调任',
    ...extra,
  });
  const matterCount = async () =>
    Number(
      (
        await w.t.ctx.db.kysely
          .selectFrom('matters')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n ?? 0,
    );

  it('refuses a county admin a 上编 of another county’s person, by id or by 身份证号, and their 身份证号', async () => {
    const before = await matterCount();
    const byId = await propose('admin', [enter({ personId: w.person('贺兰乙') })]);
    expect(byId.statusCode).toBe(403);
    expect(json<ErrorReply>(byId).error.message).toMatch(/行政区划/);
    const byNumber = await propose('admin', [enter({ idNumber: idOf('640122', 21), name: '贺兰乙' })]);
    expect(byNumber.statusCode).toBe(403);
    expect(json<ErrorReply>(byNumber).error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await matterCount()).toBe(before);
    const reveal = await call('POST', `/api/people/${w.person('贺兰乙')}/reveal-id`, 'admin');
    expect(reveal.statusCode).toBe(403);
    expect(reveal.body).not.toContain(idOf('640122', 21));
  });

  it('re-checks the people of a matter at implementation: one moved to another county is refused', async () => {
    const created = await propose('clerk', [{ kind: 'leave', personId: w.person('杨磊'), reason: '调出' }]);
    expect(created.statusCode).toBe(200);
    const id = json<MatterDetail>(created).id;
    expect((await call('POST', `/api/matters/${id}/assess`, 'clerk', { comment: '' })).statusCode).toBe(200);
    const decided = await call('POST', `/api/matters/${id}/decide`, 'admin', {
      decisionBody: '县委编委会',
      docNo: '永编发〔2026〕1号',
      decidedOn: '2026-01-05',
    });
    expect(decided.statusCode).toBe(200);
    // Meanwhile 杨磊 is recorded in 贺兰县 (his 身份证号 re-imported there).
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, '人员.csv'),
      '身份证号,姓名,行政区划代码,机构编码,编制类型,人员状态,入编方式,领导职务,入编日期,出编日期\n' +
        '640121198809090067,杨磊,640122,A01,行政编制,在编,调任,,2025-06-01,\n',
    );
    const moved = await importWorkbook(w.t.ctx, {
      actor: { id: null, name: '测试' },
      paths: [dir],
      dryRun: false,
      allowedRegions: null,
    });
    expect(moved.ok).toBe(true);
    const done = await call('POST', `/api/matters/${id}/implement`, 'clerk', { effectiveOn: '2026-01-10' });
    expect(done.statusCode).toBe(403);
    expect(json<MatterDetail>(await call('GET', `/api/matters/${id}`, 'clerk')).state).toBe('decided');
  });

  it('refuses a liaison a 下编 outside their unit or county, without naming the people', async () => {
    for (const name of ['张伟', '贺兰甲']) {
      const res = await propose('liaison', [{ kind: 'leave', personId: w.person(name), reason: '调出' }]);
      expect(res.statusCode).toBe(403);
      expect(res.body).not.toContain(name);
      expect(json<ErrorReply>(res).error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    const own = await propose('liaison', [{ kind: 'leave', personId: w.person('王强'), reason: '调出' }]);
    expect(own.statusCode).toBe(200);
  });

  it('rejects a forged sealed 身份证号 at the proposal (400), never a 500 later', async () => {
    const res = await propose('clerk', [enter({ idNumber: 'sealed:garbage', name: '某某' })]);
    expect(res.statusCode).toBe(400);
    expect(json<ErrorReply>(res).error.code).toBe('VALIDATION');
  });

  it('lets only those who may write on a matter attach files, of allowed types, within the limit', async () => {
    const created = await propose('clerk', [
      { kind: 'quotaAdd', unitId: w.unit('B04'), quotaType: '事业编制', amount: 1 },
    ]);
    const id = json<MatterDetail>(created).id;
    const helanMatter = json<MatterDetail>(
      await propose(
        'helan',
        [{ kind: 'quotaAdd', unitId: w.unit('A01', '640122'), quotaType: '行政编制', amount: 1 }],
        '640122',
      ),
    ).id;
    const upload = (who: string, matterId: number, name: string, content: Buffer) => {
      const body = multipart([{ name, content }], {});
      return w.app.inject({
        method: 'POST',
        url: `/api/matters/${matterId}/attachments`,
        headers: { ...body.headers, cookie: w.cookies[who] ?? '' },
        payload: body.payload,
      });
    };
    for (const who of ['leader', 'auditor', 'city', 'helan', 'sysadmin', 'liaison']) {
      expect((await upload(who, id, '纪要.pdf', PDF)).statusCode, who).toBe(403);
    }
    expect((await upload('city', helanMatter, '纪要.pdf', PDF)).statusCode).toBe(403);
    const html = await upload('clerk', id, 'x.html', Buffer.from('<script>alert(1)</script>'));
    expect(html.statusCode).toBe(400);
    const disguised = await upload(
      'clerk',
      id,
      'x.pdf',
      Buffer.from('<html><script>alert(1)</script></html>'),
    );
    expect(disguised.statusCode).toBe(400);
    expect(json<ErrorReply>(disguised).error.message).toContain('不符');
    const big = await upload('clerk', id, 'big.pdf', Buffer.concat([PDF, Buffer.alloc(LIMIT * 2, 0x20)]));
    expect(big.statusCode).toBe(413);
    expect(json<ErrorReply>(big).error.message).toContain('MB');
    const ok = await upload('clerk', id, '纪要.pdf', PDF);
    expect(ok.statusCode).toBe(200);
    const attachments = json<MatterDetail>(ok).attachments;
    expect(attachments.map((a) => a.fileName)).toEqual(['纪要.pdf']);
    const download = await call('GET', `/api/matters/attachments/${attachments[0]?.id}`, 'leader');
    expect(download.headers['content-type']).toBe('application/pdf');
  });

  it('gives a liaison’s home page the figures of their units only', async () => {
    const res = await call('GET', '/api/overview?region=640121&asOf=2026-01-01', 'liaison');
    expect(res.statusCode).toBe(200);
    const mine = json<OverviewResponse>(res);
    const county = json<OverviewResponse>(
      await call('GET', '/api/overview?region=640121&asOf=2026-01-01', 'leader'),
    );
    expect(county.overQuotaUnits.map((u) => u.name)).toContain('中共永宁县委组织部');
    expect(mine.overQuotaUnits).toEqual([]);
    const units = json<UnitFiguresResponse>(
      await call('GET', '/api/reports/units?region=640121&asOf=2026-01-01', 'leader'),
    ).units;
    const subtree = ['A03', 'A03-1', 'B01', 'B02'];
    for (const f of mine.figures) {
      const expected = units
        .filter((u) => subtree.includes(u.code))
        .reduce((n, u) => n + (u.figures.find((x) => x.quotaType === f.quotaType)?.approved ?? 0), 0);
      expect(f.approved, f.quotaType).toBe(expected);
    }
    const counted = units.filter((u) => subtree.includes(u.code)).length;
    expect(counted).toBeGreaterThan(0);
    expect(mine.unitsByCategory.reduce((n, c) => n + c.count, 0)).toBe(counted);
  });

  it('keeps accounts with the system administrator and the audit log with the auditor (三员)', async () => {
    expect((await call('GET', '/api/users', 'admin')).statusCode).toBe(403);
    expect((await call('GET', '/api/users', 'sysadmin')).statusCode).toBe(200);
    expect((await call('GET', '/api/audit?region=640121', 'admin')).statusCode).toBe(403);
    expect((await call('GET', '/api/audit?region=640121', 'sysadmin')).statusCode).toBe(403);
    expect((await call('GET', '/api/units?region=640121', 'auditor')).statusCode).toBe(403);
    expect((await call('GET', '/api/people?region=640121', 'sysadmin')).statusCode).toBe(403);
    const create = (role: string, username: string) =>
      call('POST', '/api/users', 'sysadmin', { username, displayName: username, role, regionCode: '640121' });
    for (const role of ['auditor', 'sysadmin', 'secadmin']) {
      const res = await create(role, `new-${role}`);
      expect(res.statusCode, role).toBe(403);
      expect(json<ErrorReply>(res).error.message).toContain('bianzhi user');
    }
    expect((await create('clerk', 'new-clerk')).statusCode).toBe(200);
    const reset = await call('POST', `/api/users/${w.userIds.auditor}/reset-password`, 'sysadmin');
    expect(reset.statusCode).toBe(403);
    expect((await call('POST', `/api/users/${w.userIds.clerk}/reset-password`, 'admin')).statusCode).toBe(
      403,
    );
  });
});
