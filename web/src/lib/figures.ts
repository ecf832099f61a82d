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
  /** 实际空编 as the server computed it (per unit and type, then summed). */
  realVacant: number;
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
    realVacant: figure.realVacant,
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

/** The rows of a figures table; the 合计 row is the server's (figures are never re-derived here). */
export function figureRows(
  figures: readonly QuotaFigure[],
  total: Omit<QuotaFigure, 'quotaType'> | null,
): FigureRow[] {
  const rows = sortFigures(figures).map(rowOf);
  if (total && rows.length > 1) {
    rows.push({ key: '__total', label: '合计', isPart: false, isTotal: true, ...total });
  }
  return rows;
}
