// Pure rules of findings and rectification (问题清单 / 整改清单): when an item is overdue, what a
// progress report may say, which indicator a finding may name, and the counts the documents
// print. No database, no clock: the day is passed in.
import {
  FINDING_STATUS_LABELS,
  OVERDUE_LABEL,
  type FindingStatus,
} from '../../common/wire-evaluation-findings.ts';
import type { PlanIndicator } from '../../common/wire-evaluation.ts';

/** Overdue: past its deadline (the deadline day itself still counts as in time) and not done. */
export function isOverdue(item: { status: FindingStatus; deadline: string }, today: string): boolean {
  return item.status !== 'done' && today > item.deadline;
}

/**
 * Why a progress report cannot be taken, or null: 已整改 needs the date it was done (not after
 * today); the other statuses carry no date.
 */
export function progressProblem(
  p: { status: FindingStatus; doneOn: string | null },
  today: string,
): string | null {
  if (p.status === 'done') {
    if (p.doneOn === null) return '已整改的问题请填写整改完成日期';
    if (p.doneOn > today) return '整改完成日期不能晚于今天';
    return null;
  }
  return p.doneOn === null ? null : `${FINDING_STATUS_LABELS[p.status]}的问题不填写整改完成日期`;
}

/** Every indicator of the system (branches and leaves) by code, with its name. */
export function indicatorNames(indicators: readonly PlanIndicator[]): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (list: readonly PlanIndicator[]) => {
    for (const i of list) {
      out.set(i.code, i.name);
      if (i.children) walk(i.children);
    }
  };
  walk(indicators);
  return out;
}

/** The status as printed: "已整改（2024-03-01）", "整改中（逾期）", "未整改". */
export function statusText(
  item: { status: FindingStatus; deadline: string; doneOn: string | null },
  today: string,
): string {
  const label = FINDING_STATUS_LABELS[item.status];
  if (item.status === 'done') return item.doneOn ? `${label}（${item.doneOn}）` : label;
  return isOverdue(item, today) ? `${label}（${OVERDUE_LABEL}）` : label;
}

export interface FindingCounts {
  total: number;
  done: number;
  inProgress: number;
  open: number;
  overdue: number;
}

export function countFindings(
  items: readonly { status: FindingStatus; deadline: string }[],
  today: string,
): FindingCounts {
  return {
    total: items.length,
    done: items.filter((i) => i.status === 'done').length,
    inProgress: items.filter((i) => i.status === 'inProgress').length,
    open: items.filter((i) => i.status === 'open').length,
    overdue: items.filter((i) => isOverdue(i, today)).length,
  };
}
