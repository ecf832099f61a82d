// All SQL of 评估问效: plans, their units and the stage scores (the ledger rows the computed
// indicators are measured from: evaluation-measures.ts).
import type { Selectable } from 'kysely';
import type { EvaluationPlanTable } from '../database.ts';
import type { Executor } from './executor.ts';

export interface PlanRow {
  id: number;
  regionCode: string;
  year: number;
  type: string;
  title: string;
  leadingGroup: string;
  periodFrom: string;
  periodTo: string;
  selfFrom: string;
  selfTo: string;
  onsiteFrom: string;
  onsiteTo: string;
  crossFrom: string | null;
  crossTo: string | null;
  indicators: string;
  /** JSON of the stage weights, or null. */
  stageWeights: string | null;
  updatedAt: string;
}

export type PlanValues = Omit<PlanRow, 'id' | 'updatedAt'>;

function planOf(r: Selectable<EvaluationPlanTable>): PlanRow {
  return {
    id: r.id,
    regionCode: r.region_code,
    year: Number(r.year),
    type: r.type,
    title: r.title,
    leadingGroup: r.leading_group,
    periodFrom: r.period_from,
    periodTo: r.period_to,
    selfFrom: r.self_from,
    selfTo: r.self_to,
    onsiteFrom: r.onsite_from,
    onsiteTo: r.onsite_to,
    crossFrom: r.cross_from,
    crossTo: r.cross_to,
    indicators: r.indicators,
    stageWeights: r.stage_weights,
    updatedAt: r.updated_at,
  };
}

function columnsOf(v: PlanValues) {
  return {
    region_code: v.regionCode,
    year: v.year,
    type: v.type,
    title: v.title,
    leading_group: v.leadingGroup,
    period_from: v.periodFrom,
    period_to: v.periodTo,
    self_from: v.selfFrom,
    self_to: v.selfTo,
    onsite_from: v.onsiteFrom,
    onsite_to: v.onsiteTo,
    cross_from: v.crossFrom,
    cross_to: v.crossTo,
    indicators: v.indicators,
    stage_weights: v.stageWeights,
  };
}

export async function insertPlan(
  db: Executor,
  v: PlanValues & { at: string; by: number | null },
): Promise<number> {
  const r = await db
    .insertInto('evaluation_plans')
    .values({ ...columnsOf(v), created_at: v.at, created_by: v.by, updated_at: v.at, updated_by: v.by })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updatePlan(
  db: Executor,
  id: number,
  v: PlanValues & { at: string; by: number | null },
): Promise<void> {
  await db
    .updateTable('evaluation_plans')
    .set({ ...columnsOf(v), updated_at: v.at, updated_by: v.by })
    .where('id', '=', id)
    .execute();
}

export async function findPlan(db: Executor, id: number): Promise<PlanRow | undefined> {
  const r = await db.selectFrom('evaluation_plans').selectAll().where('id', '=', id).executeTakeFirst();
  return r && planOf(r);
}

export async function listPlans(
  db: Executor,
  regionCode: string,
): Promise<(PlanRow & { unitCount: number })[]> {
  const rows = await db
    .selectFrom('evaluation_plans as p')
    .selectAll('p')
    .select((eb) =>
      eb
        .selectFrom('evaluation_units as u')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('u.plan_id', '=', 'p.id')
        .as('unit_count'),
    )
    .where('p.region_code', '=', regionCode)
    .orderBy('p.year', 'desc')
    .orderBy('p.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...planOf(r), unitCount: Number(r.unit_count ?? 0) }));
}

export async function planUnitIds(db: Executor, planId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('evaluation_units')
    .select('unit_id')
    .where('plan_id', '=', planId)
    .orderBy('unit_id')
    .execute();
  return rows.map((r) => r.unit_id);
}

/** Replaces the plan's units (their scores stay: a unit put back finds them again). */
export async function setPlanUnits(
  db: Executor,
  planId: number,
  regionCode: string,
  unitIds: readonly number[],
): Promise<void> {
  await db.deleteFrom('evaluation_units').where('plan_id', '=', planId).execute();
  if (unitIds.length === 0) return;
  await db
    .insertInto('evaluation_units')
    .values(unitIds.map((unit_id) => ({ plan_id: planId, unit_id, region_code: regionCode })))
    .execute();
}

export interface ScoreRow {
  unitId: number;
  stage: string;
  code: string;
  measurement: string;
  score: number;
  evidence: string;
  scoredAt: string;
}

/** Sets one indicator's score of a unit at a stage, replacing an earlier one. */
export async function upsertScore(
  db: Executor,
  s: ScoreRow & { planId: number; regionCode: string; by: number | null },
): Promise<ScoreRow | undefined> {
  const before = await db
    .selectFrom('evaluation_scores')
    .select(['unit_id', 'stage', 'indicator_code', 'measurement', 'score', 'evidence', 'scored_at'])
    .where('plan_id', '=', s.planId)
    .where('unit_id', '=', s.unitId)
    .where('stage', '=', s.stage)
    .where('indicator_code', '=', s.code)
    .executeTakeFirst();
  const values = {
    measurement: s.measurement,
    score: s.score,
    evidence: s.evidence,
    scored_at: s.scoredAt,
    scored_by: s.by,
  };
  if (before) {
    await db
      .updateTable('evaluation_scores')
      .set(values)
      .where('plan_id', '=', s.planId)
      .where('unit_id', '=', s.unitId)
      .where('stage', '=', s.stage)
      .where('indicator_code', '=', s.code)
      .execute();
    return scoreOf(before);
  }
  await db
    .insertInto('evaluation_scores')
    .values({
      ...values,
      region_code: s.regionCode,
      plan_id: s.planId,
      unit_id: s.unitId,
      stage: s.stage,
      indicator_code: s.code,
    })
    .execute();
  return undefined;
}

function scoreOf(r: {
  unit_id: number;
  stage: string;
  indicator_code: string;
  measurement: string;
  score: number;
  evidence: string;
  scored_at: string;
}): ScoreRow {
  return {
    unitId: r.unit_id,
    stage: r.stage,
    code: r.indicator_code,
    measurement: r.measurement,
    score: Number(r.score),
    evidence: r.evidence,
    scoredAt: r.scored_at,
  };
}

export async function listScores(db: Executor, planId: number): Promise<ScoreRow[]> {
  const rows = await db
    .selectFrom('evaluation_scores')
    .select(['unit_id', 'stage', 'indicator_code', 'measurement', 'score', 'evidence', 'scored_at'])
    .where('plan_id', '=', planId)
    .orderBy('unit_id')
    .orderBy('stage')
    .orderBy('indicator_code')
    .execute();
  return rows.map(scoreOf);
}

/** One unit's scores at one stage, by indicator code. */
export async function listUnitStageScores(
  db: Executor,
  q: { planId: number; unitId: number; stage: string },
): Promise<ScoreRow[]> {
  const rows = await db
    .selectFrom('evaluation_scores')
    .select(['unit_id', 'stage', 'indicator_code', 'measurement', 'score', 'evidence', 'scored_at'])
    .where('plan_id', '=', q.planId)
    .where('unit_id', '=', q.unitId)
    .where('stage', '=', q.stage)
    .orderBy('indicator_code')
    .execute();
  return rows.map(scoreOf);
}
