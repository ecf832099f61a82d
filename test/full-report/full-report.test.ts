// The 全年汇报 on both databases, on the hand-built county of test/fixtures/report-county: its
// section 一 is the 基本情况 report's text with the same figures on the same date; editing the
// prose never changes a figure; a rendering records its figures and the next reading lists the
// ones a later write changed; unknown placeholders are refused; and over HTTP the office edits
// and renders, the figure readers read, a liaison and another county are refused.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderBasicText } from '../../src/common/report-basic.ts';
import type { FullReportResponse } from '../../src/common/wire-full-report.ts';
import { insertQuota } from '../../src/db/repositories/establishment.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { FIGURES } from '../../src/domain/full-report/figures.ts';
import { getFullReport } from '../../src/domain/full-report/get-full-report.ts';
import { renderFullReport } from '../../src/domain/full-report/render-full-report.ts';
import { saveFullReport } from '../../src/domain/full-report/save-full-report.ts';
import { recordTraining } from '../../src/domain/library/record-training.ts';
import { basicSummaryFor } from '../../src/domain/reports/basic-summary.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { AppError } from '../../src/errors.ts';
import { json, loginCookie, testApp, WEB_CLIENT_HEADERS } from '../support/app.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { unzip } from '../support/zip.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/report-county');
const expected = JSON.parse(fs.readFileSync(path.join(FIXTURE, 'expected.json'), 'utf8')) as {
  dates: Record<'2023-06-30', Record<string, number>>;
};
const REGION = '640121';
const OTHER = '640122';
const AS_OF = '2023-06-30';
const YEAR = 2023;
const PASSWORD = 'Full-Report-2026';

/** The text of a .docx's body (runs joined, paragraphs one a line). */
function docxText(file: Buffer): string {
  const xml = unzip(file).get('word/document.xml')?.toString('utf8') ?? '';
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&');
}

const valuesOf = (r: FullReportResponse) => Object.fromEntries(r.figures.map((f) => [f.key, f.value]));

describe.each(DIALECTS)('全年汇报 on %s', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  let clerk: Principal;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestDb(dialect);
    const actor = { id: null, name: '测试' };
    const r = await importWorkbook(t.ctx, { actor, paths: [FIXTURE], dryRun: false, allowedRegions: null });
    expect(r.errors).toEqual([]);
    await ensureRegion(t.ctx, { code: OTHER, actor });
    const units = await unitIdsByCode(t.ctx.db.kysely, [REGION]);
    const liaisonUnit = units.get(`${REGION}/D01`) ?? null;
    for (const [username, role, regionCode] of [
      ['clerk', 'clerk', REGION],
      ['leader', 'leader', REGION],
      ['liaison', 'liaison', REGION],
      ['other', 'admin', OTHER],
    ] as const) {
      const { id } = await createUser(t.ctx, {
        actor,
        username,
        displayName: username,
        role,
        regionCode,
        unitId: role === 'liaison' ? liaisonUnit : null,
        password: PASSWORD,
      });
      if (username === 'clerk')
        clerk = {
          userId: id,
          username,
          displayName: username,
          role,
          regionCode,
          unitId: null,
          mustChangePassword: false,
        };
    }
    app = await testApp(t);
    for (const u of ['clerk', 'leader', 'liaison', 'other']) cookies[u] = await loginCookie(app, u, PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  const read = () =>
    getFullReport(t.ctx.db.kysely, { principal: clerk, regionCode: REGION, year: YEAR, asOf: AS_OF });

  it('prints section 一 exactly as the 基本情况 report of the same date, figure for figure', async () => {
    const full = await read();
    expect(full.document.version).toBe(0);
    const { report } = await basicSummaryFor(t.ctx.db.kysely, { regionCode: REGION, asOf: AS_OF });
    const start = full.filled.indexOf('一、基本情况');
    const end = full.filled.findIndex((p) => p.startsWith('二、'));
    expect(full.filled.slice(start, end).join('\n')).toBe(renderBasicText(report));
    // …and the figures are the hand-computed ones (test/fixtures/report-county).
    const values = valuesOf(full);
    for (const [key, value] of Object.entries(expected.dates[AS_OF]))
      expect(values[`basic.${key}`]).toBe(value);
    // Every figure of the registry has a value or an explicit null.
    expect(full.figures.map((f) => f.key)).toEqual(FIGURES.map((f) => f.key));
    // The default text names figures of every source and leaves no placeholder unfilled.
    expect(full.filled.join('')).not.toMatch(/\{\{|\}\}|\*/);
    const named = full.document.paragraphs.join('');
    for (const source of ['basic.', 'work.', 'standards.', 'population.', 'library.'])
      expect(named).toContain(`{{${source}`);
  });

  it('never changes a figure when the prose is edited, placeholders moved or their text removed', async () => {
    const before = await read();
    const paragraphs = [...before.document.paragraphs];
    const i = paragraphs.findIndex((p) => p.includes('{{basic.partyOrgans}}'));
    // Remove the text around the placeholders, add new text, and split one into a new paragraph.
    paragraphs[i] = `改写：党委机构{{basic.partyOrgans}}个；另起{{basic.institutions}}。`;
    paragraphs.splice(i + 1, 0, '新增一段没有数字的文字。', '{{basic.partyOrgans}}');
    const saved = await saveFullReport(t.ctx, {
      principal: clerk,
      body: {
        region: REGION,
        year: YEAR,
        version: 0,
        title: '永宁县2023年汇报',
        workFrom: '2022-01-01',
        paragraphs,
      },
    });
    expect(saved.version).toBe(1);
    const after = await read();
    expect(after.document.version).toBe(1);
    expect(after.document.paragraphs).toEqual(paragraphs);
    expect(valuesOf(after)).toEqual(valuesOf(before));
    const partyOrgans = String(expected.dates[AS_OF].partyOrgans);
    expect(after.filled[i]).toBe(
      `改写：党委机构${partyOrgans}个；另起${String(expected.dates[AS_OF].institutions)}。`,
    );
    expect(after.filled[i + 2]).toBe(partyOrgans);
    // A save over an older version is refused.
    await expect(
      saveFullReport(t.ctx, {
        principal: clerk,
        body: { region: REGION, year: YEAR, version: 0, title: 'x', workFrom: '2022-01-01', paragraphs },
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses a placeholder naming no figure, in Chinese, and keeps the text', async () => {
    const error = await saveFullReport(t.ctx, {
      principal: clerk,
      body: {
        region: REGION,
        year: YEAR,
        version: 1,
        title: 'x',
        workFrom: '2022-01-01',
        paragraphs: ['共设置{{basic.noSuchFigure}}个，{{basic.partyOrgans}}个。'],
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('VALIDATION');
    expect((error as AppError).message).toContain('{{basic.noSuchFigure}}');
    expect((error as AppError).message).toContain('系统中没有的数字');
    expect((await read()).document.version).toBe(1);
  });

  it('renders a .docx with the figures and their sources, and lists the figures a later write changed', async () => {
    // On a date nothing has read yet: the 基本情况 rows are computed and stored by the rendering.
    const fresh = await renderFullReport(t.ctx, {
      principal: clerk,
      regionCode: REGION,
      year: YEAR,
      asOf: '2023-05-31',
    });
    expect(fresh.figures['basic.partyOrgans']).toBe(
      (
        await basicSummaryFor(t.ctx.db.kysely, { regionCode: REGION, asOf: '2023-05-31' })
      ).report.figures.find((f) => f.key === 'partyOrgans')?.value,
    );
    const first = await renderFullReport(t.ctx, {
      principal: clerk,
      regionCode: REGION,
      year: YEAR,
      asOf: AS_OF,
    });
    // Against the rendering of 2023-05-31: exactly the figures whose values differ between the dates.
    expect(first.changes.map((c) => c.key)).toEqual(
      Object.keys(first.figures).filter((k) => fresh.figures[k] !== first.figures[k]),
    );
    const text = docxText(first.file);
    const current = await read();
    for (const p of current.filled) expect(text).toContain(p);
    expect(text).toContain('附：数据来源');
    expect(text).toContain('基本情况报告（统计报表）');
    expect(current.lastRendering?.asOf).toBe(AS_OF);
    expect(current.changes).toEqual([]);

    // A write: D01's 行政编制 raised from 5 to 9 from 2023-02-01, and a 宣讲 held in 2023.
    const units = await unitIdsByCode(t.ctx.db.kysely, [REGION]);
    await insertQuota(t.ctx.db.kysely, {
      unitId: units.get(`${REGION}/D01`) ?? 0,
      quotaType: '行政编制',
      source: '',
      approved: 9,
      effectiveFrom: '2023-02-01',
      docNo: null,
      at: new Date().toISOString(),
      by: null,
    });
    await recordTraining(t.ctx, {
      principal: clerk,
      training: {
        region: REGION,
        heldOn: '2023-03-01',
        topic: '条例宣讲',
        kind: 'lecture',
        attendance: 40,
        materials: '',
      },
    });
    const changed = await read();
    const byKey = new Map(changed.changes.map((c) => [c.key, c]));
    const adminQuota = expected.dates[AS_OF].adminQuota ?? 0;
    expect(byKey.get('basic.adminQuota')).toMatchObject({
      label: '行政编制',
      before: String(adminQuota),
      after: String(adminQuota + 4),
    });
    expect(byKey.has('basic.partyOrgans')).toBe(false);
    // The rendering's own figures are the 基本情况 report's after the write too.
    const second = await renderFullReport(t.ctx, {
      principal: clerk,
      regionCode: REGION,
      year: YEAR,
      asOf: AS_OF,
    });
    const { report } = await basicSummaryFor(t.ctx.db.kysely, { regionCode: REGION, asOf: AS_OF });
    expect(second.figures['basic.adminQuota']).toBe(
      report.figures.find((f) => f.key === 'adminQuota')?.value,
    );
    expect(second.changes.map((c) => c.key)).toEqual(changed.changes.map((c) => c.key));
    expect((await read()).changes).toEqual([]);
  });

  it('lets the office edit and render, the leader read, and refuses a liaison and another county', async () => {
    const get = (who: string | null, region = REGION) =>
      app.inject({
        method: 'GET',
        url: `/api/full-report?region=${region}&year=${YEAR}&asOf=${AS_OF}`,
        headers: who ? { cookie: cookies[who] ?? '' } : {},
      });
    expect((await get(null)).statusCode).toBe(401);
    expect((await get('liaison')).statusCode).toBe(403);
    expect((await get('other')).statusCode).toBe(403);
    const leader = await get('leader');
    expect(leader.statusCode).toBe(200);
    const doc = json<FullReportResponse>(leader).document;
    const put = (who: string, body: Record<string, unknown>) =>
      app.inject({
        method: 'PUT',
        url: '/api/full-report',
        headers: { ...WEB_CLIENT_HEADERS, cookie: cookies[who] ?? '' },
        payload: body,
      });
    const body = {
      region: REGION,
      year: YEAR,
      version: doc.version,
      title: doc.title,
      workFrom: doc.workFrom,
      paragraphs: doc.paragraphs,
    };
    expect((await put('leader', body)).statusCode).toBe(403);
    expect((await put('other', body)).statusCode).toBe(403);
    const bad = await put('clerk', { ...body, paragraphs: ['{{nothing.here}}'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('系统中没有的数字');
    expect((await put('clerk', body)).statusCode).toBe(200);
    const render = (who: string) =>
      app.inject({
        method: 'POST',
        url: '/api/full-report/render',
        headers: { ...WEB_CLIENT_HEADERS, cookie: cookies[who] ?? '' },
        payload: { region: REGION, year: YEAR, asOf: AS_OF },
      });
    expect((await render('leader')).statusCode).toBe(403);
    const ok = await render('clerk');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('wordprocessingml');
    expect(docxText(ok.rawPayload)).toContain('附：数据来源');
    // A rendering is a record: not of a day to come, nor of a year far from the date's.
    const at = (payload: object) =>
      app.inject({
        method: 'POST',
        url: '/api/full-report/render',
        headers: { ...WEB_CLIENT_HEADERS, cookie: cookies.clerk ?? '' },
        payload: { region: REGION, ...payload },
      });
    const future = await at({ year: YEAR, asOf: '2099-06-30' });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('晚于今天');
    const farYear = await at({ year: 2019, asOf: AS_OF });
    expect(farYear.statusCode).toBe(400);
    expect(farYear.body).toContain('2019年的汇报只能用 2019 年或 2020 年内某日的数字生成');
  });
});
