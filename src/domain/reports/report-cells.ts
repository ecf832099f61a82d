// Pure rules of the maintained per-unit totals (migration 0028): a county's unit cells on a date
// encoded compactly, a stored county aggregate patched unit by unit, and the choice of the stored
// date to patch from. A county's figures are sums of unit contributions and its findings are per
// unit, so replacing the contributions and findings of the units that differ gives exactly what
// the direct computation gives (test/reports/aggregates.test.ts proves it on both databases).
import type { QualityIssue } from '../../common/wire-reports.ts';
import { basicFigures, type UnitAttributes, type UnitCells } from './basic-rules.ts';

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

const attrKey = (u: UnitAttributes) => JSON.stringify(ATTR_KEYS.map((k) => u[k]));

/** The units' cells as Int32 rows (in the given order) and the distinct attribute sets as JSON. */
export function encodeCells(rows: readonly UnitCellRow[]): EncodedCells {
  const attrs: unknown[][] = [];
  const index = new Map<string, number>();
  const out = new Int32Array(rows.length * CELL_WIDTH);
  rows.forEach((r, i) => {
    const key = attrKey(r.cells.unit);
    let a = index.get(key);
    if (a === undefined) {
      a = attrs.length;
      index.set(key, a);
      attrs.push(ATTR_KEYS.map((k) => r.cells.unit[k]));
    }
    const o = i * CELL_WIDTH;
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
  });
  return { cells: Buffer.from(out.buffer, out.byteOffset, out.byteLength), attrs: JSON.stringify(attrs) };
}

/** The Int32 rows of an encoded blob, without copying when aligned. */
function int32s(buf: Uint8Array): Int32Array {
  if (buf.byteOffset % 4 === 0) return new Int32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  return new Int32Array(Uint8Array.from(buf).buffer);
}

/** Decoded rows, by unit id. */
export function decodeCells(encoded: { cells: Uint8Array; attrs: string }): Map<number, UnitCellRow> {
  const attrs = (JSON.parse(encoded.attrs) as unknown[][]).map(
    (a) => Object.fromEntries(ATTR_KEYS.map((k, i) => [k, a[i]])) as unknown as UnitAttributes,
  );
  const v = int32s(encoded.cells);
  const out = new Map<number, UnitCellRow>();
  for (let o = 0; o + CELL_WIDTH <= v.length; o += CELL_WIDTH) {
    const at = (k: number) => v[o + k] ?? 0;
    const unit = attrs[at(1)];
    if (!unit) throw new Error('report cells: unknown attribute set');
    const byType = Object.fromEntries(
      TYPES.map((t, j) => [
        t,
        {
          approved: at(2 + j * 4),
          actual: at(3 + j * 4),
          pending: at(4 + j * 4),
          examPending: at(5 + j * 4),
        },
      ]),
    ) as UnitCells['byType'];
    out.set(at(0), {
      id: at(0),
      hasQuota: at(19) === 1,
      cells: {
        unit,
        byType,
        politicalLegalApproved: at(14),
        posts: { 正科: { approved: at(15), filled: at(16) }, 副科: { approved: at(17), filled: at(18) } },
      },
    });
  }
  return out;
}

export interface CountyState {
  figures: Record<string, number>;
  /** Per-unit findings (超编, 超职数, no quota), in unit order. */
  units: QualityIssue[];
  /** People in units missing on the date, in unit order. */
  missing: QualityIssue[];
  /** Every unit's cells, by unit id. */
  cells: Map<number, UnitCellRow>;
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
    for (const [k, v] of Object.entries(basicFigures([row.cells])))
      if (v !== 0) figures[k] = (figures[k] ?? 0) + sign * v;
  };
  const cells = new Map(base.cells);
  for (const id of dirty) {
    const old = cells.get(id);
    if (old) add(old, -1);
    cells.delete(id);
  }
  for (const row of fresh.rows) {
    if (!dirty.has(row.id)) throw new Error(`report cells: unit ${row.id} recomputed but not dirty`);
    add(row, 1);
    cells.set(row.id, row);
  }
  const keep = (q: QualityIssue) => q.unitId === null || !dirty.has(q.unitId);
  return {
    figures,
    units: [...base.units.filter(keep), ...fresh.units].sort(byUnit),
    missing: [...base.missing.filter(keep), ...fresh.missing].sort(byUnit),
    cells,
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
