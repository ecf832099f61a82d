// The 基本情况 report's aggregate cache (migration 0012) against the direct computation, on both
// databases: a county and the city above it, on today and past dates, after random writes to
// every table the report counts (quotas, posts, placements, unit versions — many back-dated),
// after back-dated corrections of placements, after a matter driven through the procedure and
// after an import. The cache is warm before every check, so a write that failed to invalidate
// it would show as a difference; a tampered row proves the cached figures are what is served.
// Every check also asks dates never asked before (patched from the nearest stored date, migration
// 0028): random past dates, a date before the first record, dates between stored ones and one
// months or years from every stored date; tampered rows prove a first report of a date, and a
// report right after a write, are patched rather than recomputed, and that a unit whose people
// entered or left between the stored date and the asked one is shifted by counted changes. The
// 首页's history of year-ends and 人口与编制's quotas, which read the same cache (several dates at
// once) or only the units' quotas, are checked against the direct computation after the same
// writes.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/context.ts';
import * as est from '../../src/db/repositories/establishment.ts';
import type { Executor } from '../../src/db/repositories/executor.ts';
import * as people from '../../src/db/repositories/people.ts';
import {
  markReportsChanged,
  reportVersions,
  storedAggregatesWithCells,
  unitsChangedBetween,
  unpackCells,
} from '../../src/db/repositories/report-aggregates.ts';
import * as units from '../../src/db/repositories/units.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { assessMatter } from '../../src/domain/matters/assess-matter.ts';
import { decideMatter } from '../../src/domain/matters/decide-matter.ts';
import { implementMatter } from '../../src/domain/matters/implement-matter.ts';
import { proposeMatter } from '../../src/domain/matters/propose-matter.ts';
import { basicFigures } from '../../src/domain/reports/basic-rules.ts';
import { basicSummaryFor, buildCheckpoints } from '../../src/domain/reports/basic-summary.ts';
import {
  CELL_WIDTH,
  checkpointDates,
  chooseBase,
  decodeCells,
  encodeCells,
  tableBytes,
  tableFromBytes,
} from '../../src/domain/reports/report-cells.ts';
import { computeBasicFor } from '../../src/domain/reports/get-basic-report.ts';
import { unitEntriesOn, type UnitEntry } from '../../src/domain/reports/compute-basic.ts';
import { historyOf } from '../../src/domain/reports/report-service.ts';
import {
  decodeWindow,
  encodeWindow,
  windowChanged,
  windowsBetween,
  windowShifts,
  type DayDelta,
} from '../../src/domain/reports/report-windows.ts';
import { staffDeltasBetween } from '../../src/db/repositories/reports.ts';
import { populationAgainstQuota } from '../../src/domain/standards/population-quota.ts';
import { writeCounty } from '../../src/demo/write-county.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, countyCopy, tempDir } from '../support/fixtures.ts';

const COUNTY = '640121';
const OTHER = '640122';
const CITY = '640100';
const DATES = [todayInChina(), '2024-12-31', '2022-06-30', '2019-06-30', '1950-01-01'];
const AT = '2026-01-01T00:00:00.000Z';
type BasicSummaryShape = Awaited<ReturnType<typeof basicSummaryFor>>;
const KINDS = ['quota', 'retractQuota', 'post', 'move', 'correct', 'version'] as const;

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Imports a copy of the county fixture with `edits` applied to its files; no errors expected. */
async function importEditedCounty(t: TestDb, edits: Parameters<typeof countyCopy>[0]): Promise<void> {
  const dir = countyCopy(edits);
  const r = await importWorkbook(t.ctx, {
    actor: { id: null, name: '测试' },
    paths: [dir],
    dryRun: false,
    allowedRegions: null,
  });
  fs.rmSync(path.resolve(dir), { recursive: true, force: true });
  expect(r.errors).toEqual([]);
}

/** A stored window read back, which must be one. */
function readWindow(json: string) {
  const w = decodeWindow(json);
  if (!w) throw new Error('a window expected');
  return w;
}

/** Adds 1,000 to the stored 机构数 of the county's row of a date (a tampered row shows which path served it). */
async function addInstitutions(db: Executor, date: string): Promise<void> {
  const row = await db
    .selectFrom('report_aggregates')
    .select('figures')
    .where('region_code', '=', COUNTY)
    .where('as_of', '=', date)
    .executeTakeFirstOrThrow();
  const f = JSON.parse(row.figures) as Record<string, number>;
  await db
    .updateTable('report_aggregates')
    .set({ figures: JSON.stringify({ ...f, institutions: (f.institutions ?? 0) + 1000 }) })
    .where('region_code', '=', COUNTY)
    .where('as_of', '=', date)
    .execute();
}

describe.each(DIALECTS)('report aggregates on %s', (dialect) => {
  let t: TestDb;
  const rnd = random(20261202);
  const pick = <T>(xs: readonly T[]): T => {
    const x = xs[Math.floor(rnd() * xs.length)];
    if (x === undefined) throw new Error('empty choice');
    return x;
  };
  const pastDate = () => {
    const y = 2018 + Math.floor(rnd() * 9);
    const m = 1 + Math.floor(rnd() * 12);
    const d = 1 + Math.floor(rnd() * 28);
    return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  };

  /**
   * The cached report equals the direct computation for the county and the city, on every date
   * and on two dates never asked before (each the first report of its date).
   */
  async function expectEqualToDirect(): Promise<Set<string>> {
    const db = t.ctx.db.kysely;
    const fresh = [pastDate(), pastDate(), await farDate()];
    for (const regionCode of [COUNTY, CITY]) {
      for (const asOf of [...DATES, ...fresh]) {
        const direct = await computeBasicFor(db, { regionCode, asOf });
        const cached = await basicSummaryFor(db, { regionCode, asOf });
        expect(cached.report, `${regionCode} ${asOf}`).toEqual(direct.report);
        expect(cached.quality, `${regionCode} ${asOf}`).toEqual(direct.quality);
      }
    }
    return new Set([...DATES, ...fresh]);
  }

  /**
   * The history (every year-end through the cache) and 人口与编制 (the county's quota per year
   * through the cache, the townships' and small units' from the units' quotas alone) equal the
   * direct computation of every date, for the county and the city.
   */
  async function expectHistoryAndPopulationEqualToDirect(): Promise<void> {
    const db = t.ctx.db.kysely;
    const today = todayInChina();
    const approved = (e: UnitEntry, types: readonly ('行政编制' | '事业编制' | '聘用编制')[]) =>
      types.reduce((s, ty) => s + e.cells.byType[ty].approved, 0);
    const ALL = ['行政编制', '事业编制', '聘用编制'] as const;
    for (const regionCode of [COUNTY, CITY]) {
      const history = await historyOf(db, { regionCode, today });
      expect(history.years.length).toBeGreaterThan(5);
      for (const y of history.years) {
        const direct = await computeBasicFor(db, { regionCode, asOf: y.asOf });
        const v = (key: string) => direct.report.figures.find((f) => f.key === key)?.value ?? 0;
        expect(y, `${regionCode} ${y.asOf}`).toEqual({
          year: Number(y.asOf.slice(0, 4)),
          asOf: y.year === Number(today.slice(0, 4)) ? today : `${y.year}-12-31`,
          adminQuota: v('adminQuota'),
          institutionQuota: v('institutionQuota'),
          contractQuota: v('contractQuota'),
          quotaTotal: v('quotaTotal'),
          totalActual: v('totalActual'),
        });
      }
      const population = await populationAgainstQuota(db, { regionCode, today });
      const county = population.counties.find((c) => c.code === COUNTY);
      expect(county?.years.length).toBeGreaterThanOrEqual(2);
      expect(county?.townships.length).toBeGreaterThan(0);
      for (const c of population.counties) {
        for (const y of c.years) {
          const entries = await unitEntriesOn(db, [c.code], y.asOf);
          expect(y.quota, `${c.code} ${y.asOf}`).toBe(entries.reduce((s, e) => s + approved(e, ALL), 0));
        }
        for (const town of c.townships) {
          for (const y of town.years) {
            const entries = await unitEntriesOn(db, [c.code], y.asOf);
            const own = entries.filter(
              (e) =>
                e.unit.id === town.unitId ||
                (e.unit.category === '事业单位' &&
                  e.unit.parentUnitId === town.unitId &&
                  (e.unit.affiliation === '乡镇所属' || e.unit.affiliation === '街道所属')),
            );
            const quota = own.reduce((s, e) => s + approved(e, ['行政编制', '事业编制']), 0);
            expect(y.quota, `${town.name} ${y.asOf}`).toBe(quota);
          }
        }
      }
      const now = await unitEntriesOn(db, regionCode === CITY ? [COUNTY, OTHER] : [COUNTY], today);
      const small = now
        .map((e) => ({ id: e.unit.id, total: approved(e, ALL) }))
        .filter((x) => x.total > 0 && x.total <= population.threshold);
      expect(
        population.smallUnits.map((u) => [u.unitId, u.total]).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0)),
      ).toEqual(small.map((x) => [x.id, x.total]).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0)));
    }
  }

  /**
   * A date never asked, months or years from every stored date: the middle of the widest gap
   * between the counties' stored dates (within 2010 … a year from today). Its first report is
   * patched from a stored date far away, most units shifted by counted head-count changes.
   */
  async function farDate(): Promise<string> {
    const rows = await t.ctx.db.kysely
      .selectFrom('report_aggregates')
      .select('as_of')
      .where('region_code', 'in', [COUNTY, OTHER])
      .execute();
    const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
    const lo = day('2010-01-01');
    const hi = day(todayInChina()) + 365;
    const days = [...new Set(rows.map((r) => day(r.as_of)).filter((d) => d > lo && d < hi))];
    const sorted = [lo, ...days.sort((a, b) => a - b), hi];
    let best = { from: lo, to: hi, gap: -1 };
    for (let i = 1; i < sorted.length; i++) {
      const from = sorted[i - 1] ?? lo;
      const to = sorted[i] ?? hi;
      if (to - from > best.gap) best = { from, to, gap: to - from };
    }
    // Far: at least two months from the nearest stored date on either side.
    expect(best.gap).toBeGreaterThanOrEqual(120);
    return new Date(Math.floor((best.from + best.to) / 2) * 86_400_000).toISOString().slice(0, 10);
  }

  const write = <T>(f: (trx: Executor) => Promise<T>): Promise<T> => t.ctx.db.kysely.transaction().execute(f);

  async function unitIdsOf(regionCode: string): Promise<number[]> {
    return [...(await units.unitIdsByCode(t.ctx.db.kysely, [regionCode])).values()];
  }

  /** One random write through the repositories every use case writes with. */
  async function randomWrite(
    trx: Executor,
    unitIds: number[],
    kind: (typeof KINDS)[number],
  ): Promise<string> {
    if (kind === 'quota' || kind === 'retractQuota') {
      const rows = await trx
        .selectFrom('quotas')
        .selectAll()
        .where('unit_id', 'in', unitIds)
        .where('retracted_at', 'is', null)
        .execute();
      const q = pick(rows);
      if (kind === 'retractQuota') await est.retractQuota(trx, q.id, AT);
      else
        await est.insertQuota(trx, {
          unitId: q.unit_id,
          quotaType: q.quota_type,
          source: q.source,
          approved: Math.floor(rnd() * 40),
          effectiveFrom: pastDate(),
          docNo: null,
          at: AT,
          by: null,
        });
      return kind;
    }
    if (kind === 'post') {
      const rows = await trx
        .selectFrom('leadership_posts')
        .selectAll()
        .where('unit_id', 'in', unitIds)
        .execute();
      const unitId = rows.length > 0 && rnd() < 0.7 ? pick(rows).unit_id : pick(unitIds);
      await est.insertPost(trx, {
        unitId,
        level: pick(['正科', '副科']),
        approved: Math.floor(rnd() * 4),
        effectiveFrom: pastDate(),
        docNo: null,
        at: AT,
        by: null,
      });
      return kind;
    }
    if (kind === 'move' || kind === 'correct') {
      const rows = await trx
        .selectFrom('placements')
        .selectAll()
        .where('unit_id', 'in', unitIds)
        .where('is_current', '=', 1)
        .execute();
      const p = pick(rows);
      const entered = pastDate();
      const next = {
        unitId: kind === 'move' ? pick(unitIds) : p.unit_id,
        quotaType: rnd() < 0.3 ? pick(['行政编制', '事业编制', '聘用编制', '政法专项编制']) : p.quota_type,
        status: pick(['在编', '在编', '待入编', '已出编']),
        channel: rnd() < 0.5 ? '考录' : p.channel,
        leadershipLevel: pick(['无', '无', '正科', '副科']),
        enteredOn: entered,
        leftOn: rnd() < 0.3 ? pastDate() : null,
        personId: p.person_id,
        at: AT,
        by: null,
      };
      if (kind === 'move') await people.supersedePlacement(trx, p.id, { ...next, matterId: null });
      else {
        // A back-dated correction: the wrong row retracted, the right one recorded in its place.
        await people.retractPlacements(trx, [p.id], AT);
        await people.insertPlacements(trx, [next]);
      }
      return kind;
    }
    const rows = await trx
      .selectFrom('unit_versions')
      .selectAll()
      .where('unit_id', 'in', unitIds)
      .where('retracted_at', 'is', null)
      .execute();
    const v = pick(rows);
    if (rnd() < 0.2) {
      await units.retractVersion(trx, v.id, AT);
      return 'retractVersion';
    }
    const { id: _id, ...copy } = v;
    await units.insertVersion(trx, {
      ...copy,
      valid_from: pastDate(),
      category: rnd() < 0.3 ? pick(['事业单位', '政府工作部门', '乡镇', '内设机构']) : v.category,
      funding: rnd() < 0.3 ? pick(['全额拨款', '差额拨款', '自收自支']) : v.funding,
      type: rnd() < 0.3 ? pick(['中小学', '幼儿园', '乡镇卫生院', null]) : v.type,
      abolished_on: rnd() < 0.15 ? pastDate() : v.abolished_on,
      recorded_at: AT,
      retracted_at: null,
    });
    return kind;
  }

  beforeAll(async () => {
    t = await openTestDb(dialect);
    const actor = { id: null, name: '测试' };
    const other = tempDir();
    await writeCounty(other, { regionCode: OTHER, scale: 0.05, seed: 7, asOf: '2025-12-31' });
    for (const dir of [COUNTY_DIR, other]) {
      const r = await importWorkbook(t.ctx, { actor, paths: [dir], dryRun: false, allowedRegions: null });
      expect(r.errors).toEqual([]);
    }
    fs.rmSync(other, { recursive: true, force: true });
  }, 120_000);
  afterAll(async () => {
    await t?.destroy();
  });

  it('equals the direct computation on a fresh ledger, computed once and then served from the cache', async () => {
    const asked = await expectEqualToDirect();
    const rows = await t.ctx.db.kysely
      .selectFrom('report_aggregates')
      .select(['region_code', 'as_of'])
      .execute();
    expect(rows.filter((r) => r.region_code === COUNTY)).toHaveLength(asked.size);
    expect(rows.filter((r) => r.region_code === OTHER)).toHaveLength(asked.size);
  });

  it('serves the stored figures while the version is unchanged, and recomputes once a write raises it', async () => {
    const db = t.ctx.db.kysely;
    const asOf = DATES[1] ?? '';
    const before = await basicSummaryFor(db, { regionCode: COUNTY, asOf });
    const value = (s: typeof before) => s.report.figures.find((f) => f.key === 'adminQuota')?.value;
    const row = await db
      .selectFrom('report_aggregates')
      .select('figures')
      .where('region_code', '=', COUNTY)
      .where('as_of', '=', asOf)
      .executeTakeFirstOrThrow();
    const tampered = { ...(JSON.parse(row.figures) as Record<string, number>), adminQuota: -999 };
    await db
      .updateTable('report_aggregates')
      .set({ figures: JSON.stringify(tampered) })
      .where('region_code', '=', COUNTY)
      .where('as_of', '=', asOf)
      .execute();
    expect(value(await basicSummaryFor(db, { regionCode: COUNTY, asOf }))).toBe(-999);
    await write((trx) => markReportsChanged(trx, { regionCodes: [COUNTY] }));
    expect(value(await basicSummaryFor(db, { regionCode: COUNTY, asOf }))).toBe(value(before));
  });

  it('patches the first report of a date from the nearest stored date, and a report after a write', async () => {
    const db = t.ctx.db.kysely;
    const asOf = DATES[1] ?? '';
    const value = (s: BasicSummaryShape) => s.report.figures.find((f) => f.key === 'institutions')?.value;
    const tamper = (date: string) => addInstitutions(db, date);
    await basicSummaryFor(db, { regionCode: COUNTY, asOf });
    await tamper(asOf);
    // The next day, never asked: the stored 2024-12-31 is the nearest, patched, its offset kept.
    const next = '2025-01-01';
    const direct = await computeBasicFor(db, { regionCode: COUNTY, asOf: next });
    const first = await basicSummaryFor(db, { regionCode: COUNTY, asOf: next });
    expect(value(first)).toBe((value(direct) ?? 0) + 1000);
    // A write to one unit: the stored row of the date is patched (offset kept), the write counted.
    const ids = await unitIdsOf(COUNTY);
    await write((trx) => randomWrite(trx, ids, 'quota'));
    const afterDirect = await computeBasicFor(db, { regionCode: COUNTY, asOf: next });
    const after = await basicSummaryFor(db, { regionCode: COUNTY, asOf: next });
    expect(value(after)).toBe((value(afterDirect) ?? 0) + 1000);
    const quota = (s: BasicSummaryShape) => s.report.figures.find((f) => f.key === 'quotaTotal')?.value;
    expect(quota(after)).toBe(quota(afterDirect));
    // The county changed as a whole (as an import marks it): computed directly again, equal.
    await write((trx) => markReportsChanged(trx, { regionCodes: [COUNTY] }));
    await expectEqualToDirect();
  });

  it('shifts the units whose people entered or left between a stored date and a far one by counted changes', async () => {
    const db = t.ctx.db.kysely;
    // Two dates far from every stored one (the future: nothing takes effect there but what this
    // test writes), nine months apart.
    const [from, to] = ['2031-01-01', '2031-09-30'];
    const figure = (s: BasicSummaryShape, key: string) =>
      s.report.figures.find((f) => f.key === key)?.value ?? 0;
    const ids = await unitIdsOf(COUNTY);
    const current = await db
      .selectFrom('placements')
      .selectAll()
      .where('unit_id', 'in', ids)
      .where('is_current', '=', 1)
      .where('status', '=', '在编')
      .orderBy('id')
      .execute();
    const [entering, leaving] = current;
    if (!entering || !leaving) throw new Error('fixture: two people on the establishment expected');
    // Unit U: one person enters it between the dates (行政编制, 正科), one leaves it (事业编制).
    const stored = await basicSummaryFor(db, { regionCode: COUNTY, asOf: todayInChina() });
    expect(stored.report.figures.length).toBeGreaterThan(0);
    const row = await db
      .selectFrom('report_aggregates')
      .select(['cells', 'cell_attrs'])
      .where('region_code', '=', COUNTY)
      .where('as_of', '=', todayInChina())
      .executeTakeFirstOrThrow();
    if (!row.cells || !row.cell_attrs) throw new Error('cells expected');
    const unit =
      decodeCells(tableFromBytes({ cells: unpackCells(row.cells), attrs: row.cell_attrs }))[0]?.id ?? -1;
    const state = { channel: '考录', at: AT, by: null, matterId: null, unitId: unit };
    await write(async (trx) => {
      await people.supersedePlacement(trx, entering.id, {
        ...state,
        personId: entering.person_id,
        quotaType: '行政编制',
        status: '在编',
        leadershipLevel: '正科',
        enteredOn: '2031-05-01',
        leftOn: null,
      });
      await people.supersedePlacement(trx, leaving.id, {
        ...state,
        personId: leaving.person_id,
        quotaType: '事业编制',
        status: '在编',
        leadershipLevel: '无',
        enteredOn: '2020-01-01',
        leftOn: '2031-06-01',
      });
    });
    // The stored row of `from` (computed after the write, so U is not dirty since), tampered
    // consistently: U's 行政编制 核定 raised by 1,000 in its cells and in the county's figures.
    const base = await basicSummaryFor(db, { regionCode: COUNTY, asOf: from });
    const stale = await db
      .selectFrom('report_aggregates')
      .select(['cells', 'cell_attrs'])
      .where('region_code', '=', COUNTY)
      .where('as_of', '=', from)
      .executeTakeFirstOrThrow();
    if (!stale.cells || !stale.cell_attrs) throw new Error('cells expected');
    const rows = decodeCells(tableFromBytes({ cells: unpackCells(stale.cells), attrs: stale.cell_attrs }));
    const target = rows.find((r) => r.id === unit);
    if (!target) throw new Error('unit U expected in the stored cells');
    target.cells.byType['行政编制'].approved += 1000;
    const encoded = tableBytes(encodeCells(rows));
    await db
      .updateTable('report_aggregates')
      .set({
        cells: Buffer.from(encoded.cells),
        cell_attrs: encoded.attrs,
        figures: JSON.stringify(basicFigures(rows.map((r) => r.cells))),
      })
      .where('region_code', '=', COUNTY)
      .where('as_of', '=', from)
      .execute();
    const direct = await computeBasicFor(db, { regionCode: COUNTY, asOf: to });
    const first = await basicSummaryFor(db, { regionCode: COUNTY, asOf: to });
    // U's row was carried from the stored one (its tampered 核定 kept): shifted, not recomputed…
    expect(figure(first, 'adminQuota')).toBe(figure(direct, 'adminQuota') + 1000);
    expect(figure(first, 'quotaTotal')).toBe(figure(direct, 'quotaTotal') + 1000);
    // …and its head-counts moved by the people who entered and left in between.
    for (const key of ['adminActual', 'institutionActual', 'totalActual', 'organLeadershipUnfilled'])
      expect(figure(first, key), key).toBe(figure(direct, key));
    expect(figure(direct, 'adminActual')).toBe(figure(base, 'adminActual') + 1);
    expect(figure(direct, 'institutionActual')).toBe(figure(base, 'institutionActual') - 1);
    // Untampered, the same dates give exactly the direct computation, findings included.
    await db.deleteFrom('report_aggregates').where('as_of', 'in', [from, to]).execute();
    await basicSummaryFor(db, { regionCode: COUNTY, asOf: from });
    const again = await basicSummaryFor(db, { regionCode: COUNTY, asOf: to });
    expect(again.report).toEqual(direct.report);
    expect(again.quality).toEqual(direct.quality);
    await db.deleteFrom('report_aggregates').where('as_of', 'in', [from, to]).execute();
  });

  it('stays equal after random writes of every kind, many of them back-dated, one transaction each', async () => {
    const ids = [...(await unitIdsOf(COUNTY)), ...(await unitIdsOf(OTHER))];
    const done: string[] = [];
    await expectHistoryAndPopulationEqualToDirect();
    for (let round = 0; round < 3; round++) {
      for (const kind of KINDS) {
        done.push(await write((trx) => randomWrite(trx, ids, kind)));
        await expectEqualToDirect();
        // each round, after a back-dated correction of a placement
        if (kind === 'correct') await expectHistoryAndPopulationEqualToDirect();
      }
    }
    expect(new Set(done).size).toBeGreaterThanOrEqual(KINDS.length);
  }, 180_000);

  it('stays equal after a matter implemented through the procedure with a past effective date', async () => {
    const actor = { id: null, name: '测试' };
    const principal = async (role: 'clerk' | 'admin'): Promise<Principal> => {
      const { id } = await createUser(t.ctx, {
        actor,
        username: `agg-${role}`,
        displayName: role,
        role,
        regionCode: COUNTY,
        unitId: null,
        password: 'Aggregates-2026',
      });
      return {
        userId: id,
        username: `agg-${role}`,
        displayName: role,
        role,
        regionCode: COUNTY,
        unitId: null,
        mustChangePassword: false,
      };
    };
    const clerk = await principal('clerk');
    const admin = await principal('admin');
    const codes = await units.unitIdsByCode(t.ctx.db.kysely, [COUNTY]);
    const unit = (code: string) => codes.get(`${COUNTY}/${code}`) ?? -1;
    const matterId = await proposeMatter(t.ctx, {
      principal: clerk,
      regionCode: COUNTY,
      title: '核增永宁县第一中学事业编制',
      reasons: '工作需要',
      changes: [{ kind: 'quotaAdd', unitId: unit('B01'), quotaType: '事业编制', amount: 3 }],
    });
    await assessMatter(t.ctx, { principal: clerk, matterId, comment: '符合规定', exceptionReason: null });
    await decideMatter(t.ctx, {
      principal: admin,
      matterId,
      decisionBody: '县委编委会',
      docNo: '永编发〔2024〕9号',
      decidedOn: '2024-03-01',
      comment: '',
    });
    await implementMatter(t.ctx, { principal: clerk, matterId, effectiveOn: '2024-03-15', comment: '' });
    await expectEqualToDirect();
    await expectHistoryAndPopulationEqualToDirect();
  }, 60_000);

  it('stays equal after imports that change the county (quotas, then people)', async () => {
    const edits: Record<string, (text: string) => string>[] = [
      {
        '编制.csv': (text) =>
          text.replace('640121,A01,行政编制,20,,2019-01-01', '640121,A01,行政编制,26,,2019-01-01'),
      },
      { '人员.csv': (text) => text.replace('在编,调任,副科,2010-03-01', '在编,调任,副科,2021-03-01') },
    ];
    const db = t.ctx.db.kysely;
    const log = () =>
      db
        .selectFrom('report_dirty_units')
        .select(['version', 'unit_id'])
        .where('region_code', '=', COUNTY)
        .execute();
    expect((await log()).some((r) => r.unit_id !== null)).toBe(true); // the random writes' units
    for (const edit of edits) {
      await importEditedCounty(t, edit);
      // The dirty-unit log before the import's mark is pruned: only the mark itself is left.
      const version = (await reportVersions(db, [COUNTY])).get(COUNTY);
      expect(await log()).toEqual([{ version, unit_id: null }]);
      await expectEqualToDirect();
      await expectHistoryAndPopulationEqualToDirect();
    }
  }, 60_000);

  it('answers a first report before storing its rows when asked to (the report worker), the rows stored after', async () => {
    const db = t.ctx.db.kysely;
    const asOf = '2025-03-14';
    await db.deleteFrom('report_aggregates').where('as_of', '=', asOf).execute();
    const stores: (() => Promise<unknown>)[] = [];
    const direct = await computeBasicFor(db, { regionCode: CITY, asOf });
    const first = await basicSummaryFor(db, { regionCode: CITY, asOf, storeLater: (f) => stores.push(f) });
    expect(first.report).toEqual(direct.report);
    expect(first.quality).toEqual(direct.quality);
    expect(stores).toHaveLength(1);
    const rows = () =>
      db.selectFrom('report_aggregates').select('region_code').where('as_of', '=', asOf).execute();
    expect(await rows()).toEqual([]);
    for (const f of stores) await f();
    expect((await rows()).map((r) => r.region_code).sort()).toEqual([COUNTY, OTHER]);
    const again = await basicSummaryFor(db, { regionCode: CITY, asOf, storeLater: (f) => stores.push(f) });
    expect(again.report).toEqual(direct.report);
  });

  it('stores unit cells deflated on PostgreSQL and raw on SQLite, and reads rows stored raw before either way', async () => {
    const db = t.ctx.db.kysely;
    const asOf = '2025-03-16';
    await basicSummaryFor(db, { regionCode: COUNTY, asOf });
    const stored = await db
      .selectFrom('report_aggregates')
      .select(['cells', 'version'])
      .where('region_code', '=', COUNTY)
      .where('as_of', '=', asOf)
      .executeTakeFirstOrThrow();
    const bytes = Buffer.from(stored.cells ?? new Uint8Array());
    const [read] = await storedAggregatesWithCells(db, [{ regionCode: COUNTY, asOf }]);
    const raw = Buffer.from(read?.cells ?? new Uint8Array());
    // Raw: Int32 rows of CELL_WIDTH, the first the county's lowest unit id.
    expect(raw.length % (CELL_WIDTH * 4)).toBe(0);
    expect(raw.length).toBeGreaterThan(0);
    expect(raw.readInt32LE(0)).toBeGreaterThan(0);
    if (dialect === 'postgres') {
      expect(bytes.length).toBeLessThan(raw.length);
      expect(bytes.readInt32LE(0)).toBeLessThan(0);
      // A row stored raw (before migration 0033) is read as it is.
      await db
        .updateTable('report_aggregates')
        .set({ cells: raw })
        .where('region_code', '=', COUNTY)
        .where('as_of', '=', asOf)
        .execute();
      const [old] = await storedAggregatesWithCells(db, [{ regionCode: COUNTY, asOf }]);
      expect(Buffer.from(old?.cells ?? new Uint8Array()).equals(raw)).toBe(true);
    } else {
      expect(bytes.equals(raw)).toBe(true);
    }
    // Patched from either form, the next date still equals the direct computation.
    const next = '2025-03-20';
    const direct = await computeBasicFor(db, { regionCode: COUNTY, asOf: next });
    const patched = await basicSummaryFor(db, { regionCode: COUNTY, asOf: next });
    expect(patched.report).toEqual(direct.report);
    expect(patched.quality).toEqual(direct.quality);
  });

  it('patches a date from the nearest month-end checkpoint, built by rolling forward, through writes and an import', async () => {
    const db = t.ctx.db.kysely;
    const today = todayInChina();
    const year = Number(today.slice(0, 4));
    const dates = checkpointDates(today, { monthlyYears: 1, yearEndsFrom: year - 2 });
    await db.deleteFrom('report_aggregates').execute();
    const institutions = (s: BasicSummaryShape) =>
      s.report.figures.find((f) => f.key === 'institutions')?.value ?? 0;
    const tamper = (date: string) => addInstitutions(db, date);
    // Rolling forward: the first checkpoint tampered, every later one patched from the one before
    // it carries the offset to the last.
    const [first] = dates;
    if (!first) throw new Error('checkpoints expected');
    await buildCheckpoints(db, { regionCode: CITY, dates: [first] });
    await tamper(first);
    const progress: string[] = [];
    await buildCheckpoints(db, { regionCode: CITY, dates, onProgress: (p) => progress.push(p.asOf) });
    expect(progress).toEqual(dates);
    const last = dates[dates.length - 1] ?? '';
    const lastDirect = await computeBasicFor(db, { regionCode: COUNTY, asOf: last });
    expect(institutions(await basicSummaryFor(db, { regionCode: COUNTY, asOf: last }))).toBe(
      institutions(lastDirect) + 1000,
    );
    // Built again, untampered: a row per county and checkpoint.
    await db.deleteFrom('report_aggregates').execute();
    await buildCheckpoints(db, { regionCode: CITY, dates });
    const stored = await db.selectFrom('report_aggregates').select(['region_code', 'as_of']).execute();
    for (const code of [COUNTY, OTHER])
      expect(
        stored
          .filter((r) => r.region_code === code)
          .map((r) => r.as_of)
          .sort(),
      ).toEqual(dates);
    // A mid-month date is patched from its nearest checkpoint, about half a month away.
    const monthly = dates.filter((d) => d >= `${year - 1}-01-01`);
    const near = monthly[Math.floor(monthly.length / 2)] ?? '';
    const mid = new Date(Date.parse(`${near}T00:00:00Z`) - 12 * 86_400_000).toISOString().slice(0, 10);
    expect(chooseBase(dates, mid)).toBe(near);
    await tamper(near);
    const midDirect = await computeBasicFor(db, { regionCode: COUNTY, asOf: mid });
    expect(institutions(await basicSummaryFor(db, { regionCode: COUNTY, asOf: mid }))).toBe(
      institutions(midDirect) + 1000,
    );
    await db.deleteFrom('report_aggregates').where('as_of', 'in', [near, mid]).execute();
    await buildCheckpoints(db, { regionCode: CITY, dates });
    /** Dates between two checkpoints, none asked before: each patched from the nearest month-end. */
    const midMonths = () =>
      [0, 1, 2].map(() => {
        const d = monthly[1 + Math.floor(rnd() * (monthly.length - 2))] ?? near;
        const back = 5 + Math.floor(rnd() * 20);
        return new Date(Date.parse(`${d}T00:00:00Z`) - back * 86_400_000).toISOString().slice(0, 10);
      });
    const expectMidMonthsEqual = async () => {
      for (const asOf of [...midMonths(), ...monthly.slice(-2)])
        for (const regionCode of [COUNTY, CITY]) {
          const direct = await computeBasicFor(db, { regionCode, asOf });
          const cached = await basicSummaryFor(db, { regionCode, asOf });
          expect(cached.report, `${regionCode} ${asOf}`).toEqual(direct.report);
          expect(cached.quality, `${regionCode} ${asOf}`).toEqual(direct.quality);
        }
    };
    await expectMidMonthsEqual();
    // The head-count changes day by day between consecutive checkpoints (report-windows.ts): one
    // window per county and pair, and inside each the changes between any two of its dates are
    // what staffDeltasBetween counts over the placements.
    const windowRows = await db.selectFrom('report_window_deltas').selectAll().execute();
    for (const code of [COUNTY, OTHER])
      expect(
        windowRows
          .filter((r) => r.region_code === code)
          .map((r) => `${r.lo}|${r.hi}`)
          .sort(),
      ).toEqual(windowsBetween(dates).map((w) => `${w.lo}|${w.hi}`));
    const expectWindowsCount = async () => {
      const rows = await db
        .selectFrom('report_window_deltas')
        .selectAll()
        .where('region_code', '=', COUNTY)
        .execute();
      for (const row of rows) {
        const w = readWindow(row.deltas);
        const inside = () => {
          const span = (Date.parse(`${row.hi}T00:00:00Z`) - Date.parse(`${row.lo}T00:00:00Z`)) / 86_400_000;
          const at = Date.parse(`${row.lo}T00:00:00Z`) + Math.floor(rnd() * (span + 1)) * 86_400_000;
          return new Date(at).toISOString().slice(0, 10);
        };
        for (const [from, to] of [
          [row.lo, row.hi],
          [row.hi, row.lo],
          [inside(), inside()],
        ] as const) {
          const counted = (await staffDeltasBetween(db, [COUNTY], from, to))
            .filter((d) => d.actual !== 0 || d.leadersDivision !== 0 || d.leadersDeputy !== 0)
            .map((d) => [d.unitId, d.quotaType, d.actual, d.leadersDivision, d.leadersDeputy].join(' '))
            .sort();
          const stored = windowShifts(w, from, to)
            .map((d) => [d.unitId, d.quotaType, d.actual, d.leadersDivision, d.leadersDeputy].join(' '))
            .sort();
          expect(stored, `${row.lo}…${row.hi}: ${from} → ${to}`).toEqual(counted);
          // And the units changed otherwise between them, as the ledger's dates find them.
          const [lo, hi] = from < to ? [from, to] : [to, from];
          const ledger =
            lo === hi ? [] : [...((await unitsChangedBetween(db, [COUNTY], lo, hi)).get(COUNTY) ?? [])];
          expect([...windowChanged(w, from, to)].sort(), `${row.lo}…${row.hi}: ${from} → ${to}`).toEqual(
            ledger.sort(),
          );
        }
      }
      return rows.length;
    };
    expect(await expectWindowsCount()).toBe(dates.length - 1);
    // A tampered window proves a mid-month report adds up its stored changes: 1,000 more people of
    // one unit on the later of the two dates moves 实有 by 1,000 (the sign of the direction).
    const lastMonthEnd = monthly[monthly.length - 2] ?? '';
    const tampered = windowRows.find((r) => r.region_code === COUNTY && r.hi === lastMonthEnd);
    if (!tampered) throw new Error('a window of the last whole month expected');
    // Patched from the month-end (the nearest stored date: the mid-month rows stored inside the
    // window removed).
    await db
      .deleteFrom('report_aggregates')
      .where('as_of', '>', tampered.lo)
      .where('as_of', '<', tampered.hi)
      .execute();
    const inWindow = new Date(Date.parse(`${tampered.hi}T00:00:00Z`) - 10 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const from = tampered.hi;
    const organ = (await unitEntriesOn(db, [COUNTY], inWindow)).find(
      (e) => e.unit.category !== '内设机构' && e.cells.byType['行政编制'].approved > 0,
    );
    if (!organ) throw new Error('an organ with 行政编制 expected');
    const later = from > inWindow ? from : inWindow;
    /** The window of the last whole month with 1,000 more people of the organ on `later`. */
    const tamperWindow = async () => {
      const row = await db
        .selectFrom('report_window_deltas')
        .select('deltas')
        .where('region_code', '=', COUNTY)
        .where('lo', '=', tampered.lo)
        .where('hi', '=', tampered.hi)
        .executeTakeFirstOrThrow();
      const w = readWindow(row.deltas);
      const kept: DayDelta[] = [];
      for (let i = 0; i < w.rows.length; i += 6)
        kept.push({
          day: w.days[w.rows[i] ?? 0] ?? '',
          unitId: w.rows[i + 1] ?? 0,
          quotaType: w.types[w.rows[i + 2] ?? 0] ?? '',
          actual: w.rows[i + 3] ?? 0,
          leadersDivision: w.rows[i + 4] ?? 0,
          leadersDeputy: w.rows[i + 5] ?? 0,
        });
      const extra = {
        day: later,
        unitId: organ.unit.id,
        quotaType: '行政编制',
        actual: 1000,
        leadersDivision: 0,
        leadersDeputy: 0,
      };
      await db
        .updateTable('report_window_deltas')
        .set({ deltas: encodeWindow([...kept, extra], w.names()) })
        .where('region_code', '=', COUNTY)
        .where('lo', '=', tampered.lo)
        .where('hi', '=', tampered.hi)
        .execute();
    };
    await tamperWindow();
    const actualOf = (s: BasicSummaryShape) =>
      s.report.figures.find((f) => f.key === 'totalActual')?.value ?? 0;
    const directMid = await computeBasicFor(db, { regionCode: COUNTY, asOf: inWindow });
    expect(
      actualOf(
        await basicSummaryFor(db, { regionCode: COUNTY, asOf: inWindow, storeLater: () => undefined }),
      ),
    ).toBe(actualOf(directMid) + (from < inWindow ? 1000 : -1000));
    // Without its window, the date is counted over the placements again, and equal.
    await db
      .deleteFrom('report_window_deltas')
      .where('region_code', '=', COUNTY)
      .where('hi', '=', tampered.hi)
      .execute();
    const counted = await basicSummaryFor(db, {
      regionCode: COUNTY,
      asOf: inWindow,
      storeLater: () => undefined,
    });
    expect(counted.report).toEqual(directMid.report);
    expect(counted.quality).toEqual(directMid.quality);
    // A damaged window is not used either: counted over the ledger, and equal.
    await db
      .updateTable('report_window_deltas')
      .set({ deltas: '{' })
      .where('region_code', '=', COUNTY)
      .execute();
    const undamaged = await basicSummaryFor(db, {
      regionCode: COUNTY,
      asOf: inWindow,
      storeLater: () => undefined,
    });
    expect(undamaged.report).toEqual(directMid.report);
    expect(undamaged.quality).toEqual(directMid.quality);
    await db.deleteFrom('report_window_deltas').where('region_code', '=', COUNTY).execute();
    await buildCheckpoints(db, { regionCode: CITY, dates });
    // A quota row taking effect three days into the month: a date a week into it is patched from
    // the month-end after it (nothing but head-counts changes in between), not from the nearer
    // month-end before it (the quota row's unit would be computed directly) — the month-end after
    // it tampered shows which.
    const dayAfter = (date: string, days: number) =>
      new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const organQuota = await db
      .selectFrom('quotas')
      .selectAll()
      .where('unit_id', '=', organ.unit.id)
      .where('retracted_at', 'is', null)
      .executeTakeFirstOrThrow();
    await write((trx) =>
      est.insertQuota(trx, {
        unitId: organ.unit.id,
        quotaType: organQuota.quota_type,
        source: organQuota.source,
        approved: organQuota.approved + 5,
        effectiveFrom: dayAfter(tampered.lo, 3),
        docNo: null,
        at: AT,
        by: null,
      }),
    );
    await buildCheckpoints(db, { regionCode: CITY, dates });
    const week = dayAfter(tampered.lo, 7);
    const stamped = await db
      .selectFrom('report_window_deltas')
      .select('deltas')
      .where('region_code', '=', COUNTY)
      .where('hi', '=', tampered.hi)
      .executeTakeFirstOrThrow();
    expect([...windowChanged(readWindow(stamped.deltas), tampered.lo, week)]).toContain(organ.unit.id);
    await db
      .deleteFrom('report_aggregates')
      .where('as_of', '>', tampered.lo)
      .where('as_of', '<', tampered.hi)
      .execute();
    await addInstitutions(db, tampered.hi);
    const weekDirect = await computeBasicFor(db, { regionCode: COUNTY, asOf: week });
    const weekPatched = await basicSummaryFor(db, {
      regionCode: COUNTY,
      asOf: week,
      storeLater: () => undefined,
    });
    expect(institutions(weekPatched)).toBe(institutions(weekDirect) + 1000);
    expect(actualOf(weekPatched)).toBe(actualOf(weekDirect));
    await db.deleteFrom('report_aggregates').where('as_of', '=', tampered.hi).execute();
    await buildCheckpoints(db, { regionCode: CITY, dates });
    // Writes of every kind (back-dated corrections among them), the checkpoints rebuilt after
    // some of them (only the stale rows), then an import.
    const ids = [...(await unitIdsOf(COUNTY)), ...(await unitIdsOf(OTHER))];
    for (const [i, kind] of [...KINDS, 'correct', 'move', 'correct'].entries()) {
      await write((trx) => randomWrite(trx, ids, kind as (typeof KINDS)[number]));
      if (i % 3 === 2) await buildCheckpoints(db, { regionCode: CITY, dates });
      await expectMidMonthsEqual();
    }
    // A window older than an import of its county is not used: with the month-end stored again
    // after the import (and tampered, to show it is patched from), the tampered window's 1,000
    // people do not appear — the head-counts are counted over the placements instead.
    await tamperWindow();
    await importEditedCounty(t, {
      '编制.csv': (text) =>
        text.replace('640121,A01,行政编制,20,,2019-01-01', '640121,A01,行政编制,31,,2019-01-01'),
    });
    await db
      .deleteFrom('report_aggregates')
      .where('as_of', '>', tampered.lo)
      .where('as_of', '<', tampered.hi)
      .execute();
    await basicSummaryFor(db, { regionCode: COUNTY, asOf: tampered.hi });
    await addInstitutions(db, tampered.hi);
    const afterImport = await computeBasicFor(db, { regionCode: COUNTY, asOf: inWindow });
    const recounted = await basicSummaryFor(db, {
      regionCode: COUNTY,
      asOf: inWindow,
      storeLater: () => undefined,
    });
    expect(actualOf(recounted)).toBe(actualOf(afterImport));
    expect(institutions(recounted)).toBe(institutions(afterImport) + 1000);
    await db.deleteFrom('report_aggregates').where('as_of', '=', tampered.hi).execute();
    await expectMidMonthsEqual();
    await buildCheckpoints(db, { regionCode: CITY, dates });
    await expectMidMonthsEqual();
    expect(await expectWindowsCount()).toBe(dates.length - 1);
    for (const asOf of [first, ...monthly.slice(0, 2)]) {
      const direct = await computeBasicFor(db, { regionCode: CITY, asOf });
      expect((await basicSummaryFor(db, { regionCode: CITY, asOf })).report).toEqual(direct.report);
    }
  }, 240_000);
});
