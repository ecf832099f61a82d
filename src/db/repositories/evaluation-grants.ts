// All SQL of 交叉互评 grants: a user of another county named evaluator of a plan, until the plan's
// 交叉互评 stage ends or the grant is revoked.
import type { Executor } from './executor.ts';

export interface CrossGrantRow {
  id: number;
  planId: number;
  /** The evaluated county. */
  regionCode: string;
  evaluatorId: number;
  evaluatorRegion: string;
  grantedAt: string;
  revokedAt: string | null;
  /** The plan's 交叉互评 stage. */
  crossFrom: string | null;
  crossTo: string | null;
}

const COLUMNS = [
  'g.id',
  'g.plan_id',
  'g.region_code',
  'g.evaluator_id',
  'g.evaluator_region',
  'g.granted_at',
  'g.revoked_at',
  'p.cross_from',
  'p.cross_to',
] as const;

function rowOf(r: {
  id: number;
  plan_id: number;
  region_code: string;
  evaluator_id: number;
  evaluator_region: string;
  granted_at: string;
  revoked_at: string | null;
  cross_from: string | null;
  cross_to: string | null;
}): CrossGrantRow {
  return {
    id: r.id,
    planId: r.plan_id,
    regionCode: r.region_code,
    evaluatorId: r.evaluator_id,
    evaluatorRegion: r.evaluator_region,
    grantedAt: r.granted_at,
    revokedAt: r.revoked_at,
    crossFrom: r.cross_from,
    crossTo: r.cross_to,
  };
}

export async function insertCrossGrant(
  db: Executor,
  g: {
    regionCode: string;
    planId: number;
    evaluatorId: number;
    evaluatorRegion: string;
    at: string;
    by: number;
  },
): Promise<number> {
  const r = await db
    .insertInto('evaluation_cross_grants')
    .values({
      region_code: g.regionCode,
      plan_id: g.planId,
      evaluator_id: g.evaluatorId,
      evaluator_region: g.evaluatorRegion,
      granted_at: g.at,
      granted_by: g.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function revokeCrossGrant(db: Executor, id: number, at: string, by: number): Promise<void> {
  await db
    .updateTable('evaluation_cross_grants')
    .set({ revoked_at: at, revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** The evaluator's grant on the plan that is not revoked (it may have expired), if any. */
export async function unrevokedGrant(
  db: Executor,
  planId: number,
  evaluatorId: number,
): Promise<CrossGrantRow | undefined> {
  const r = await db
    .selectFrom('evaluation_cross_grants as g')
    .innerJoin('evaluation_plans as p', 'p.id', 'g.plan_id')
    .select(COLUMNS)
    .where('g.plan_id', '=', planId)
    .where('g.evaluator_id', '=', evaluatorId)
    .where('g.revoked_at', 'is', null)
    .orderBy('g.id', 'desc')
    .executeTakeFirst();
  return r && rowOf(r);
}

/** Every grant a user holds or held, with the plan's stage and units (for authorize()). */
export async function grantsOfEvaluator(
  db: Executor,
  evaluatorId: number,
): Promise<(CrossGrantRow & { unitIds: number[] })[]> {
  const rows = await db
    .selectFrom('evaluation_cross_grants as g')
    .innerJoin('evaluation_plans as p', 'p.id', 'g.plan_id')
    .select(COLUMNS)
    .where('g.evaluator_id', '=', evaluatorId)
    .orderBy('g.id')
    .execute();
  if (rows.length === 0) return [];
  const units = await db
    .selectFrom('evaluation_units')
    .select(['plan_id', 'unit_id'])
    .where('plan_id', 'in', [...new Set(rows.map((r) => r.plan_id))])
    .orderBy('unit_id')
    .execute();
  return rows.map((r) => ({
    ...rowOf(r),
    unitIds: units.filter((u) => u.plan_id === r.plan_id).map((u) => u.unit_id),
  }));
}

export interface CrossEvaluatorRow extends CrossGrantRow {
  username: string;
  displayName: string;
}

/** A plan's grants, newest first, with the evaluators' accounts. */
export async function grantsOfPlan(db: Executor, planId: number): Promise<CrossEvaluatorRow[]> {
  const rows = await db
    .selectFrom('evaluation_cross_grants as g')
    .innerJoin('evaluation_plans as p', 'p.id', 'g.plan_id')
    .innerJoin('users as u', 'u.id', 'g.evaluator_id')
    .select([...COLUMNS, 'u.username', 'u.display_name'])
    .where('g.plan_id', '=', planId)
    .orderBy('g.id', 'desc')
    .execute();
  return rows.map((r) => ({ ...rowOf(r), username: r.username, displayName: r.display_name }));
}

/**
 * Grants that have lapsed — not revoked, their plan's 交叉互评 stage ended before `today` — and
 * whose end is not yet in the audit chain.
 */
export async function lapsedUnrecordedGrants(
  db: Executor,
  today: string,
): Promise<(CrossGrantRow & { username: string; planTitle: string })[]> {
  const rows = await db
    .selectFrom('evaluation_cross_grants as g')
    .innerJoin('evaluation_plans as p', 'p.id', 'g.plan_id')
    .innerJoin('users as u', 'u.id', 'g.evaluator_id')
    .select([...COLUMNS, 'u.username', 'p.title'])
    .where('g.revoked_at', 'is', null)
    .where('g.expiry_recorded_at', 'is', null)
    .where('p.cross_to', 'is not', null)
    .where('p.cross_to', '<', today)
    .orderBy('g.id')
    .execute();
  return rows.map((r) => ({ ...rowOf(r), username: r.username, planTitle: r.title }));
}

/** Marks a grant's end as written to the audit chain; false when another writer did it first. */
export async function markGrantExpiryRecorded(db: Executor, id: number, at: string): Promise<boolean> {
  const r = await db
    .updateTable('evaluation_cross_grants')
    .set({ expiry_recorded_at: at })
    .where('id', '=', id)
    .where('expiry_recorded_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
