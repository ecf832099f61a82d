// 评估问效 findings and rectification (问题清单 / 整改清单) on the wire, with the status labels
// (kept once in evaluation.ts). Shared by the server and the web (the web imports the types only).
import { z } from 'zod';
import { DateString } from './dates.ts';
// The statuses and their labels live in the zod-free evaluation.ts (the web bundles them).
import { FINDING_STATUSES, type FindingStatus } from './evaluation.ts';

export { FINDING_STATUSES, FINDING_STATUS_LABELS, OVERDUE_LABEL, type FindingStatus } from './evaluation.ts';

const Text = (label: string, max: number) =>
  z.string().trim().min(1, `请填写${label}`).max(max, `${label}至多 ${max} 字`);

/** What the office records: the finding and its rectification. */
export const FindingBody = z.object({
  unitId: z.number().int().positive(),
  /** The indicator the finding concerns; left out for a general finding. */
  indicatorCode: z.string().trim().min(1).max(20).nullable(),
  finding: Text('存在问题', 2000),
  measure: Text('整改措施', 2000),
  deadline: DateString,
  responsible: Text('责任单位', 200),
});
export type FindingBody = z.infer<typeof FindingBody>;

/** Progress on an item: by the evaluated unit's liaison or the office. */
export const FindingProgressBody = z.object({
  status: z.enum(FINDING_STATUSES),
  progress: z.string().trim().max(2000, '整改进展至多 2000 字'),
  /** Required with 已整改, refused otherwise. */
  doneOn: DateString.nullable(),
});
export type FindingProgressBody = z.infer<typeof FindingProgressBody>;

export const FindingListQuery = z.object({
  /** A liaison names their own unit; the office may leave it out for the whole plan. */
  unit: z.coerce.number().int().positive().optional(),
});

export interface EvaluationFinding {
  id: number;
  planId: number;
  unitId: number;
  unitName: string;
  indicatorCode: string | null;
  /** The indicator's name in the plan, when the code is set. */
  indicatorName: string | null;
  finding: string;
  measure: string;
  deadline: string;
  responsible: string;
  status: FindingStatus;
  progress: string;
  doneOn: string | null;
  /** Past the deadline and not done, on the day asked (finding-rules.ts). */
  overdue: boolean;
  updatedAt: string;
}
