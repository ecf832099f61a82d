// 人口与编制 on both databases, on the county fixture (人口.csv, 编制.csv, 机构.csv), with every
// expected figure computed by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { PopulationResponse } from '../../src/common/wire-population.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { authorize } from '../../src/domain/accounts/authorize.ts';
import {
  growthPercent,
  populationAgainstQuota,
  quotaPer10k,
} from '../../src/domain/standards/population-quota.ts';
import { AppError } from '../../src/errors.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR } from '../support/fixtures.ts';

const actor = { id: null, name: '测试' };
const TODAY = '2026-01-01';

describe('population arithmetic', () => {
  it('rounds half up, exactly', () => {
    // (322000 − 218500) / 218500 = 0.4736842… → 47.37 %
    expect(growthPercent(218_500, 322_000)).toBe(47.37);
    // 1/8 = 12.5 % exactly; 1/800 = 0.125 % → 0.13 (half up, not banker's)
    expect(growthPercent(800, 801)).toBe(0.13);
    expect(growthPercent(800, 799)).toBe(-0.13);
    expect(growthPercent(0, 10)).toBeNull();
    // 266 × 10000 / 322000 = 8.26… → 8.3; 5 × 10000 / 20000 = 2.5 exactly; 3 × 10000 / 80000 = 0.375 → 0.4
    expect(quotaPer10k(266, 322_000)).toBe(8.3);
    expect(quotaPer10k(5, 20_000)).toBe(2.5);
    expect(quotaPer10k(3, 80_000)).toBe(0.4);
    expect(quotaPer10k(1, 0)).toBeNull();
  });
});

describe.each(DIALECTS)('population against quota on %s', (dialect) => {
  let t: TestDb;

  beforeAll(async () => {
    t = await openTestDb(dialect);
    expect(
      (await importWorkbook(t.ctx, { actor, paths: [COUNTY_DIR], dryRun: false, allowedRegions: null })).ok,
    ).toBe(true);
    await ensureRegion(t.ctx, { code: '640122', actor });
    await ensureRegion(t.ctx, { code: '640100', actor });
  });

  afterAll(async () => {
    await t?.destroy();
  });

  it('compares the county population with the total quota since 2010', async () => {
    const r = await populationAgainstQuota(t.ctx.db.kysely, { regionCode: '640121', today: TODAY });
    expect(r.level).toBe('county');
    // What the route answers must pass its response schema.
    expect(PopulationResponse.parse(r)).toEqual(r);
    expect(r.baseYear).toBe(2010);
    expect(r.threshold).toBe(5);
    expect(r.counties).toHaveLength(1);
    // 2010-12-31: only B04 (事业 6, from 2010-01-01) is in force.
    // 2023-12-31: 行政 20 + 3 + 15 + 12 + 30 = 80; 事业 B01 110 + 5 (周转池) + B02 40 + B03 25 + B04 6 = 186.
    expect(r.summary.years.map((y) => [y.year, y.asOf, y.population, y.quota, y.quotaPer10k])).toEqual([
      [2010, '2010-12-31', 218_500, 6, 0.3],
      [2023, '2023-12-31', 322_000, 266, 8.3],
    ]);
    expect(r.summary.growthPercent).toBe(47.37);
    expect(r.summary.quotaChange).toBe(260);
    expect(r.summary.quotaPer10k).toBe(8.3);
    expect(r.counties[0]?.growthPercent).toBe(47.37);
    expect(r.sentence).toBe('我县目前人口为32.2万，较2010年增长47.37%，编制总量由6名变为266名');
  });

  it('gives each township its own quota per 10,000 residents', async () => {
    const r = await populationAgainstQuota(t.ctx.db.kysely, { regionCode: '640121', today: TODAY });
    const townships = r.counties[0]?.townships ?? [];
    expect(townships.map((w) => w.unitCode)).toEqual(['A04']);
    const a04 = townships[0];
    expect(a04?.name).toBe('望洪镇');
    // 望洪镇 行政 30 + its 乡镇所属 卫生院 B03 事业 25 = 55; 55 × 10000 / 41000 = 13.41… → 13.4
    expect(a04?.years).toEqual([
      { year: 2023, asOf: '2023-12-31', population: 41_000, quota: 55, quotaPer10k: 13.4 },
    ]);
    expect(a04?.latest?.quotaPer10k).toBe(13.4);
  });

  it('lists the units with very few posts', async () => {
    const db = t.ctx.db.kysely;
    // Today B04 (事业 6) is abolished (2024-06-30): nothing is at or below 6.
    const now = await populationAgainstQuota(db, {
      regionCode: '640121',
      smallUnitThreshold: 6,
      today: TODAY,
    });
    expect(now.smallUnits).toEqual([]);
    // The day before it was abolished, B04 is the one unit with 0 < 6 ≤ 6.
    const before = await populationAgainstQuota(db, {
      regionCode: '640121',
      smallUnitThreshold: 6,
      today: '2024-06-29',
    });
    expect(before.smallUnits.map((u) => [u.unitCode, u.institutionQuota, u.total])).toEqual([['B04', 6, 6]]);
    expect(before.smallUnits[0]?.countyName).toBe('永宁县');
    const five = await populationAgainstQuota(db, { regionCode: '640121', today: '2024-06-29' });
    expect(five.smallUnits).toEqual([]);
    // With 25: A03 12, A02 15, A01 20 + 政法专项 3 = 23, B03 25 (内设机构 A03-1 holds none).
    const wide = await populationAgainstQuota(db, {
      regionCode: '640121',
      smallUnitThreshold: 25,
      today: TODAY,
    });
    expect(wide.smallUnits.map((u) => [u.unitCode, u.adminQuota, u.institutionQuota, u.total])).toEqual([
      ['A03', 12, 0, 12],
      ['A02', 15, 0, 15],
      ['A01', 23, 0, 23],
      ['B03', 0, 25, 25],
    ]);
  });

  it('compares the counties of a city and speaks as 我市', async () => {
    const r = await populationAgainstQuota(t.ctx.db.kysely, {
      regionCode: '640100',
      baseYear: 2010,
      today: TODAY,
    });
    expect(r.level).toBe('city');
    expect(r.counties.map((c) => c.code)).toEqual(['640121', '640122']);
    const helan = r.counties.find((c) => c.code === '640122');
    expect(helan?.years).toEqual([]);
    expect(helan?.growthPercent).toBeNull();
    // 640122 has no population figures: the city's sum is 永宁县's.
    expect(r.summary.growthPercent).toBe(47.37);
    expect(r.sentence).toBe('我市目前人口为32.2万，较2010年增长47.37%，编制总量由6名变为266名');
  });

  it('has no base without figures for the base year', async () => {
    const r = await populationAgainstQuota(t.ctx.db.kysely, {
      regionCode: '640121',
      baseYear: 2015,
      today: TODAY,
    });
    expect(r.summary.growthPercent).toBeNull();
    expect(r.sentence).toBeNull();
  });

  it('refuses liaisons (the route authorizes report.read)', async () => {
    const liaison: Principal = {
      userId: 1,
      username: 'liaison',
      displayName: 'liaison',
      role: 'liaison',
      regionCode: '640121',
      unitId: 1,
      mustChangePassword: false,
    };
    const read = (p: Principal) =>
      authorize(t.ctx.db.kysely, p, 'report.read', { region: '640121', wholeRegion: true });
    let caught: unknown;
    try {
      await read(liaison);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect(caught instanceof AppError ? caught.code : null).toBe('FORBIDDEN');
    await expect(read({ ...liaison, role: 'leader', unitId: null })).resolves.toBeUndefined();
  });
});
