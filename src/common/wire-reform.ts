// 机构改革 on the wire (issue 12): projects, frozen baselines, sandbox plans, the after-plan
// report, breaches and diff, and the before/after comparison. Types shared by server and web.
import { z } from 'zod';
import { DateString } from './dates.ts';
import { Change, RuleResult } from './matters.ts';
import type { UnitNode } from './wire.ts';

export const REFORM_LIMIT_KINDS = ['党政机构', '直属事业单位'] as const;

export const ProjectBody = z.object({
  regionCode: z.string().regex(/^\d{6}$/),
  name: z.string().trim().min(2, '请填写改革项目名称').max(100),
  /** null: the whole county. */
  scopeUnitIds: z.array(z.number().int().positive()).min(1).max(2000).nullable(),
  baselineDate: DateString,
});
export type ProjectBody = z.infer<typeof ProjectBody>;

export const PlanBody = z.object({
  name: z.string().trim().min(2, '请填写方案名称').max(100),
  changes: z.array(Change).min(1, '方案至少包含一项变更').max(500),
});
export type PlanBody = z.infer<typeof PlanBody>;

export const LimitBody = z.object({
  regionCode: z.string().regex(/^\d{6}$/),
  kind: z.enum(REFORM_LIMIT_KINDS),
  cap: z.number().int().min(0).max(10_000),
  sourceDocument: z.string().trim().min(2, '请填写限额依据（文件名称和文号）').max(200),
  effectiveFrom: DateString,
});
export type LimitBody = z.infer<typeof LimitBody>;

export const CompareQuery = z.object({ asOf: DateString.optional() });

type ByType<T> = Record<'行政编制' | '事业编制' | '聘用编制', T>;

/** One unit of a frozen baseline: 设置, 规格, 隶属, 职责, 领导职数, 编制 by type, 实有. */
export interface BaselineUnit {
  id: number;
  code: string;
  name: string;
  category: string;
  rank: string | null;
  affiliation: string | null;
  parentUnitId: number | null;
  parentName: string | null;
  responsibilities: string | null;
  sandingDocNo: string | null;
  sandingDate: string | null;
  posts: Record<'正科' | '副科', { approved: number; filled: number }>;
  byType: ByType<{ approved: number; actual: number; pending: number }>;
  politicalLegalApproved: number;
  /** Ids of the people on the establishment (实有) on the date: where they went is compared later. */
  people: number[];
}

export interface BaselineContent {
  regionCode: string;
  projectId: number;
  projectName: string;
  asOf: string;
  wholeCounty: boolean;
  units: BaselineUnit[];
}

export interface LimitInfo {
  kind: string;
  cap: number;
  sourceDocument: string;
  effectiveFrom: string;
}

export interface PlanSummary {
  id: number;
  name: string;
  changes: Change[];
  adoptedAt: string | null;
  updatedAt: string;
}

export interface ProjectMatter {
  planId: number;
  matterId: number;
  title: string;
  state: string;
}

export interface ProjectSummary {
  id: number;
  regionCode: string;
  name: string;
  scopeUnitIds: number[] | null;
  baselineDate: string;
  createdAt: string;
  baseline: { frozenAt: string; hash: string; units: number } | null;
}

export interface ProjectDetail extends ProjectSummary {
  plans: PlanSummary[];
  matters: ProjectMatter[];
  limits: LimitInfo[];
}

export interface FigureBeforeAfter {
  key: string;
  label: string;
  before: number;
  after: number;
}

export interface UnitDiff {
  unitId: number;
  code: string;
  nameBefore: string | null;
  nameAfter: string | null;
  category: string;
  /** 新设 · 撤销 · 并入 · 调整 */
  status: string;
  rankBefore: string | null;
  rankAfter: string | null;
  approvedBefore: ByType<number>;
  approvedAfter: ByType<number>;
  actualBefore: ByType<number>;
  actualAfter: ByType<number>;
  postsBefore: Record<'正科' | '副科', number>;
  postsAfter: Record<'正科' | '副科', number>;
  /** 职责任务 before and after the plan (职责划转 changes them). */
  dutiesBefore: string | null;
  dutiesAfter: string | null;
}

export type Breach = RuleResult & { unitName: string | null };

export interface SandboxResult {
  planId: number | null;
  asOf: string;
  figures: FigureBeforeAfter[];
  breaches: Breach[];
  /** Every rule evaluated (those that hold included). */
  rules: Breach[];
  diff: UnitDiff[];
  chartBefore: UnitNode[];
  chartAfter: UnitNode[];
}

export interface ComparisonRow {
  group: string;
  label: string;
  before: number;
  after: number;
}

export interface UnitMapping {
  unitId: number;
  code: string;
  name: string;
  /** 保留 · 更名 · 并入 · 撤销 */
  fate: string;
  becomes: string | null;
  quotas: string[];
  people: string[];
}

export interface Comparison {
  projectId: number;
  projectName: string;
  baselineDate: string;
  asOf: string;
  rows: ComparisonRow[];
  mapping: UnitMapping[];
  newUnits: { unitId: number; code: string; name: string }[];
  chartBefore: UnitNode[];
  chartAfter: UnitNode[];
}

export { RuleResult };
