// 问题整改: the forms of a finding (recorded and revised by the office) and of a progress report
// (the evaluated unit's liaison, or the office), turned into the bodies of their requests; the
// indicators a finding may concern (any code of the plan's tree); and the status as shown. Whether
// an item is overdue is the server's answer (`overdue`), never worked out here.
import {
  FINDING_STATUS_LABELS,
  OVERDUE_LABEL,
  type FindingStatus,
} from '../../../../src/common/evaluation.ts';
import type {
  EvaluationFinding,
  FindingBody,
  FindingProgressBody,
  PlanIndicator,
} from '../../api/evaluation.ts';

export interface FindingDraft {
  unitId: number | undefined;
  /** Empty: a general finding (综合). */
  indicatorCode: string | undefined;
  finding: string;
  measure: string;
  deadline: string;
  responsible: string;
}

export interface ProgressDraft {
  status: FindingStatus;
  progress: string;
  /** Asked only with 已整改: the form leaves it out otherwise. */
  doneOn?: string;
}

/** A new item; the unit preset when the plan has only one. */
export function blankFindingDraft(units: readonly { id: number }[]): FindingDraft {
  return {
    unitId: units.length === 1 ? units[0]?.id : undefined,
    indicatorCode: undefined,
    finding: '',
    measure: '',
    deadline: '',
    responsible: '',
  };
}

export function findingToDraft(f: EvaluationFinding): FindingDraft {
  return {
    unitId: f.unitId,
    indicatorCode: f.indicatorCode ?? undefined,
    finding: f.finding,
    measure: f.measure,
    deadline: f.deadline,
    responsible: f.responsible,
  };
}

/** The body of POST …/findings or PUT …/findings/:id; null when no unit is chosen. */
export function findingBody(d: FindingDraft): FindingBody | null {
  if (d.unitId === undefined) return null;
  return {
    unitId: d.unitId,
    indicatorCode: d.indicatorCode === undefined || d.indicatorCode === '' ? null : d.indicatorCode,
    finding: d.finding.trim(),
    measure: d.measure.trim(),
    deadline: d.deadline.trim(),
    responsible: d.responsible.trim(),
  };
}

export function progressToDraft(f: EvaluationFinding): ProgressDraft {
  return { status: f.status, progress: f.progress, doneOn: f.doneOn ?? '' };
}

/** The body of POST …/progress: the date done goes only with 已整改. */
export function progressBody(d: ProgressDraft): FindingProgressBody {
  const doneOn = (d.doneOn ?? '').trim();
  return {
    status: d.status,
    progress: d.progress.trim(),
    doneOn: d.status === 'done' && doneOn !== '' ? doneOn : null,
  };
}

/** Every indicator of the plan's tree, branches too, as "A1 name" in the tree's order. */
export function indicatorOptions(indicators: readonly PlanIndicator[]): { value: string; label: string }[] {
  const out: { value: string; label: string }[] = [];
  const visit = (i: PlanIndicator) => {
    out.push({ value: i.code, label: `${i.code} ${i.name}` });
    i.children?.forEach(visit);
  };
  indicators.forEach(visit);
  return out;
}

/** The indicator an item concerns, as printed: code and name, or 综合. */
export function indicatorText(f: Pick<EvaluationFinding, 'indicatorCode' | 'indicatorName'>): string {
  if (f.indicatorCode === null) return '综合';
  return f.indicatorName === null ? f.indicatorCode : `${f.indicatorCode} ${f.indicatorName}`;
}

const STATUS_COLORS: Record<FindingStatus, string> = {
  open: 'default',
  inProgress: 'processing',
  done: 'success',
};

/** The status tags of an item: its status, and 逾期 when the server says so. */
export function statusTags(
  f: Pick<EvaluationFinding, 'status' | 'overdue'>,
): { text: string; color: string }[] {
  const tags = [{ text: FINDING_STATUS_LABELS[f.status], color: STATUS_COLORS[f.status] }];
  if (f.overdue) tags.push({ text: OVERDUE_LABEL, color: 'error' });
  return tags;
}
