// The head-count changes of a county between two consecutive report checkpoints, day by day
// (issue 10, item 3; migration 0034). A report of a date between two checkpoints is its nearest
// checkpoint's stored cells shifted by the counted changes between the two dates (report-cells.ts
// shiftCounty); stored per day once the checkpoints are built, those changes are added up from a
// few kilobytes instead of counted again over the placements of the window (a GROUP BY over the
// window's placements, each looked up in the ledger: 20–40 ms at province size).
//
// Exactness: a placement on the establishment counts on a date d when entered_on ≤ d < left_on
// (left_on empty: no end), so between two dates a < b its count changes by +1 for an entry on a
// day in (a, b] and −1 for a leaving on a day in (a, b], each only where entered_on < left_on —
// the sum of the days' changes is exactly the count on b minus the count on a, whatever the days
// (they are compared as the ledger's date strings, as the report's own queries compare them).
// A unit written since the window's counter is not shifted from it (the caller computes it).
import type { DayDelta } from '../../db/repositories/reports.ts';
import type { CellShift } from './report-cells.ts';

export type { DayDelta };

/** A window's changes as read: days and quota types by index, six numbers per row. */
export interface WindowDeltas {
  days: string[];
  types: string[];
  /** Per row: day index, unit id, type index, 实有 change, 正科 leaders' change, 副科 leaders' change. */
  rows: Int32Array;
  /** Per pair: day index, unit id — the units with a version, quota or post row taking effect that day. */
  changed: Int32Array;
  /** Units whose name holds on every day of the window (no version row taking effect in it), read when first asked. */
  names(): ReadonlyMap<number, string>;
}

/** A unit with a version, quota or leadership post row taking effect (or founded, or abolished) on a day. */
export interface DayChange {
  unitId: number;
  day: string;
}

/** As stored: the rows as the bytes of Int32s in base64, the names as JSON inside the JSON (read only when asked). */
interface StoredForm {
  days: string[];
  types: string[];
  rows: string;
  changed: string;
  names: string;
}

const base64Of = (values: readonly number[]) => {
  const ints = Int32Array.from(values);
  return Buffer.from(ints.buffer, ints.byteOffset, ints.byteLength).toString('base64');
};

/**
 * The Int32s of base64 bytes, copied into an array of their own (a decoded buffer may sit unaligned
 * in Node's pool); null unless they make whole rows of `perRow`.
 */
function intsOf(base64: string, perRow: number): Int32Array | null {
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.byteLength % (4 * perRow) !== 0) return null;
  const ints = new Int32Array(bytes.byteLength / 4);
  new Uint8Array(ints.buffer).set(bytes);
  return ints;
}

const ROW = 6;

/**
 * The stored JSON of a window's head-count changes (rows with no change at all left out), its
 * units' other changes by day, and the names that hold through it.
 */
export function encodeWindow(
  deltas: readonly DayDelta[],
  names: ReadonlyMap<number, string>,
  changes: readonly DayChange[] = [],
): string {
  const days = [...new Set([...deltas.map((d) => d.day), ...changes.map((c) => c.day)])].sort();
  const types = [...new Set(deltas.map((d) => d.quotaType))].sort();
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const typeIndex = new Map(types.map((t, i) => [t, i]));
  const rows: number[] = [];
  for (const d of deltas) {
    if (d.actual === 0 && d.leadersDivision === 0 && d.leadersDeputy === 0) continue;
    rows.push(
      dayIndex.get(d.day) ?? 0,
      d.unitId,
      typeIndex.get(d.quotaType) ?? 0,
      d.actual,
      d.leadersDivision,
      d.leadersDeputy,
    );
  }
  const changed = changes.flatMap((c) => [dayIndex.get(c.day) ?? 0, c.unitId]);
  const stored: StoredForm = {
    days,
    types,
    rows: base64Of(rows),
    changed: base64Of(changed),
    names: JSON.stringify([...names].sort((a, b) => a[0] - b[0])),
  };
  return JSON.stringify(stored);
}

function namesOf(json: string): Map<number, string> {
  try {
    const list = JSON.parse(json) as unknown;
    return Array.isArray(list) ? new Map(list as [number, string][]) : new Map();
  } catch {
    return new Map();
  }
}

/** A stored window as read; null if it is not one (damaged, or of another form). */
export function decodeWindow(json: string): WindowDeltas | null {
  let parsed: StoredForm | null;
  try {
    parsed = JSON.parse(json) as StoredForm | null;
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const stored = parsed;
  const valid =
    Array.isArray(stored.days) &&
    Array.isArray(stored.types) &&
    typeof stored.rows === 'string' &&
    typeof stored.changed === 'string' &&
    typeof stored.names === 'string';
  if (!valid) return null;
  const rows = intsOf(stored.rows, ROW);
  const changed = intsOf(stored.changed, 2);
  if (!rows || !changed) return null;
  let names: Map<number, string> | undefined;
  return {
    days: stored.days,
    types: stored.types,
    rows,
    changed,
    // Damaged names read as none: the units are then named from the ledger (nameShifted).
    names: () => (names ??= namesOf(stored.names)),
  };
}

/**
 * The counted changes from `from` to `to` (two dates inside the window, either order): per unit
 * and quota type, the count on `to` minus the count on `from` — what staffDeltasBetween counts over
 * the placements. Units and types whose changes cancel out are left out.
 */
export function windowShifts(
  w: WindowDeltas,
  from: string,
  to: string,
): (Omit<CellShift, 'type'> & { quotaType: string })[] {
  if (from === to) return [];
  const [lo, hi, sign] = from < to ? [from, to, 1] : [to, from, -1];
  const inRange = w.days.map((d) => d > lo && d <= hi);
  const sums = new Map<number, { unitId: number; quotaType: string; a: number; d: number; p: number }>();
  for (let i = 0; i + ROW <= w.rows.length; i += ROW) {
    if (!inRange[w.rows[i] ?? -1]) continue;
    const unitId = w.rows[i + 1] ?? 0;
    const type = w.rows[i + 2] ?? 0;
    const key = unitId * w.types.length + type;
    let s = sums.get(key);
    if (!s) sums.set(key, (s = { unitId, quotaType: w.types[type] ?? '', a: 0, d: 0, p: 0 }));
    s.a += w.rows[i + 3] ?? 0;
    s.d += w.rows[i + 4] ?? 0;
    s.p += w.rows[i + 5] ?? 0;
  }
  const out: (Omit<CellShift, 'type'> & { quotaType: string })[] = [];
  for (const s of sums.values()) {
    if (s.a === 0 && s.d === 0 && s.p === 0) continue;
    out.push({
      unitId: s.unitId,
      quotaType: s.quotaType,
      actual: sign * s.a,
      leadersDivision: sign * s.d,
      leadersDeputy: sign * s.p,
    });
  }
  return out;
}

/**
 * The units with a version, quota or post row taking effect between two dates inside the window
 * (a day after the earlier date up to the later one): what unitsChangedBetween finds in the ledger.
 */
export function windowChanged(w: WindowDeltas, from: string, to: string): Set<number> {
  const out = new Set<number>();
  if (from === to) return out;
  const [lo, hi] = from < to ? [from, to] : [to, from];
  for (let i = 0; i + 2 <= w.changed.length; i += 2) {
    const day = w.days[w.changed[i] ?? -1];
    if (day !== undefined && day > lo && day <= hi) out.add(w.changed[i + 1] ?? 0);
  }
  return out;
}

/**
 * Of a county's stored dates inside the window, the one to patch `asOf` from: the fewest units with
 * other changes in between (each is computed directly, a shifted one only adds its counts), then
 * the nearest (chooseBase). Null if none is inside.
 */
export function cheapestBase(
  w: WindowDeltas & { lo: string; hi: string },
  stored: readonly string[],
  asOf: string,
  nearest: (dates: readonly string[], asOf: string) => string | null,
): string | null {
  const inside = stored.filter((d) => d >= w.lo && d <= w.hi);
  if (inside.length === 0) return null;
  const cost = new Map(inside.map((d) => [d, windowChanged(w, d, asOf).size]));
  const least = Math.min(...cost.values());
  return nearest(
    inside.filter((d) => cost.get(d) === least),
    asOf,
  );
}

/** The windows between consecutive checkpoint dates (sorted, distinct), as (lo, hi]. */
export function windowsBetween(dates: readonly string[]): { lo: string; hi: string }[] {
  const sorted = [...new Set(dates)].sort();
  return sorted.slice(1).map((hi, i) => ({ lo: sorted[i] ?? hi, hi }));
}
