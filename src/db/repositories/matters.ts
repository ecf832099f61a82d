// All SQL of matters and their steps, and the county's control totals (their attachments: attachments.ts).
import type { Executor } from './executor.ts';

export interface MatterRow {
  id: number;
  regionCode: string;
  title: string;
  reasons: string;
  state: string;
  changes: string;
  proposerId: number;
  proposerName: string;
  proposerUnitId: number | null;
  exceptionReason: string | null;
  decisionBody: string | null;
  docNo: string | null;
  decidedOn: string | null;
  effectiveOn: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

function matterQuery(db: Executor) {
  return db
    .selectFrom('matters as m')
    .innerJoin('users as p', 'p.id', 'm.proposer_id')
    .select([
      'm.id',
      'm.region_code',
      'm.title',
      'm.reasons',
      'm.state',
      'm.changes',
      'm.proposer_id',
      'p.display_name as proposer_name',
      'm.proposer_unit_id',
      'm.exception_reason',
      'm.decision_body',
      'm.doc_no',
      'm.decided_on',
      'm.effective_on',
      'm.created_at',
      'm.updated_at',
      'm.version',
    ]);
}

type Raw = Awaited<ReturnType<ReturnType<typeof matterQuery>['executeTakeFirstOrThrow']>>;

function toMatter(r: Raw): MatterRow {
  return {
    id: r.id,
    regionCode: r.region_code,
    title: r.title,
    reasons: r.reasons,
    state: r.state,
    changes: r.changes,
    proposerId: r.proposer_id,
    proposerName: r.proposer_name,
    proposerUnitId: r.proposer_unit_id,
    exceptionReason: r.exception_reason,
    decisionBody: r.decision_body,
    docNo: r.doc_no,
    decidedOn: r.decided_on,
    effectiveOn: r.effective_on,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    version: r.version,
  };
}

export async function insertMatter(
  db: Executor,
  m: {
    regionCode: string;
    title: string;
    reasons: string;
    changes: string;
    proposerId: number;
    proposerUnitId: number | null;
    at: string;
  },
): Promise<number> {
  const r = await db
    .insertInto('matters')
    .values({
      region_code: m.regionCode,
      title: m.title,
      reasons: m.reasons,
      state: 'proposed',
      changes: m.changes,
      proposer_id: m.proposerId,
      proposer_unit_id: m.proposerUnitId,
      created_at: m.at,
      updated_at: m.at,
      version: 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function findMatter(db: Executor, id: number): Promise<MatterRow | undefined> {
  const r = await matterQuery(db).where('m.id', '=', id).executeTakeFirst();
  return r && toMatter(r);
}

export interface MatterFilter {
  regionCodes: string[];
  states: string[] | null;
  proposerId: number | null;
  /** Matters waiting for a user: in a state their role acts on, or their own in a state its proposer acts on. */
  waitingFor: { states: string[]; ownStates: string[]; userId: number } | null;
}

function filtered(db: Executor, f: MatterFilter) {
  let q = db.selectFrom('matters as m').where('m.region_code', 'in', f.regionCodes);
  if (f.states) q = q.where('m.state', 'in', f.states);
  if (f.proposerId !== null) q = q.where('m.proposer_id', '=', f.proposerId);
  const w = f.waitingFor;
  if (w) {
    q = q.where((eb) =>
      eb.or([
        eb('m.state', 'in', w.states.length > 0 ? w.states : ['-']),
        eb.and([
          eb('m.state', 'in', w.ownStates.length > 0 ? w.ownStates : ['-']),
          eb('m.proposer_id', '=', w.userId),
        ]),
      ]),
    );
  }
  return q;
}

export async function countMatters(db: Executor, f: MatterFilter): Promise<number> {
  const r = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

export async function listMatters(
  db: Executor,
  f: MatterFilter & { limit: number; offset: number },
): Promise<{ total: number; rows: MatterRow[] }> {
  const page = await filtered(db, f)
    .select('m.id')
    .orderBy('m.updated_at', 'desc')
    .orderBy('m.id', 'desc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const ids = page.map((r) => r.id);
  const rows =
    ids.length === 0
      ? []
      : await matterQuery(db)
          .where('m.id', 'in', ids)
          .orderBy('m.updated_at', 'desc')
          .orderBy('m.id', 'desc')
          .execute();
  return { total: await countMatters(db, f), rows: rows.map(toMatter) };
}

/** Matters of the region in the given states (their changes, for plans and statistics). */
export async function mattersInStates(
  db: Executor,
  regionCode: string,
  states: string[],
): Promise<MatterRow[]> {
  const rows = await matterQuery(db)
    .where('m.region_code', '=', regionCode)
    .where('m.state', 'in', states)
    .orderBy('m.id')
    .execute();
  return rows.map(toMatter);
}

/**
 * Moves a matter to its next state if nobody else moved it first (optimistic version check).
 * Returns false when the matter changed meanwhile.
 */
export async function updateMatter(
  db: Executor,
  id: number,
  expectedVersion: number,
  set: Partial<{
    state: string;
    changes: string;
    title: string;
    reasons: string;
    exception_reason: string | null;
    decision_body: string;
    doc_no: string;
    decided_on: string;
    effective_on: string;
  }>,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('matters')
    .set({ ...set, updated_at: at, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface StepRow {
  id: number;
  action: string;
  fromState: string | null;
  toState: string;
  actorId: number;
  actorName: string;
  at: string;
  comment: string;
  ruleResults: string | null;
}

export async function insertStep(
  db: Executor,
  s: Omit<StepRow, 'id'> & { matterId: number },
): Promise<number> {
  const r = await db
    .insertInto('matter_steps')
    .values({
      matter_id: s.matterId,
      action: s.action,
      from_state: s.fromState,
      to_state: s.toState,
      actor_id: s.actorId,
      actor_name: s.actorName,
      at: s.at,
      comment: s.comment,
      rule_results: s.ruleResults,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function stepsOf(db: Executor, matterId: number): Promise<StepRow[]> {
  const rows = await db
    .selectFrom('matter_steps')
    .selectAll()
    .where('matter_id', '=', matterId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    fromState: r.from_state,
    toState: r.to_state,
    actorId: r.actor_id,
    actorName: r.actor_name,
    at: r.at,
    comment: r.comment,
    ruleResults: r.rule_results,
  }));
}

// ---- 严控总量 ----
export async function controlTotalsOn(
  db: Executor,
  regionCode: string,
  date: string,
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('control_totals')
    .select(['quota_type', 'total', 'effective_from', 'id'])
    .where('region_code', '=', regionCode)
    .where('effective_from', '<=', date)
    .orderBy('quota_type')
    .orderBy('effective_from')
    .orderBy('id')
    .execute();
  const out = new Map<string, number>();
  for (const r of rows) out.set(r.quota_type, r.total);
  return out;
}

export async function insertControlTotal(
  db: Executor,
  c: {
    regionCode: string;
    quotaType: string;
    total: number;
    effectiveFrom: string;
    docNo: string | null;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('control_totals')
    .values({
      region_code: c.regionCode,
      quota_type: c.quotaType,
      total: c.total,
      effective_from: c.effectiveFrom,
      doc_no: c.docNo,
      recorded_at: c.at,
    })
    .execute();
}

/**
 * Matters of the regions in the given states whose date (effective_on for implemented
 * matters, decided_on for decisions) falls within [from, to] (ISO dates, inclusive): the
 * matters behind the work statistics of a period.
 */
export async function mattersDatedWithin(
  db: Executor,
  f: {
    regionCodes: string[];
    states: string[];
    dateColumn: 'effective_on' | 'decided_on';
    from: string;
    to: string;
  },
): Promise<MatterRow[]> {
  if (f.regionCodes.length === 0 || f.states.length === 0) return [];
  const column = f.dateColumn === 'effective_on' ? 'm.effective_on' : 'm.decided_on';
  const rows = await matterQuery(db)
    .where('m.region_code', 'in', f.regionCodes)
    .where('m.state', 'in', f.states)
    .where(column, '>=', f.from)
    .where(column, '<=', f.to)
    .orderBy(column)
    .orderBy('m.id')
    .execute();
  return rows.map(toMatter);
}
