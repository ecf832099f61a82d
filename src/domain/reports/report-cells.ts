// Pure rules of the maintained per-unit totals (migration 0028): a county's unit cells on a date
// encoded compactly, a stored county aggregate patched unit by unit, and the choice of the stored
// date to patch from. A county's figures are sums of unit contributions and its findings are per
// unit, so replacing the contributions and findings of the units that differ gives exactly what
// the direct computation gives (test/reports/aggregates.test.ts proves it on both databases).
import type { QualityIssue } from '../../common/wire-reports.ts';
import { CONTRIBUTIONS, type UnitAttributes, type UnitCells } from './basic-rules.ts';

/** Int32 values per unit: id, attribute set, 3 × (approved, actual, pending, exam), 政法, posts ×4, hasQuota. */
export const CELL_WIDTH = 20;
const TYPES = ['行政编制', '事业编制', '聘用编制'] as const;
const ATTR_KEYS = [
  'category',
  'rank',
  'affiliation',
  'countsTowardDirectLimit',
  'funding',
  'type',
  'sector',
] as const;

/** What the patch needs of one unit: its attributes (for its contributions) and its cells. */
export interface UnitCellRow {
  id: number;
  cells: UnitCells;
  hasQuota: boolean;
}

export interface EncodedCells {
  cells: Buffer;
  attrs: string;
}

/** A county's unit cells: Int32 rows sorted by unit id, and the attribute sets they refer to. */
export interface CellTable {
  rows: Int32Array;
  attrs: unknown[][];
}

/**
 * The figures' contributions as one list, walked once per patched unit: building a record of
 * every figure per unit (basicFigures of one unit) cost about seven times as much.
 */
const CONTRIBUTION_LIST = Object.entries(CONTRIBUTIONS);

const attrKey = (u: UnitAttributes) => JSON.stringify(ATTR_KEYS.map((k) => u[k]));

/** Writes one unit's row at `o`, its attribute set looked up (or added) in `attrs`/`index`. */
function writeRow(
  out: Int32Array,
  o: number,
  r: UnitCellRow,
  attrs: unknown[][],
  index: Map<string, number>,
) {
  const key = attrKey(r.cells.unit);
  let a = index.get(key);
  if (a === undefined) {
    a = attrs.length;
    index.set(key, a);
    attrs.push(ATTR_KEYS.map((k) => r.cells.unit[k]));
  }
  out[o] = r.id;
  out[o + 1] = a;
  TYPES.forEach((t, j) => {
    const c = r.cells.byType[t];
    out.set([c.approved, c.actual, c.pending, c.examPending], o + 2 + j * 4);
  });
  out[o + 14] = r.cells.politicalLegalApproved;
  out[o + 15] = r.cells.posts['正科'].approved;
  out[o + 16] = r.cells.posts['正科'].filled;
  out[o + 17] = r.cells.posts['副科'].approved;
  out[o + 18] = r.cells.posts['副科'].filled;
  out[o + 19] = r.hasQuota ? 1 : 0;
}

const attrIndex = (attrs: unknown[][]) => new Map(attrs.map((a, i) => [JSON.stringify(a), i]));

/** The units' cells as a table (sorted by unit id). */
export function encodeCells(rows: readonly UnitCellRow[]): CellTable {
  const sorted = [...rows].sort((a, b) => a.id - b.id);
  const attrs: unknown[][] = [];
  const index = new Map<string, number>();
  const out = new Int32Array(sorted.length * CELL_WIDTH);
  sorted.forEach((r, i) => writeRow(out, i * CELL_WIDTH, r, attrs, index));
  return { rows: out, attrs };
}

/** The table as stored: the rows' bytes and the attribute sets as JSON. */
export function tableBytes(t: CellTable): EncodedCells {
  return {
    cells: Buffer.from(t.rows.buffer, t.rows.byteOffset, t.rows.byteLength),
    attrs: JSON.stringify(t.attrs),
  };
}

/**
 * The attribute sets of recently read tables, by their JSON: a county's sets rarely change between
 * its stored rows, and the decoded sets and shift lists (keyed by the array) then carry over from
 * one report to the next. Nothing mutates an attribute-set array (patchCounty copies it).
 */
const parsedAttrs = new Map<string, unknown[][]>();
const PARSED_ATTRS_MAX = 1024;

function attrsOf(json: string): unknown[][] {
  let attrs = parsedAttrs.get(json);
  if (!attrs) {
    if (parsedAttrs.size >= PARSED_ATTRS_MAX) parsedAttrs.clear();
    attrs = JSON.parse(json) as unknown[][];
    parsedAttrs.set(json, attrs);
  }
  return attrs;
}

/** The table of stored bytes, without copying when aligned (the rows then share the bytes' memory). */
export function tableFromBytes(encoded: { cells: Uint8Array; attrs: string }): CellTable {
  const buf = encoded.cells;
  const rows =
    buf.byteOffset % 4 === 0
      ? new Int32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4)
      : new Int32Array(Uint8Array.from(buf).buffer);
  return { rows, attrs: attrsOf(encoded.attrs) };
}

export const cellCount = (t: CellTable): number => t.rows.length / CELL_WIDTH;

/** The attribute sets of each table, each decoded on first use (shared by its rows: nothing mutates them). */
const decodedAttrs = new WeakMap<unknown[][], (UnitAttributes | undefined)[]>();

function attrAt(t: CellTable, i: number): UnitAttributes | undefined {
  let out = decodedAttrs.get(t.attrs);
  if (!out) decodedAttrs.set(t.attrs, (out = []));
  const a = t.attrs[i];
  if (a === undefined) return undefined;
  return (out[i] ??= Object.fromEntries(ATTR_KEYS.map((k, j) => [k, a[j]])) as unknown as UnitAttributes);
}

/** The row at index i of the table, decoded (written out: this runs for every patched unit). */
function decodeAt(t: CellTable, i: number): UnitCellRow {
  const r = t.rows;
  const o = i * CELL_WIDTH;
  const at = (k: number) => r[o + k] ?? 0;
  const unit = attrAt(t, at(1));
  if (!unit) throw new Error('report cells: unknown attribute set');
  const cell = (k: number) => ({
    approved: at(k),
    actual: at(k + 1),
    pending: at(k + 2),
    examPending: at(k + 3),
  });
  return {
    id: at(0),
    hasQuota: at(19) === 1,
    cells: {
      unit,
      byType: { 行政编制: cell(2), 事业编制: cell(6), 聘用编制: cell(10) },
      politicalLegalApproved: at(14),
      posts: { 正科: { approved: at(15), filled: at(16) }, 副科: { approved: at(17), filled: at(18) } },
    },
  };
}

/** Index of the unit's row (binary search on the sorted ids, from row `from` on), or -1. */
function indexOf(t: CellTable, id: number, from = 0): number {
  let lo = from;
  let hi = cellCount(t) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = t.rows[mid * CELL_WIDTH] ?? 0;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Every row, decoded, in unit order. */
export function decodeCells(t: CellTable): UnitCellRow[] {
  return Array.from({ length: cellCount(t) }, (_, i) => decodeAt(t, i));
}

export interface CountyState {
  figures: Record<string, number>;
  /** Per-unit findings (超编, 超职数, no quota), in unit order. */
  units: QualityIssue[];
  /** People in units missing on the date, in unit order. */
  missing: QualityIssue[];
  /** Every unit's cells. */
  cells: CellTable;
}

const byUnit = (a: QualityIssue, b: QualityIssue) => (a.unitId ?? 0) - (b.unitId ?? 0);

/**
 * The county's state with the units in `dirty` replaced by their recomputed rows (`fresh`: the
 * dirty units that exist on the date, with their findings; `freshMissing`: the missing-unit
 * findings among the dirty units). A dirty unit without a fresh row no longer counts.
 */
export function patchCounty(
  base: CountyState,
  dirty: ReadonlySet<number>,
  fresh: { rows: readonly UnitCellRow[]; units: readonly QualityIssue[]; missing: readonly QualityIssue[] },
): CountyState {
  const figures = { ...base.figures };
  const add = (row: UnitCellRow, sign: 1 | -1) => {
    if (row.cells.unit.category === '内设机构') return; // counts nowhere (as in basicFigures)
    for (const [k, f] of CONTRIBUTION_LIST) {
      const v = f(row.cells);
      if (v !== 0) figures[k] = (figures[k] ?? 0) + sign * v;
    }
  };
  for (const id of dirty) {
    const i = indexOf(base.cells, id);
    if (i >= 0) add(decodeAt(base.cells, i), -1);
  }
  const freshRows = [...fresh.rows].sort((x, y) => x.id - y.id);
  for (const row of freshRows) {
    if (!dirty.has(row.id)) throw new Error(`report cells: unit ${row.id} recomputed but not dirty`);
    add(row, 1);
  }
  // The kept rows and the fresh ones merged in unit order: each run of kept rows between two
  // dirty or fresh ones copied as one Int32 block (a copy per row cost ~8 ms per report at
  // province size, most of patching a few dozen units).
  const attrs = [...base.cells.attrs];
  const index = attrIndex(attrs);
  const src = base.cells.rows;
  const n = cellCount(base.cells);
  let kept = 0;
  for (let i = 0; i < n; i++) if (!dirty.has(src[i * CELL_WIDTH] ?? 0)) kept++;
  const out = new Int32Array((kept + freshRows.length) * CELL_WIDTH);
  let o = 0;
  let f = 0;
  let run = 0; // first row of the kept run not copied yet
  for (let i = 0; i <= n; i++) {
    const id = i < n ? (src[i * CELL_WIDTH] ?? 0) : Infinity;
    const removed = i < n && dirty.has(id);
    const next = freshRows[f];
    if (!removed && i < n && (next === undefined || next.id >= id)) continue;
    out.set(src.subarray(run * CELL_WIDTH, i * CELL_WIDTH), o);
    o += (i - run) * CELL_WIDTH;
    for (let r = freshRows[f]; r !== undefined && r.id < id; r = freshRows[++f]) {
      writeRow(out, o, r, attrs, index);
      o += CELL_WIDTH;
    }
    run = removed ? i + 1 : i;
  }
  const cells: CellTable = { rows: out, attrs };
  const keep = (q: QualityIssue) => q.unitId === null || !dirty.has(q.unitId);
  return {
    figures,
    units: [...base.units.filter(keep), ...fresh.units].sort(byUnit),
    missing: [...base.missing.filter(keep), ...fresh.missing].sort(byUnit),
    cells,
  };
}

/** A counted change of one unit's head-counts of one reporting type between two dates. */
export interface CellShift {
  unitId: number;
  type: (typeof TYPES)[number];
  actual: number;
  leadersDivision: number;
  leadersDeputy: number;
}

/**
 * The figures a unit's contribution to can change when only its 实有 (per type) and its filled
 * 正科/副科 posts change: the only contributions a shifted unit's delta is figured for (every
 * other contribution depends on its attributes, 核定, 待入编 or posts approved, which a shift
 * keeps; report-cells.test.ts proves the others never move under such a change).
 */
export const SHIFT_KEYS: readonly string[] = [
  'totalActual',
  'totalVacant',
  'totalRealVacant',
  'adminActual',
  'adminVacant',
  'adminRealVacant',
  'organLeadershipUnfilled',
  'institutionActual',
  'institutionVacant',
  'institutionRealVacant',
  'institutionLeadershipUnfilled',
  'contractActual',
  'contractVacant',
  'schoolActual',
  'schoolVacant',
  'schoolRealVacant',
  'kindergartenActual',
  'healthActual',
  'healthVacant',
  'healthRealVacant',
];
const SHIFT_LIST = CONTRIBUTION_LIST.filter(([k]) => SHIFT_KEYS.includes(k));
const SHIFT_FNS = SHIFT_LIST.map(([, f]) => f);
const TYPE_OFFSET: Record<(typeof TYPES)[number], number> = { 行政编制: 2, 事业编制: 6, 聘用编制: 10 };

/**
 * Of SHIFT_LIST, the contributions a unit with these attributes can have at all: each moving
 * figure is a sum of 实有, 空编, 实际空编 or 科级领导未配 over some types, for units whose
 * attributes pass its condition, so one probe with every type 核定 and no one (空编 and 未配
 * non-zero) and one with everyone and no 核定 (实有 non-zero) show whether the condition passes.
 * A school does not figure the kindergartens' or the health centres' head-counts, and so on.
 */
function shiftListFor(unit: UnitAttributes): readonly number[] {
  const probe = (approved: number, actual: number): UnitCells => {
    const cell = () => ({ approved, actual, pending: 0, examPending: 0 });
    return {
      unit,
      byType: { 行政编制: cell(), 事业编制: cell(), 聘用编制: cell() },
      politicalLegalApproved: 0,
      posts: { 正科: { approved, filled: 0 }, 副科: { approved, filled: 0 } },
    };
  };
  const empty = probe(100, 0);
  const full = probe(0, 100);
  return SHIFT_FNS.flatMap((f, i) => (f(empty) !== 0 || f(full) !== 0 ? [i] : []));
}

/** shiftListFor of a table's attribute sets (indices into SHIFT_LIST), each computed on first use. */
const shiftLists = new WeakMap<unknown[][], (readonly number[] | undefined)[]>();

function shiftListOf(t: CellTable, set: number, unit: UnitAttributes): readonly number[] {
  let lists = shiftLists.get(t.attrs);
  if (!lists) shiftLists.set(t.attrs, (lists = []));
  return (lists[set] ??= shiftListFor(unit));
}

/** One mutable UnitCells reused for every row read (no object built per shifted unit). */
function emptyView(): UnitCells {
  const cell = () => ({ approved: 0, actual: 0, pending: 0, examPending: 0 });
  return {
    unit: attrsPlaceholder,
    byType: { 行政编制: cell(), 事业编制: cell(), 聘用编制: cell() },
    politicalLegalApproved: 0,
    posts: { 正科: { approved: 0, filled: 0 }, 副科: { approved: 0, filled: 0 } },
  };
}
const attrsPlaceholder: UnitAttributes = {
  category: '',
  rank: null,
  affiliation: null,
  countsTowardDirectLimit: false,
  funding: null,
  type: null,
  sector: null,
};

/** Fills `v` with the row at offset `o` of `r` (its attribute set `unit`). */
function loadView(v: UnitCells, r: Int32Array, o: number, unit: UnitAttributes): UnitCells {
  v.unit = unit;
  for (const t of TYPES) {
    const c = v.byType[t];
    const k = o + TYPE_OFFSET[t];
    c.approved = r[k] ?? 0;
    c.actual = r[k + 1] ?? 0;
    c.pending = r[k + 2] ?? 0;
    c.examPending = r[k + 3] ?? 0;
  }
  v.politicalLegalApproved = r[o + 14] ?? 0;
  v.posts['正科'].approved = r[o + 15] ?? 0;
  v.posts['正科'].filled = r[o + 16] ?? 0;
  v.posts['副科'].approved = r[o + 17] ?? 0;
  v.posts['副科'].filled = r[o + 18] ?? 0;
  return v;
}

/** The per-unit findings of one unit's cells (compute-basic's unitQuality, passed in). */
export type UnitFindings = (
  entries: readonly { unit: { id: number; name: string }; cells: UnitCells; hasQuota: boolean }[],
) => QualityIssue[];

/** Units' names by id (a Map, or names read only when first asked). */
export interface NameLookup {
  get(id: number): string | undefined;
}

/** A shifted unit whose new findings still need its name. */
export interface UnnamedShift {
  id: number;
  cells: UnitCells;
  hasQuota: boolean;
}

/**
 * The findings of shiftCounty's unnamed units added to its state, named from `names`; the units
 * not in `names` (`unknown`) have no findings in the state and must be computed directly.
 */
export function nameShifted(
  state: CountyState,
  unnamed: readonly UnnamedShift[],
  names: ReadonlyMap<number, string>,
  findings: UnitFindings,
): { state: CountyState; unknown: number[] } {
  const unknown: number[] = [];
  const added: QualityIssue[] = [];
  for (const u of unnamed) {
    const name = names.get(u.id);
    if (name === undefined) unknown.push(u.id);
    else added.push(...findings([{ unit: { id: u.id, name }, cells: u.cells, hasQuota: u.hasQuota }]));
  }
  if (added.length === 0) return { state, unknown };
  return { state: { ...state, units: [...state.units, ...added].sort(byUnit) }, unknown };
}

/**
 * The county's state with the counted changes added to the shifted units' rows, in place of
 * decoding and replacing whole rows: per unit, the row is copied as Int32s, the changes added,
 * and only the contributions that can move (SHIFT_KEYS) figured before and after; the unit's
 * findings are recomputed from the new cells (`findings`), named from the base's findings or
 * `names`. Units without a row in the table (`absent`: they do not exist on its date) are left as
 * they are, for the caller to compute directly. Units with a finding but no known name are shifted
 * without their findings and listed (`unnamed`, with their new cells), for the caller to name
 * (nameShifted) — a second pass over every shift cost as much as the first. Everything else in a row — attributes, 核定, 待入编,
 * posts approved — is kept: the caller shifts only units whose other rows do not change between
 * the two dates.
 */
export function shiftCounty(
  base: CountyState,
  shifts: readonly CellShift[],
  findings: UnitFindings,
  names?: NameLookup,
  opts: { inPlace?: boolean } = {},
): { state: CountyState; shifted: number; absent: number[]; unnamed: UnnamedShift[] } {
  const t = base.cells;
  // In place (the caller's own copy of the rows, used for nothing else): no copy of the table.
  const rows = opts.inPlace ? t.rows : t.rows.slice();
  const figures = { ...base.figures };
  const deltas = new Float64Array(SHIFT_LIST.length);
  const known = new Map<number, string>();
  for (const q of base.units) if (q.unitId !== null && q.unitName !== null) known.set(q.unitId, q.unitName);
  const sorted = [...shifts].sort((a, b) => a.unitId - b.unitId);
  const absent: number[] = [];
  const unnamed: UnnamedShift[] = [];
  const shifted = new Set<number>();
  const added: QualityIssue[] = [];
  const before = emptyView();
  const after = emptyView();
  const scratch = new Int32Array(CELL_WIDTH);
  let from = 0; // the shifts and the rows are both in unit order
  for (let s = 0; s < sorted.length;) {
    const id = sorted[s]?.unitId ?? 0;
    let e = s;
    while (e < sorted.length && sorted[e]?.unitId === id) e++;
    const i = indexOf(t, id, from);
    if (i >= 0) from = i + 1;
    if (i < 0) {
      absent.push(id);
      s = e;
      continue;
    }
    const o = i * CELL_WIDTH;
    scratch.set(rows.subarray(o, o + CELL_WIDTH));
    for (let k = s; k < e; k++) {
      const x = sorted[k];
      if (!x) continue;
      scratch[TYPE_OFFSET[x.type] + 1] = (scratch[TYPE_OFFSET[x.type] + 1] ?? 0) + x.actual;
      scratch[16] = (scratch[16] ?? 0) + x.leadersDivision;
      scratch[18] = (scratch[18] ?? 0) + x.leadersDeputy;
    }
    s = e;
    const set = rows[o + 1] ?? 0;
    const unit = attrAt(t, set);
    if (!unit) throw new Error('report cells: unknown attribute set');
    const hasQuota = scratch[19] === 1;
    loadView(after, scratch, 0, unit);
    let found = findings([{ unit: { id, name: '' }, cells: after, hasQuota }]);
    if (found.length > 0) {
      const name = known.get(id) ?? names?.get(id);
      if (name === undefined) {
        // Shifted all the same; its findings wait for its name (nameShifted).
        unnamed.push({ id, cells: loadView(emptyView(), scratch, 0, unit), hasQuota });
      } else {
        found = findings([{ unit: { id, name }, cells: after, hasQuota }]);
        added.push(...found);
      }
    }
    if (unit.category !== '内设机构') {
      loadView(before, rows, o, unit);
      for (const k of shiftListOf(t, set, unit)) {
        const f = SHIFT_FNS[k];
        if (f) deltas[k] = (deltas[k] ?? 0) + f(after) - f(before);
      }
    }
    rows.set(scratch, o);
    shifted.add(id);
  }
  SHIFT_LIST.forEach(([k], i) => {
    const d = deltas[i] ?? 0;
    if (d !== 0) figures[k] = (figures[k] ?? 0) + d;
  });
  const keep = (q: QualityIssue) => q.unitId === null || !shifted.has(q.unitId);
  return {
    state: {
      figures,
      units: shifted.size > 0 ? [...base.units.filter(keep), ...added].sort(byUnit) : base.units,
      missing: base.missing,
      cells: { rows, attrs: t.attrs },
    },
    shifted: shifted.size,
    absent,
    unnamed,
  };
}

/** The last day of a month (month 1–12) as an ISO date. */
function monthEnd(year: number, month: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(last).padStart(2, '0')}`;
}

/**
 * The dates whose maintained totals are built ahead of any report (checkpoints), in date order:
 * every month-end from January `monthlyYears` years before the statistics date's year up to the
 * statistics date (so that a date of those years is at most about half a month from a stored
 * row, and its first report shifts one month of changes at most), and the year-ends of the years
 * before that back to `yearEndsFrom` (the 首页's history asks those). The statistics date itself
 * is included when it is not a month-end.
 */
export function checkpointDates(
  statisticsDate: string,
  opts: { monthlyYears?: number; yearEndsFrom?: number } = {},
): string[] {
  const year = Number(statisticsDate.slice(0, 4));
  const monthlyFrom = year - (opts.monthlyYears ?? 3);
  const out: string[] = [];
  for (let y = opts.yearEndsFrom ?? year - 7; y < monthlyFrom; y++) out.push(`${y}-12-31`);
  for (let y = monthlyFrom; y <= year; y++)
    for (let m = 1; m <= 12; m++) {
      const d = monthEnd(y, m);
      if (d <= statisticsDate) out.push(d);
    }
  if (out[out.length - 1] !== statisticsDate) out.push(statisticsDate);
  return out;
}

/** Day number of an ISO date (for distances between dates). */
function day(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 86_400_000;
}

/**
 * Of the stored dates of a county, the one to patch `asOf` from: the date itself if stored,
 * else the nearest (the later on a tie: its rows are more often current). Null if none.
 */
export function chooseBase(stored: readonly string[], asOf: string): string | null {
  const target = day(asOf);
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const d of stored) {
    const distance = Math.abs(day(d) - target);
    if (distance < bestDistance || (distance === bestDistance && best !== null && d > best)) {
      best = d;
      bestDistance = distance;
    }
  }
  return best;
}

/** The half-open range (lo, hi] of dates whose rows make `from` and `to` differ; null if equal. */
export function changeRange(from: string, to: string): { lo: string; hi: string } | null {
  if (from === to) return null;
  return from < to ? { lo: from, hi: to } : { lo: to, hi: from };
}
