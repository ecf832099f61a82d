// The 基本情况 report's figures and findings through the aggregate cache (migrations 0012, 0028).
//
// Each county's summed figures and per-unit findings on a date are stored once computed, with
// every unit's cells, stamped with the county's report version — a counter raised in the same
// transaction as every write that changes what the report counts, which also logs the units the
// write touched (db/repositories/report-aggregates.ts). A stored row is used as is while its
// county's counter is unchanged. Otherwise — a write since, or a date never asked for — the
// county's stored row of the same date, or else of the nearest stored date, is patched unit by
// unit (report-cells.ts): the units written since its counter, plus, for another date, the units
// with a version, quota or post row taking effect between the two dates, are computed directly;
// the units whose people only entered or left between the two dates are shifted by counted
// head-count changes (added up from the stored day-by-day changes of the checkpoint window holding
// both dates, report-windows.ts; else one GROUP BY over the placements between them); both replace their old
// contributions and findings. A county changed as a whole (an import), one never stored, or one
// where too many units must be computed directly is computed directly (compute-basic.ts, the
// reference). A
// province is the sum of its counties. The counter is read before the ledger, so a row is never
// stamped newer than the data it was computed from.
import type { QualityIssue } from '../../common/wire-reports.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import {
  dirtyAfter,
  dirtyMarksSince,
  reportVersions,
  storeAggregates,
  storedAggregates,
  storedAggregatesWithCells,
  storedCellDates,
  storedWindows,
  storedWindowsHolding,
  storeWindowDeltas,
  unitChangesByDay,
  unitsChangedBetween,
  type StoredWindow,
} from '../../db/repositories/report-aggregates.ts';
import { staffDeltasBetween, staffDeltasByDay, unitsOn } from '../../db/repositories/reports.ts';
import { reportingType } from '../establishment/rules.ts';
import type { BasicReport } from '../../common/report-basic.ts';
import { basicFigures } from './basic-rules.ts';
import {
  figureList,
  missingUnitFindings,
  partitionQuality,
  unitEntriesOn,
  unitQuality,
  type UnitEntry,
} from './compute-basic.ts';
import {
  cellCount,
  changeRange,
  chooseBase,
  encodeCells,
  nameShifted,
  patchCounty,
  shiftCounty,
  tableBytes,
  tableFromBytes,
  type CellShift,
  type CountyState,
  type UnitCellRow,
  type NameLookup,
  type UnnamedShift,
} from './report-cells.ts';
import { reportScope, type ReportScope } from './report-scope.ts';
import {
  cheapestBase,
  decodeWindow,
  encodeWindow,
  windowChanged,
  windowsBetween,
  windowShifts,
  type WindowDeltas,
} from './report-windows.ts';

export interface BasicSummary {
  report: BasicReport;
  quality: QualityIssue[];
}

interface CountyAggregate {
  figures: Record<string, number>;
  units: QualityIssue[];
  missing: QualityIssue[];
}

function parseAggregate(figures: string, quality: string): CountyAggregate {
  const q = JSON.parse(quality) as { units: QualityIssue[]; missing: QualityIssue[] };
  return { figures: JSON.parse(figures) as Record<string, number>, units: q.units, missing: q.missing };
}

const cellRow = (e: UnitEntry): UnitCellRow => ({ id: e.unit.id, cells: e.cells, hasQuota: e.hasQuota });

/** Units recomputed per statement when patching (bound parameters stay far below every limit). */
const CHUNK = 2000;

/** Above this share of a county's units differing, the county is computed directly instead. */
const PATCH_SHARE = 0.25;

/**
 * How far around a date its stored dates are looked for first (checkpoints are a month apart in
 * the last years): a county with none that near has all its stored dates read.
 */
const NEAR_DAYS = 62;

/** The ISO date `days` days after `date` (before, if negative). */
function daysFrom(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(t) ? date : new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

/** The counties computed directly from the ledger, in one pass over their rows. */
async function computeCounties(
  db: Executor,
  codes: string[],
  asOf: string,
): Promise<Map<string, CountyState>> {
  const entries = await unitEntriesOn(db, codes, asOf);
  const missing = await missingUnitFindings(db, codes, asOf);
  const byCounty = new Map<string, UnitEntry[]>(codes.map((c) => [c, []]));
  for (const e of entries) byCounty.get(e.unit.regionCode)?.push(e);
  const out = new Map<string, CountyState>();
  for (const code of codes) {
    const own = byCounty.get(code) ?? [];
    out.set(code, {
      figures: basicFigures(own.map((e) => e.cells)),
      units: unitQuality(own),
      missing: missing.filter((m) => m.regionCode === code).map((m) => m.issue),
      cells: encodeCells(own.map(cellRow)),
    });
  }
  return out;
}

/**
 * The counted head-count changes of the counties between their base dates and `asOf`, by county:
 * people entering or leaving (staffDeltasBetween), per unit and reporting type.
 */
async function shiftsBetween(
  db: Executor,
  byBaseDate: ReadonlyMap<string, string[]>,
  asOf: string,
): Promise<Map<string, CellShift[]>> {
  const out = new Map<string, CellShift[]>();
  for (const [baseDate, counties] of byBaseDate) {
    for (const d of await staffDeltasBetween(db, counties, baseDate, asOf)) {
      const list = out.get(d.regionCode) ?? [];
      list.push({
        unitId: d.unitId,
        type: reportingType(d.quotaType),
        actual: d.actual,
        leadersDivision: d.leadersDivision,
        leadersDeputy: d.leadersDeputy,
      });
      out.set(d.regionCode, list);
    }
  }
  return out;
}

/** The units of the counties with a version, quota or post row taking effect between their base dates and `asOf`. */
async function unitsChangedSince(
  db: Executor,
  byBaseDate: ReadonlyMap<string, string[]>,
  asOf: string,
): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (const [baseDate, counties] of byBaseDate) {
    const range = changeRange(baseDate, asOf);
    if (!range) continue;
    for (const [code, ids] of await unitsChangedBetween(db, counties, range.lo, range.hi))
      out.set(code, [...(out.get(code) ?? []), ...ids]);
  }
  return out;
}

/**
 * The stale counties on a date: each patched from its stored row of the date or of the nearest
 * stored date where possible, else computed directly. Of the units that differ, those whose only
 * change between the two dates is people entering or leaving are shifted by counted deltas (from
 * the stored window holding both dates where there is one); the
 * units written since the stored row, or with a version, quota or post row taking effect between
 * the dates, are computed directly.
 */
async function refreshCounties(
  db: Executor,
  codes: string[],
  asOf: string,
): Promise<Map<string, CountyState>> {
  const dates = new Map<string, string[]>(codes.map((c) => [c, []]));
  // The stored dates near the date (the nearest is among them if any is that near; else all of
  // a county's), and the windows holding it with their changes (report-windows.ts).
  const [near, holding] = await Promise.all([
    storedCellDates(db, codes, { from: daysFrom(asOf, -NEAR_DAYS), to: daysFrom(asOf, NEAR_DAYS) }),
    storedWindowsHolding(db, codes, asOf),
  ]);
  const far = codes.filter((c) => !near.some((d) => d.regionCode === c));
  const cellDates = far.length > 0 ? [...near, ...(await storedCellDates(db, far))] : near;
  for (const d of cellDates) dates.get(d.regionCode)?.push(d.asOf);
  const versionOf = new Map(cellDates.map((d) => [`${d.regionCode}@${d.asOf}`, d.version]));
  // Each county's base: of its stored dates inside the narrowest window holding the date, the one
  // with the fewest units changed otherwise in between, else the nearest stored date.
  const windowOf = new Map<string, StoredWindow & WindowDeltas>();
  for (const w of holding) {
    const other = windowOf.get(w.regionCode);
    if (other && !(w.lo >= other.lo && w.hi <= other.hi)) continue;
    const decoded = decodeWindow(w.deltas);
    // A window that cannot be read (damaged) is not used: the county is counted over the ledger.
    if (decoded) windowOf.set(w.regionCode, { ...w, ...decoded });
  }
  const wanted: { regionCode: string; asOf: string }[] = [];
  for (const code of codes) {
    const stored = dates.get(code) ?? [];
    const w = windowOf.get(code);
    const base = (w && cheapestBase(w, stored, asOf, chooseBase)) ?? chooseBase(stored, asOf);
    if (base !== null) wanted.push({ regionCode: code, asOf: base });
  }
  const baseOf = new Map(wanted.map((w) => [w.regionCode, w.asOf]));
  // What changed between each base date and `asOf`: from the window holding both dates, else
  // counted over the ledger (the head-counts over the placements, the other rows by their dates).
  const uncounted = new Map<string, string[]>();
  const windows = new Map<string, StoredWindow & WindowDeltas>();
  for (const { regionCode: code, asOf: base } of wanted) {
    if (base === asOf) continue;
    const w = windowOf.get(code);
    if (w && w.lo <= base && base <= w.hi) windows.set(code, w);
    else uncounted.set(base, [...(uncounted.get(base) ?? []), code]);
  }
  // The base rows (their cells inflated here), the units written since the older of the base
  // row's and the window's counters (a base row read with a newer counter than listed has fewer)
  // and what the ledger must count, asked at once: on PostgreSQL they run side by side.
  const baseSince = new Map(
    wanted.map((w) => [w.regionCode, versionOf.get(`${w.regionCode}@${w.asOf}`) ?? 0]),
  );
  const windowSince = new Map([...windows].map(([code, w]) => [code, w.version]));
  const floor = new Map(baseSince);
  for (const [code, v] of windowSince) floor.set(code, Math.min(floor.get(code) ?? v, v));
  const [bases, marks, changed, shifts] = await Promise.all([
    storedAggregatesWithCells(db, wanted),
    dirtyMarksSince(db, floor),
    unitsChangedSince(db, uncounted, asOf),
    shiftsBetween(db, uncounted, asOf),
  ]);
  // The units written since the base row, and since the window: a window older than a change of
  // its whole county (an import since it was built) is not used — that county's changes are
  // counted over the ledger after all.
  const dirty = dirtyAfter(marks, baseSince);
  const windowDirty = dirtyAfter(marks, windowSince);
  const recount = new Map<string, string[]>();
  const names = new Map<string, NameLookup>();
  for (const [code, w] of windows) {
    const ofWindow = windowDirty.get(code);
    const ofBase = dirty.get(code);
    const base = baseOf.get(code) ?? asOf;
    if (ofWindow === null && ofBase !== null) {
      recount.set(base, [...(recount.get(base) ?? []), code]);
      continue;
    }
    if (ofWindow && ofBase) for (const id of ofWindow) ofBase.add(id);
    changed.set(code, [...windowChanged(w, base, asOf)]);
    shifts.set(
      code,
      windowShifts(w, base, asOf).map((d) => ({
        unitId: d.unitId,
        type: reportingType(d.quotaType),
        actual: d.actual,
        leadersDivision: d.leadersDivision,
        leadersDeputy: d.leadersDeputy,
      })),
    );
    names.set(code, { get: (id) => w.names().get(id) });
  }
  if (recount.size > 0) {
    const [more, counted] = await Promise.all([
      unitsChangedSince(db, recount, asOf),
      shiftsBetween(db, recount, asOf),
    ]);
    for (const [code, ids] of more) changed.set(code, ids);
    for (const [code, list] of counted) shifts.set(code, list);
  }
  for (const [code, ids] of changed) {
    const set = dirty.get(code);
    if (set) for (const id of ids) set.add(id);
  }
  const states = new Map<string, CountyState>();
  const patchable = new Map<string, { base: CountyState; dirty: Set<number> }>();
  const shifted = new Map<string, { state: CountyState; unnamed: UnnamedShift[] }>();
  for (const b of bases) {
    const set = dirty.get(b.regionCode);
    if (!set) continue;
    const parsed = parseAggregate(b.figures, b.quality);
    const cells = tableFromBytes({ cells: b.cells, attrs: b.attrs });
    const base = { ...parsed, cells };
    const own = (shifts.get(b.regionCode) ?? []).filter((x) => !set.has(x.unitId));
    // In place: the rows were read for this report only (the base is not used once shifted).
    const r = shiftCounty(base, own, unitQuality, names.get(b.regionCode), { inPlace: true });
    for (const id of r.absent) set.add(id);
    if (set.size > Math.max(50, cellCount(cells) * PATCH_SHARE)) continue;
    patchable.set(b.regionCode, { base, dirty: set });
    shifted.set(b.regionCode, r);
  }

  // The shifted units with a new finding and no name in the base's findings: their findings named
  // (a unit not found, not expected, is computed directly).
  const unnamed = [...shifted.values()].flatMap((r) => r.unnamed.map((u) => u.id));
  if (unnamed.length > 0) {
    const names = new Map<number, string>();
    for (let i = 0; i < unnamed.length; i += CHUNK)
      for (const u of await unitsOn(db, [...patchable.keys()], asOf, unnamed.slice(i, i + CHUNK)))
        names.set(u.id, u.name);
    for (const [code, r] of shifted) {
      const p = patchable.get(code);
      if (r.unnamed.length === 0 || !p) continue;
      const named = nameShifted(r.state, r.unnamed, names, unitQuality);
      for (const id of named.unknown) p.dirty.add(id);
      shifted.set(code, { state: named.state, unnamed: [] });
    }
  }
  const patchCodes = [...patchable.keys()];
  const ids = [...new Set([...patchable.values()].flatMap((p) => [...p.dirty]))].sort((a, b) => a - b);
  const entries: UnitEntry[] = [];
  const missing: { regionCode: string; issue: QualityIssue }[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    entries.push(...(await unitEntriesOn(db, patchCodes, asOf, part)));
    missing.push(...(await missingUnitFindings(db, patchCodes, asOf, part)));
  }
  for (const [code, p] of patchable) {
    const own = entries.filter((e) => e.unit.regionCode === code);
    const state = shifted.get(code)?.state ?? p.base;
    states.set(
      code,
      p.dirty.size === 0
        ? state
        : patchCounty(state, p.dirty, {
            rows: own.map(cellRow),
            units: unitQuality(own),
            missing: missing.filter((m) => m.regionCode === code).map((m) => m.issue),
          }),
    );
  }
  const direct = codes.filter((c) => !states.has(c));
  for (const [code, state] of await computeCounties(db, direct, asOf)) states.set(code, state);
  return states;
}

const byUnit = (a: QualityIssue, b: QualityIssue) => (a.unitId ?? 0) - (b.unitId ?? 0);

/**
 * Runs the storing of a report's fresh rows after the report is answered (the report worker: after
 * its reply is posted, the next job waiting for it). The rows are stamped with the counters read
 * before the ledger, so storing them later is as valid as storing them at once: a write in between
 * only makes them stale. Used for one date at a time only — the later dates of a several-date call
 * patch from the earlier ones' stored rows.
 */
export type StoreLater = (store: () => Promise<unknown>) => void;

/**
 * The report of a county, or the sum over a city's or province's counties, on a date: equal to
 * computeBasicFor's report and quality. Fresh rows are stored in `storeIn` (default `db`): on a
 * standby, the primary — a row computed from the standby's replayed data, stamped with the
 * version the standby had replayed, is as valid on the primary. A failed store there (the primary
 * unreachable) does not fail the report; it is computed again next time. With `storeLater`, the
 * rows are handed to it instead of stored before answering.
 */
export async function basicSummaryFor(
  db: Executor,
  opts: { regionCode: string; asOf: string; storeIn?: Executor; storeLater?: StoreLater },
): Promise<BasicSummary> {
  const [summary] = await basicSummariesFor(db, { ...opts, dates: [opts.asOf] });
  if (!summary) throw new Error('basicSummariesFor: no summary for the date');
  return summary;
}

/**
 * The reports of one region on several dates (the 首页's history of year-ends, 人口与编制's
 * population years), in the order of `dates`: each equal to basicSummaryFor's, with the counters
 * and the stored rows of every date read in one statement each; the dates not stored yet are
 * computed one after the other, each patched from the nearest date stored before it.
 */
export async function basicSummariesFor(
  db: Executor,
  opts: { regionCode: string; dates: readonly string[]; storeIn?: Executor; storeLater?: StoreLater },
): Promise<BasicSummary[]> {
  const scope = await reportScope(db, opts.regionCode);
  const codes = scope.counties.map((c) => c.code);
  const versions = await reportVersions(db, codes);
  const dates = [...new Set(opts.dates)];
  const stored = new Map(
    (await storedAggregates(db, codes, dates)).map((r) => [`${r.regionCode}@${r.asOf}`, r]),
  );
  const byDate = new Map<string, BasicSummary>();
  for (const asOf of dates) {
    const counties: CountyAggregate[] = [];
    const stale: string[] = [];
    for (const code of codes) {
      const row = stored.get(`${code}@${asOf}`);
      if (row && row.version === (versions.get(code) ?? 0))
        counties.push(parseAggregate(row.figures, row.quality));
      else stale.push(code);
    }
    // The fresh counties of the date stored in one statement (a commit each cost a WAL flush).
    const at = new Date().toISOString();
    const refreshed = [...(await refreshCounties(db, stale, asOf))];
    for (const [, fresh] of refreshed) counties.push(fresh);
    // Encoded for storing only when stored (after the answer, with storeLater).
    const rows = () =>
      refreshed.map(([code, fresh]) => freshRow({ code, asOf, version: versions.get(code) ?? 0, fresh, at }));
    const target = opts.storeIn ?? db;
    const store = () =>
      target === db ? storeAggregates(db, rows()) : storeAggregates(target, rows()).catch(() => false);
    if (opts.storeLater && dates.length === 1) opts.storeLater(store);
    else await store();
    byDate.set(asOf, summaryOf(scope, asOf, counties));
  }
  return opts.dates.map((d) => {
    const s = byDate.get(d);
    if (!s) throw new Error(`basicSummariesFor: ${d} not computed`);
    return s;
  });
}

/** The stored row of a county's fresh state on a date. */
function freshRow(c: { code: string; asOf: string; version: number; fresh: CountyState; at: string }) {
  const encoded = tableBytes(c.fresh.cells);
  return {
    regionCode: c.code,
    asOf: c.asOf,
    version: c.version,
    figures: JSON.stringify(c.fresh.figures),
    quality: JSON.stringify({ units: c.fresh.units, missing: c.fresh.missing }),
    at: c.at,
    cells: encoded.cells,
    attrs: encoded.attrs,
  };
}

/** The region's report on a date: its counties' figures summed, their findings in unit order. */
function summaryOf(scope: ReportScope, asOf: string, counties: readonly CountyAggregate[]): BasicSummary {
  const values: Record<string, number> = {};
  for (const c of counties) {
    for (const [key, v] of Object.entries(c.figures)) values[key] = (values[key] ?? 0) + v;
  }
  const quality = [
    ...counties.flatMap((c) => c.units).sort(byUnit),
    ...partitionQuality(values),
    ...counties.flatMap((c) => c.missing).sort(byUnit),
  ];
  return {
    report: {
      regionCode: scope.regionCode,
      regionName: scope.regionName,
      cityName: scope.cityName,
      asOf,
      figures: figureList(values),
      counties: scope.counties,
    },
    quality,
  };
}

/**
 * Builds the maintained totals of a region's counties on the checkpoint dates (checkpointDates in
 * report-cells.ts: month-ends of the last years, year-ends before), in date order, each patched
 * from the nearest date stored before it — one month of changes, mostly counted shifts — so that
 * the first report of any later date is patched from a row about half a month away. A date whose
 * stored rows are current is read, not rebuilt: running it again (after an import, at start-up,
 * from `bianzhi report checkpoints`) only rebuilds what writes made stale.
 */
export async function buildCheckpoints(
  db: Executor,
  opts: {
    regionCode: string;
    dates: readonly string[];
    onProgress?: (p: { done: number; total: number; asOf: string; ms: number }) => void;
  },
): Promise<void> {
  const dates = [...new Set(opts.dates)].sort();
  const windows = new Map(windowsBetween(dates).map((w) => [w.hi, w]));
  const codes = (await reportScope(db, opts.regionCode)).counties.map((c) => c.code);
  for (const [i, asOf] of dates.entries()) {
    const t = performance.now();
    await basicSummaryFor(db, { regionCode: opts.regionCode, asOf });
    const window = windows.get(asOf);
    if (window) await buildWindows(db, db, codes, window.lo, window.hi);
    opts.onProgress?.({ done: i + 1, total: dates.length, asOf, ms: performance.now() - t });
  }
}

/**
 * Stores the head-count changes day by day of the counties in the window (lo, hi]
 * (report-windows.ts), for the counties whose stored window is missing or older than their counter:
 * the counted changes, the units with a version, quota or post row taking effect on each day, and
 * the names of the units with a head-count change whose name holds through the window (no such
 * row in it), as on `hi`. Stamped with the
 * counters read before the ledger, as the aggregates are.
 */
export async function buildWindowsFor(
  db: Executor,
  opts: { regionCode: string; lo: string; hi: string; storeIn?: Executor },
): Promise<void> {
  const codes = (await reportScope(db, opts.regionCode)).counties.map((c) => c.code);
  await buildWindows(db, opts.storeIn ?? db, codes, opts.lo, opts.hi);
}

/** buildWindowsFor of the counties, read from `db` and stored in `target` (the primary of a standby). */
async function buildWindows(
  db: Executor,
  target: Executor,
  codes: readonly string[],
  lo: string,
  hi: string,
): Promise<void> {
  const versions = await reportVersions(db, codes);
  const current = new Set(
    (await storedWindows(target, codes, { lo, hi }))
      .filter((w) => w.version === versions.get(w.regionCode))
      .map((w) => w.regionCode),
  );
  const stale = codes.filter((c) => !current.has(c));
  if (stale.length === 0) return;
  const [deltas, changes] = await Promise.all([
    staffDeltasByDay(db, stale, lo, hi),
    unitChangesByDay(db, stale, lo, hi),
  ]);
  const changedUnits = new Set(changes.map((c) => c.unitId));
  const named = [...new Set(deltas.filter((d) => !changedUnits.has(d.unitId)).map((d) => d.unitId))].sort(
    (a, b) => a - b,
  );
  const names = new Map<number, string>();
  for (let i = 0; i < named.length; i += CHUNK)
    for (const u of await unitsOn(db, stale, hi, named.slice(i, i + CHUNK))) names.set(u.id, u.name);
  const at = new Date().toISOString();
  await storeWindowDeltas(
    target,
    stale.map((code) => {
      const own = deltas.filter((d) => d.regionCode === code);
      const ownNames = new Map<number, string>();
      for (const d of own) {
        const name = names.get(d.unitId);
        if (name !== undefined) ownNames.set(d.unitId, name);
      }
      return {
        regionCode: code,
        lo,
        hi,
        version: versions.get(code) ?? 0,
        deltas: encodeWindow(
          own,
          ownNames,
          changes.filter((c) => c.regionCode === code),
        ),
        at,
      };
    }),
  );
}
