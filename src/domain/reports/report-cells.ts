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

/** The table of stored bytes, without copying when aligned. */
export function tableFromBytes(encoded: { cells: Uint8Array; attrs: string }): CellTable {
  const buf = encoded.cells;
  const rows =
    buf.byteOffset % 4 === 0
      ? new Int32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4)
      : new Int32Array(Uint8Array.from(buf).buffer);
  return { rows, attrs: JSON.parse(encoded.attrs) as unknown[][] };
}

export const cellCount = (t: CellTable): number => t.rows.length / CELL_WIDTH;

/** The attribute sets of each table decoded once (shared by its rows: nothing mutates them). */
const decodedAttrs = new WeakMap<unknown[][], UnitAttributes[]>();

function attrsOf(t: CellTable): UnitAttributes[] {
  let out = decodedAttrs.get(t.attrs);
  if (!out) {
    out = t.attrs.map(
      (a) => Object.fromEntries(ATTR_KEYS.map((k, j) => [k, a[j]])) as unknown as UnitAttributes,
    );
    decodedAttrs.set(t.attrs, out);
  }
  return out;
}

/** The row at index i of the table, decoded (written out: this runs for every patched unit). */
function decodeAt(t: CellTable, i: number): UnitCellRow {
  const r = t.rows;
  const o = i * CELL_WIDTH;
  const at = (k: number) => r[o + k] ?? 0;
  const unit = attrsOf(t)[at(1)];
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

/** Index of the unit's row (binary search on the sorted ids), or -1. */
function indexOf(t: CellTable, id: number): number {
  let lo = 0;
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
  // The kept rows and the fresh ones merged in unit order, copied as Int32 blocks.
  const attrs = [...base.cells.attrs];
  const index = attrIndex(attrs);
  const src = base.cells.rows;
  const n = cellCount(base.cells);
  let kept = 0;
  for (let i = 0; i < n; i++) if (!dirty.has(src[i * CELL_WIDTH] ?? 0)) kept++;
  const out = new Int32Array((kept + freshRows.length) * CELL_WIDTH);
  let o = 0;
  let f = 0;
  for (let i = 0; i <= n; i++) {
    const id = i < n ? (src[i * CELL_WIDTH] ?? 0) : Infinity;
    for (let r = freshRows[f]; r !== undefined && r.id < id; r = freshRows[++f]) {
      writeRow(out, o, r, attrs, index);
      o += CELL_WIDTH;
    }
    if (i < n && !dirty.has(id)) {
      out.set(src.subarray(i * CELL_WIDTH, (i + 1) * CELL_WIDTH), o);
      o += CELL_WIDTH;
    }
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
 * The rows of the shifted units with their counted changes added (in unit order), and the units
 * shifted that have no row in the table (they do not exist on its date: computed directly).
 * Everything else in a row — attributes, 核定, 待入编, posts approved — is kept: the caller shifts
 * only units whose other rows do not change between the two dates.
 */
export function shiftRows(
  t: CellTable,
  shifts: readonly CellShift[],
): { rows: UnitCellRow[]; absent: number[] } {
  const rows = new Map<number, UnitCellRow>();
  const absent = new Set<number>();
  for (const s of shifts) {
    let row = rows.get(s.unitId);
    if (!row && !absent.has(s.unitId)) {
      const i = indexOf(t, s.unitId);
      if (i < 0) absent.add(s.unitId);
      else rows.set(s.unitId, (row = decodeAt(t, i)));
    }
    if (!row) continue;
    row.cells.byType[s.type].actual += s.actual;
    row.cells.posts['正科'].filled += s.leadersDivision;
    row.cells.posts['副科'].filled += s.leadersDeputy;
  }
  return {
    rows: [...rows.values()].sort((a, b) => a.id - b.id),
    absent: [...absent].sort((a, b) => a - b),
  };
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
  let best: string | null = null;
  for (const d of stored) {
    if (best === null) best = d;
    else {
      const a = Math.abs(day(d) - day(asOf));
      const b = Math.abs(day(best) - day(asOf));
      if (a < b || (a === b && d > best)) best = d;
    }
  }
  return best;
}

/** The half-open range (lo, hi] of dates whose rows make `from` and `to` differ; null if equal. */
export function changeRange(from: string, to: string): { lo: string; hi: string } | null {
  if (from === to) return null;
  return from < to ? { lo: from, hi: to } : { lo: to, hi: from };
}
