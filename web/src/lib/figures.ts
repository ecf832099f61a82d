import { QUOTA_TYPES, type QuotaType } from '../../../src/common/labels.ts';
import type { QuotaFigure } from '../api/index.ts';

/** 政法专项编制 is a part of 行政编制: it is shown as "其中" and left out of totals. */
export const SUB_TYPE: QuotaType = '政法专项编制';

export interface FigureRow {
  key: string;
  label: string;
  /** true for 其中 rows, which are already inside the row above. */
  isPart: boolean;
  isTotal: boolean;
  approved: number;
  actual: number;
  vacant: number;
  over: number;
  pending: number;
  /** 实际空编 R = max(0, A − H − P). */
  realVacant: number;
}

export function realVacant(figure: Pick<QuotaFigure, 'approved' | 'actual' | 'pending'>): number {
  return Math.max(0, figure.approved - figure.actual - figure.pending);
}

function rowOf(figure: QuotaFigure): FigureRow {
  const isPart = figure.quotaType === SUB_TYPE;
  return {
    key: figure.quotaType,
    label: isPart ? `其中：${figure.quotaType}` : figure.quotaType,
    isPart,
    isTotal: false,
    approved: figure.approved,
    actual: figure.actual,
    vacant: figure.vacant,
    over: figure.over,
    pending: figure.pending,
    realVacant: realVacant(figure),
  };
}

/** Figures in the fixed order of quota types. */
export function sortFigures(figures: readonly QuotaFigure[]): QuotaFigure[] {
  const order = (type: string): number => {
    const at = (QUOTA_TYPES as readonly string[]).indexOf(type);
    return at < 0 ? QUOTA_TYPES.length : at;
  };
  return [...figures].sort((a, b) => order(a.quotaType) - order(b.quotaType));
}

/**
 * The total over 行政 + 事业 + 聘用 (政法专项 is inside 行政). 空编/超编 are summed per type, as the
 * county figures are sums over units and types — an over-quota type never offsets a vacancy elsewhere.
 */
export function totalFigure(
  figures: readonly QuotaFigure[],
): Omit<FigureRow, 'key' | 'label' | 'isPart' | 'isTotal'> {
  const total = { approved: 0, actual: 0, vacant: 0, over: 0, pending: 0, realVacant: 0 };
  for (const figure of figures) {
    if (figure.quotaType === SUB_TYPE) continue;
    total.approved += figure.approved;
    total.actual += figure.actual;
    total.vacant += figure.vacant;
    total.over += figure.over;
    total.pending += figure.pending;
    total.realVacant += realVacant(figure);
  }
  return total;
}

export function figureRows(figures: readonly QuotaFigure[], withTotal: boolean): FigureRow[] {
  const rows = sortFigures(figures).map(rowOf);
  if (withTotal && rows.length > 1) {
    rows.push({ key: '__total', label: '合计', isPart: false, isTotal: true, ...totalFigure(figures) });
  }
  return rows;
}
