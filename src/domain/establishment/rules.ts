// Quota arithmetic of domain.md §5, as pure functions.
import type { QuotaType } from '../../common/labels.ts';

/** The types a report shows: 政法专项编制 is a part of 行政编制 and rolls up into it. */
export const REPORTING_TYPES = ['行政编制', '事业编制', '聘用编制'] as const;
export type ReportingType = (typeof REPORTING_TYPES)[number];

export function reportingType(t: QuotaType | string): ReportingType {
  if (t === '政法专项编制' || t === '行政编制') return '行政编制';
  if (t === '聘用编制') return '聘用编制';
  return '事业编制';
}

export interface Figure {
  approved: number;
  actual: number;
  pending: number;
  /** 空编 V = max(0, A − H). */
  vacant: number;
  /** 超编 O = max(0, H − A): a warning, never hidden. */
  over: number;
  /** 实际空编 R = max(0, A − H − P). */
  realVacant: number;
}

/** 空编 of one cell: max(0, A − H). */
export const vacantOf = (approved: number, actual: number): number => Math.max(0, approved - actual);
/** 实际空编 of one cell: max(0, A − H − P). */
export const realVacantOf = (approved: number, actual: number, pending: number): number =>
  Math.max(0, approved - actual - pending);

export function figure(approved: number, actual: number, pending: number): Figure {
  return {
    approved,
    actual,
    pending,
    vacant: vacantOf(approved, actual),
    over: Math.max(0, actual - approved),
    realVacant: realVacantOf(approved, actual, pending),
  };
}

/** The sum of figures each already computed per unit and type: a vacancy never offsets an excess. */
export function sumFigures(figures: readonly Figure[]): Figure {
  const total = figure(0, 0, 0);
  for (const f of figures) {
    total.approved += f.approved;
    total.actual += f.actual;
    total.pending += f.pending;
    total.vacant += f.vacant;
    total.over += f.over;
    total.realVacant += f.realVacant;
  }
  return total;
}

/**
 * Of effective-dated rows, those in force on `date`: per key, the row with the latest
 * effective date not after it (ties: the later recorded row).
 */
export function rowsInForce<T extends { id: number; effectiveFrom: string }>(
  rows: readonly T[],
  keyOf: (row: T) => string,
  date: string,
): T[] {
  const best = new Map<string, T>();
  for (const row of rows) {
    if (row.effectiveFrom > date) continue;
    const key = keyOf(row);
    const current = best.get(key);
    if (
      !current ||
      row.effectiveFrom > current.effectiveFrom ||
      (row.effectiveFrom === current.effectiveFrom && row.id > current.id)
    ) {
      best.set(key, row);
    }
  }
  return [...best.values()];
}

/** Whether a unit exists on a date: founded on or before it and not yet abolished. */
export function unitExistsOn(
  u: { foundedOn: string | null; abolishedOn: string | null },
  date: string,
): boolean {
  return (u.foundedOn === null || u.foundedOn <= date) && (u.abolishedOn === null || u.abolishedOn > date);
}

/** Whether a placement counts in 实有 on a date. */
export function onEstablishmentOn(
  p: { status: string; enteredOn: string | null; leftOn: string | null },
  date: string,
): boolean {
  if (p.status !== '在编' && p.status !== '已出编') return false;
  if (p.enteredOn === null || p.enteredOn > date) return false;
  return p.leftOn === null || p.leftOn > date;
}
