// One truth on screen: every figure the 首页 and the unit page show agrees with the 基本情况
// report for the same date and data set (the demo county), on both databases. The 首页 once
// recomputed 实际空编 from county totals (240) where the report sums it per unit (254).
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverviewResponse, UnitDetail } from '../../src/common/wire.ts';
import type { BasicReportResponse, UnitFiguresResponse } from '../../src/common/wire-reports.ts';
import { UNIT_COUNT_BASIS } from '../../src/common/labels.ts';
import { writeCounty } from '../../src/demo/write-county.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { json, loginCookie, testApp } from '../support/app.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { tempDir } from '../support/fixtures.ts';

const actor = { id: null, name: '测试' };
const PASSWORD = 'Agree-Pass-2026';
const AS_OF = '2026-06-30';

/** 首页 card figure → the report's figure key, per card (合计 and each 编制类型). */
const HOME_FIGURES: Record<
  string,
  Partial<Record<'approved' | 'actual' | 'vacant' | 'pending' | 'realVacant', string>>
> = {
  合计: {
    approved: 'quotaTotal',
    actual: 'totalActual',
    vacant: 'totalVacant',
    pending: 'totalPending',
    realVacant: 'totalRealVacant',
  },
  行政编制: {
    approved: 'adminQuota',
    actual: 'adminActual',
    vacant: 'adminVacant',
    pending: 'adminPending',
    realVacant: 'adminRealVacant',
  },
  事业编制: {
    approved: 'institutionQuota',
    actual: 'institutionActual',
    vacant: 'institutionVacant',
    pending: 'institutionPending',
    realVacant: 'institutionRealVacant',
  },
  聘用编制: { approved: 'contractQuota', actual: 'contractActual', vacant: 'contractVacant' },
};

/** The 首页 pie's categories that the report counts as a figure of its own. */
const CATEGORY_FIGURES: Record<string, string> = {
  事业单位: 'institutions',
  纪检监察机关: 'disciplineOrgans',
  党委工作机关: 'partyWorkOrgans',
  人大机关: 'congressOrgans',
  政府工作部门: 'governmentOrgans',
  政协机关: 'cppccOrgans',
  群众团体: 'massOrganizations',
  乡镇: 'townships',
  街道: 'streets',
  派出机构: 'dispatchedOrgans',
};

describe.each(DIALECTS)('figures on screen agree with the report on %s', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  let dir = '';
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestDb(dialect);
    dir = tempDir('bianzhi-agree-');
    await writeCounty(dir, { regionCode: '640121', scale: 0.2, seed: 2026, asOf: AS_OF });
    const imported = await importWorkbook(t.ctx, {
      actor,
      paths: [dir],
      dryRun: false,
      allowedRegions: null,
    });
    expect(imported.errors.slice(0, 3)).toEqual([]);
    await ensureRegion(t.ctx, { code: '640100', actor });
    for (const [username, role, regionCode] of [
      ['clerk', 'clerk', '640121'],
      ['city', 'viewer', '640100'],
    ] as const) {
      await createUser(t.ctx, {
        actor,
        username,
        displayName: username,
        role,
        regionCode,
        unitId: null,
        password: PASSWORD,
      });
      cookies[username] = '';
    }
    app = await testApp(t);
    for (const u of Object.keys(cookies)) cookies[u] = await loginCookie(app, u, PASSWORD);
  }, 240_000);

  afterAll(async () => {
    await app?.close();
    await t?.destroy();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  async function get<T>(url: string, who: string): Promise<T> {
    const res = await app.inject({ method: 'GET', url, headers: { cookie: cookies[who] ?? '' } });
    expect(res.statusCode, url).toBe(200);
    return json<T>(res);
  }

  const reportValue = (report: BasicReportResponse, key: string): number => {
    const f = report.report.figures.find((x) => x.key === key);
    if (!f) throw new Error(`no figure ${key}`);
    return f.value;
  };

  it('首页 cards, unit count, categories and 超编 list equal the report’s figures', async () => {
    const home = await get<OverviewResponse>(`/api/overview?region=640121&asOf=${AS_OF}`, 'clerk');
    const report = await get<BasicReportResponse>(`/api/reports/basic?region=640121&asOf=${AS_OF}`, 'clerk');
    const perUnit = await get<UnitFiguresResponse>(`/api/reports/units?region=640121&asOf=${AS_OF}`, 'clerk');

    for (const [card, keys] of Object.entries(HOME_FIGURES)) {
      const shown = card === '合计' ? home.total : home.figures.find((f) => f.quotaType === card);
      expect(shown, card).toBeDefined();
      for (const [metric, key] of Object.entries(keys)) {
        expect(shown?.[metric as keyof typeof keys], `${card} ${metric}`).toBe(reportValue(report, key));
      }
    }
    // 超编 and the 聘用编制 figures the report text does not name: the sum of the report's units.
    for (const f of home.figures) {
      const rows = perUnit.units.flatMap((u) => u.figures.filter((x) => x.quotaType === f.quotaType));
      for (const metric of ['approved', 'actual', 'vacant', 'over', 'pending', 'realVacant'] as const) {
        expect(f[metric], `${f.quotaType} ${metric}`).toBe(rows.reduce((s, x) => s + x[metric], 0));
      }
    }
    const overFindings = report.quality.filter((q) => q.kind === 'over_quota');
    expect(home.total.over).toBe(overFindings.reduce((s, q) => s + q.value, 0));
    expect(home.overQuotaUnits.map((u) => u.id).sort()).toEqual(overFindings.map((q) => q.unitId).sort());

    // The data set is one where county-total arithmetic would be wrong: some unit is over quota.
    expect(home.total.over).toBeGreaterThan(0);
    const naive = Math.max(0, home.total.approved - home.total.actual - home.total.pending);
    expect(naive).not.toBe(home.total.realVacant);

    // Units: one count on one basis, the report's set of units; categories as the report counts them.
    expect(home.unitCount).toBe(perUnit.units.length);
    expect(home.unitBasis).toBe(UNIT_COUNT_BASIS);
    expect(home.unitsByCategory.reduce((s, c) => s + c.count, 0)).toBe(home.unitCount);
    for (const c of home.unitsByCategory) {
      const key = CATEGORY_FIGURES[c.category];
      if (key) expect(c.count, c.category).toBe(reportValue(report, key));
    }
    // The 按机构类别 chart: each category's figures, summed, are the county's.
    for (const f of home.figures) {
      const inCategories = home.unitsByCategory.flatMap((c) =>
        c.figures.filter((x) => x.quotaType === f.quotaType),
      );
      expect(
        inCategories.reduce((s, x) => s + x.approved, 0),
        `${f.quotaType} 按类别核定`,
      ).toBe(f.approved);
      expect(
        inCategories.reduce((s, x) => s + x.actual, 0),
        `${f.quotaType} 按类别实有`,
      ).toBe(f.actual);
    }
    const organs = [
      '纪检监察机关',
      '党委工作机关',
      '人大机关',
      '政府工作部门',
      '政协机关',
      '群众团体',
      '乡镇',
      '街道',
    ];
    expect(
      home.unitsByCategory.filter((c) => organs.includes(c.category)).reduce((s, c) => s + c.count, 0),
    ).toBe(reportValue(report, 'partyGovernmentOrgans'));
  });

  it('each unit page shows that unit’s row of the report', async () => {
    const perUnit = await get<UnitFiguresResponse>(`/api/reports/units?region=640121&asOf=${AS_OF}`, 'clerk');
    const over = perUnit.units.filter((u) => u.figures.some((f) => f.over > 0));
    const sample = [...over, ...perUnit.units.filter((_u, i) => i % 7 === 0)].slice(0, 16);
    expect(over.length).toBeGreaterThan(0);
    for (const row of sample) {
      const page = await get<UnitDetail>(`/api/units/${String(row.unitId)}?asOf=${AS_OF}`, 'clerk');
      for (const f of page.figures) {
        const inReport = row.figures.find((x) => x.quotaType === f.quotaType);
        expect(f, `${row.name} ${f.quotaType}`).toEqual(inReport);
      }
      if (page.figureTotal) expect(page.figureTotal, `${row.name} 合计`).toEqual(row.total);
      const shownTypes = row.figures.filter((f) => f.approved > 0 || f.actual > 0 || f.pending > 0);
      expect(page.figures.length).toBeGreaterThanOrEqual(shownTypes.length);
    }
  });

  it('a city’s 首页 sums its counties as the summed report does, and names the counties without data', async () => {
    const home = await get<OverviewResponse>(`/api/overview?region=640100&asOf=${AS_OF}`, 'city');
    const report = await get<BasicReportResponse>(`/api/reports/basic?region=640100&asOf=${AS_OF}`, 'city');
    expect(home.level).toBe('city');
    expect(home.wideWord).toBe('全市');
    expect(home.total.realVacant).toBe(reportValue(report, 'totalRealVacant'));
    expect(home.total.approved).toBe(reportValue(report, 'quotaTotal'));
    expect(home.counties).toHaveLength(6);
    expect(home.counties.filter((c) => c.hasData).map((c) => c.name)).toEqual(['永宁县']);
    expect(report.text).not.toContain('银川市共设置党政机构');
    expect(report.text).toContain('全市');
  });
});
