// Pure rules of 评估问效 plans: the default 共性 template, the checks of a plan's indicator tree
// beyond rules.ts (what a computed indicator may be scored by), the stage windows, and two of the
// indicators the ledger measures — 超编进人 and 中小学编制保障率 — with the rows behind them
// (the others: measure-rules.ts).
import type { ComputedMeasure, EvaluationStage } from '../../common/evaluation.ts';
import {
  COMPUTED_MEASURE_LABELS,
  COMPUTED_MEASURE_RULE_KINDS,
  EVALUATION_STAGE_LABELS,
  RULE_KIND_LABELS,
} from '../../common/evaluation.ts';
import {
  MeasurementInput,
  type IndicatorSystemInput,
  type MeasureRow,
  type PlanIndicator,
} from '../../common/wire-evaluation.ts';
import { invalid } from '../../errors.ts';
import { validateSystem, type IndicatorSystem } from './rules.ts';

/**
 * The default indicator system: 共性 indicators only, 100 points (domain.md §10). Every indicator
 * the ledger can measure is computed (docs/evaluation.md); the rest are scored by hand.
 */
export function defaultIndicators(): IndicatorSystemInput {
  const leaf = (
    code: string,
    name: string,
    points: number,
    rule: PlanIndicator['rule'],
    measure?: ComputedMeasure,
  ): PlanIndicator => ({
    code,
    name,
    category: 'common',
    points,
    rule,
    ...(measure === undefined ? {} : { measure }),
  });
  return {
    thresholds: { excellent: 0.9, good: 0.8, pass: 0.6 },
    indicators: [
      {
        code: 'A',
        name: '机构编制纪律',
        category: 'common',
        points: 40,
        children: [
          leaf('A1', '超编进人', 15, { kind: 'deduction', perOccurrence: 3, floor: 0 }, 'overQuotaEntries'),
          leaf(
            'A2',
            '超职数配备领导干部',
            10,
            { kind: 'deduction', perOccurrence: 2, floor: 0 },
            'leaderPostsExceeded',
          ),
          leaf('A3', '擅自设立机构或突破限额', 5, { kind: 'veto', cap: 'pass' }, 'institutionLimit'),
          leaf(
            'A4',
            '事项有文号、及时录入',
            10,
            { kind: 'deduction', perOccurrence: 1, floor: 0 },
            'matterRecordFaults',
          ),
        ],
      },
      {
        code: 'B',
        name: '编制使用效益',
        category: 'common',
        points: 30,
        children: [
          leaf(
            'B1',
            '中小学编制保障率',
            10,
            { kind: 'ratio', target: 100, perPercent: 0.1, floor: 0 },
            'schoolQuotaRatio',
          ),
          leaf(
            'B2',
            '编制使用率（空编率）',
            10,
            { kind: 'ratio', target: 90, perPercent: 0.5, floor: 0 },
            'quotaUseRatio',
          ),
          leaf(
            'B3',
            '实名制管理信息一致',
            10,
            { kind: 'deduction', perOccurrence: 1, floor: 0 },
            'realNameDifferences',
          ),
        ],
      },
      {
        code: 'C',
        name: '职责履行和工作落实',
        category: 'common',
        points: 30,
        children: [
          leaf('C1', '法规制度学习宣讲', 10, { kind: 'manual' }),
          leaf('C2', '职责任务履行', 10, { kind: 'manual' }),
          leaf(
            'C3',
            '事业单位年度报告按时报送',
            10,
            { kind: 'ratio', target: 100, perPercent: 0.1, floor: 0 },
            'annualReportsOnTime',
          ),
        ],
      },
    ],
  };
}

/** The rule kind a computed measure yields (declared once, in common/, for the web too). */
const MEASURE_RULE = COMPUTED_MEASURE_RULE_KINDS;

/** Every leaf of the tree, in order. */
export function leavesOf(indicators: readonly PlanIndicator[]): PlanIndicator[] {
  const out: PlanIndicator[] = [];
  const visit = (i: PlanIndicator) => {
    if (i.children === undefined || i.children.length === 0) out.push(i);
    else i.children.forEach(visit);
  };
  indicators.forEach(visit);
  return out;
}

/** The plan's tree as rules.ts takes it, checked (rules.ts checks, plus the computed leaves). */
export function checkedSystem(system: IndicatorSystemInput): IndicatorSystem {
  validateSystem(system);
  const visit = (i: PlanIndicator) => {
    const leaf = i.children === undefined || i.children.length === 0;
    if (i.measure !== undefined) {
      if (!leaf) throw invalid(`指标“${i.name}”有下级指标，不能由系统测算`);
      if (i.rule?.kind !== MEASURE_RULE[i.measure])
        throw invalid(
          `指标“${i.name}”由系统测算${COMPUTED_MEASURE_LABELS[i.measure]}，评分规则应为${RULE_KIND_LABELS[MEASURE_RULE[i.measure]]}`,
        );
    }
    i.children?.forEach(visit);
  };
  system.indicators.forEach(visit);
  return system;
}

export interface StageWindow {
  from: string;
  to: string;
}

/** Refuses scoring outside the stage's dates. */
export function checkStageOpen(stage: EvaluationStage, window: StageWindow, today: string): void {
  if (today < window.from || today > window.to)
    throw invalid(
      `${EVALUATION_STAGE_LABELS[stage]}阶段为 ${window.from} 至 ${window.to}，今天（${today}）不能打分`,
    );
}

export interface Occupancy {
  id: number;
  personName: string;
  unitId: number;
  quotaType: string;
  enteredOn: string;
  leftOn: string | null;
}

export interface QuotaStep {
  unitId: number;
  quotaType: string;
  source: string;
  approved: number;
  effectiveFrom: string;
}

/** The approved quota of a unit and type on a date: the latest row per source, added up. */
export function approvedOn(
  quotas: readonly QuotaStep[],
  unitId: number,
  quotaType: string,
  date: string,
): number {
  const latest = new Map<string, number>();
  // `quotas` are in effective_from order: later rows replace earlier ones of the same source.
  for (const q of quotas)
    if (q.unitId === unitId && q.quotaType === quotaType && q.effectiveFrom <= date)
      latest.set(q.source, q.approved);
  let total = 0;
  for (const v of latest.values()) total += v;
  return total;
}

/**
 * 超编进人: each person who entered a unit in the period on a date when the unit's people of that
 * quota type (those entered before, or the same day but recorded earlier, and not yet left)
 * already filled or exceeded its approved quota. `placements` are in (entered_on, id) order.
 */
export function overQuotaEntries(
  placements: readonly Occupancy[],
  quotas: readonly QuotaStep[],
  unitId: number,
  period: { from: string; to: string },
): { occurrences: number; rows: MeasureRow[] } {
  const own = placements.filter((p) => p.unitId === unitId);
  const rows: MeasureRow[] = [];
  own.forEach((p, index) => {
    if (p.enteredOn < period.from || p.enteredOn > period.to) return;
    const before = own
      .slice(0, index)
      .filter(
        (q) =>
          q.quotaType === p.quotaType &&
          q.enteredOn <= p.enteredOn &&
          (q.leftOn === null || q.leftOn > p.enteredOn),
      ).length;
    const approved = approvedOn(quotas, unitId, p.quotaType, p.enteredOn);
    if (before >= approved)
      rows.push({
        text: `${p.enteredOn} ${p.personName}进入（${p.quotaType}），此前实有 ${before} 名，核定 ${approved} 名`,
        ref: { table: 'placements', id: p.id },
      });
  });
  return { occurrences: rows.length, rows };
}

export interface SchoolBalance {
  unitId: number;
  name: string;
  requirement: number;
  approved: number;
}

/**
 * 中小学编制保障率: 核定 ÷ 按标准应配 of the schools, in percent to two decimals (at most 100 %
 * counts: a school above the standard does not make up another's shortfall).
 */
export function schoolQuotaRatio(schools: readonly SchoolBalance[]): { percent: number; rows: MeasureRow[] } {
  let required = 0;
  let covered = 0;
  const rows: MeasureRow[] = [];
  for (const s of schools) {
    required += s.requirement;
    covered += Math.min(s.approved, s.requirement);
    rows.push({
      text: `${s.name}：应配 ${s.requirement} 名，核定 ${s.approved} 名`,
      ref: { table: 'units', id: s.unitId },
    });
  }
  const percent = required === 0 ? 100 : Math.round((covered / required) * 10000) / 100;
  return { percent, rows };
}

/** A measurement as the repository stores it, read back. */
export function parseMeasurement(json: string): MeasurementInput {
  const parsed = MeasurementInput.safeParse(JSON.parse(json));
  if (!parsed.success) throw new Error('评分记录损坏');
  return parsed.data;
}

/** Rows behind a measure that name a person (a placement, a 实名制 difference). */
const PERSONAL_TABLES: ReadonlySet<MeasureRow['ref']['table']> = new Set([
  'placements',
  'reconciliation_items',
]);

/**
 * The measures as an evaluator from another county reads them (交叉互评): every figure and row
 * kept, but a row naming a person says only what it is — the grant opens units, not staff lists.
 */
export function withoutPersonalNames<T extends { rows: readonly MeasureRow[] }>(computed: readonly T[]): T[] {
  return computed.map((c) => ({
    ...c,
    rows: c.rows.map((r) =>
      PERSONAL_TABLES.has(r.ref.table)
        ? { ...r, text: `人员记录（编号 ${String(r.ref.id)}，交叉互评不显示姓名）` }
        : r,
    ),
  }));
}
