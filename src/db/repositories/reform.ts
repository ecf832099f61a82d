// All SQL of 机构改革: 机构限额, reform projects, frozen baselines (insert-only), sandbox plans and
// the matters an adopted plan filed; plus the unit details a baseline records (职责, 三定, people).
import type { Executor } from './executor.ts';
import { isCurrentPlacement } from './people.ts';

export interface InstitutionLimitRecord {
  kind: string;
  cap: number;
  sourceDocument: string;
  effectiveFrom: string;
}

/** The 机构限额 in force on `date`, per kind (the latest row starting on or before it). */
export async function institutionLimitsOn(
  db: Executor,
  regionCode: string,
  date: string,
): Promise<InstitutionLimitRecord[]> {
  const rows = await db
    .selectFrom('institution_limits')
    .select(['kind', 'cap', 'source_document', 'effective_from', 'id'])
    .where('region_code', '=', regionCode)
    .where('effective_from', '<=', date)
    .orderBy('kind')
    .orderBy('effective_from')
    .orderBy('id')
    .execute();
  const byKind = new Map<string, InstitutionLimitRecord>();
  for (const r of rows) {
    byKind.set(r.kind, {
      kind: r.kind,
      cap: r.cap,
      sourceDocument: r.source_document,
      effectiveFrom: r.effective_from,
    });
  }
  return [...byKind.values()];
}

export async function insertInstitutionLimit(
  db: Executor,
  l: InstitutionLimitRecord & { regionCode: string; at: string; by: number | null },
): Promise<void> {
  await db
    .insertInto('institution_limits')
    .values({
      region_code: l.regionCode,
      kind: l.kind,
      cap: l.cap,
      source_document: l.sourceDocument,
      effective_from: l.effectiveFrom,
      recorded_at: l.at,
      recorded_by: l.by,
    })
    .execute();
}

export interface ProjectRecord {
  id: number;
  regionCode: string;
  name: string;
  /** null: the whole county. */
  scopeUnitIds: number[] | null;
  baselineDate: string;
  createdAt: string;
}

const toProject = (r: {
  id: number;
  region_code: string;
  name: string;
  scope_unit_ids: string | null;
  baseline_date: string;
  created_at: string;
}): ProjectRecord => ({
  id: r.id,
  regionCode: r.region_code,
  name: r.name,
  scopeUnitIds: r.scope_unit_ids === null ? null : (JSON.parse(r.scope_unit_ids) as number[]),
  baselineDate: r.baseline_date,
  createdAt: r.created_at,
});

export async function insertProject(
  db: Executor,
  p: Omit<ProjectRecord, 'id'> & { by: number | null },
): Promise<number> {
  const r = await db
    .insertInto('reform_projects')
    .values({
      region_code: p.regionCode,
      name: p.name,
      scope_unit_ids: p.scopeUnitIds === null ? null : JSON.stringify(p.scopeUnitIds),
      baseline_date: p.baselineDate,
      created_at: p.createdAt,
      created_by: p.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function getProject(db: Executor, id: number): Promise<ProjectRecord | null> {
  const r = await db.selectFrom('reform_projects').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toProject(r) : null;
}

export async function listProjects(db: Executor, regionCodes: string[]): Promise<ProjectRecord[]> {
  if (regionCodes.length === 0) return [];
  const rows = await db
    .selectFrom('reform_projects')
    .selectAll()
    .where('region_code', 'in', regionCodes)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toProject);
}

/** Changes a project not yet frozen (the caller checks that no baseline exists, in the same transaction). */
export async function updateProject(
  db: Executor,
  id: number,
  p: { name: string; scopeUnitIds: number[] | null; baselineDate: string },
): Promise<void> {
  await db
    .updateTable('reform_projects')
    .set({
      name: p.name,
      scope_unit_ids: p.scopeUnitIds === null ? null : JSON.stringify(p.scopeUnitIds),
      baseline_date: p.baselineDate,
    })
    .where('id', '=', id)
    .execute();
}

export interface BaselineRecord {
  id: number;
  regionCode: string;
  projectId: number;
  asOf: string;
  content: string;
  hash: string;
  frozenAt: string;
}

export async function insertBaseline(
  db: Executor,
  b: Omit<BaselineRecord, 'id'> & { by: number | null },
): Promise<number> {
  const r = await db
    .insertInto('reform_baselines')
    .values({
      region_code: b.regionCode,
      project_id: b.projectId,
      as_of: b.asOf,
      content: b.content,
      hash: b.hash,
      frozen_at: b.frozenAt,
      frozen_by: b.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

const toBaseline = (r: {
  id: number;
  region_code: string;
  project_id: number;
  as_of: string;
  content: string;
  hash: string;
  frozen_at: string;
}): BaselineRecord => ({
  id: r.id,
  regionCode: r.region_code,
  projectId: r.project_id,
  asOf: r.as_of,
  content: r.content,
  hash: r.hash,
  frozenAt: r.frozen_at,
});

export async function baselineOf(db: Executor, projectId: number): Promise<BaselineRecord | null> {
  const r = await db
    .selectFrom('reform_baselines')
    .selectAll()
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  return r ? toBaseline(r) : null;
}

/** The hash the freezing event of one baseline sealed in the audit chain, if any. */
export async function sealedHashOf(db: Executor, baselineId: number): Promise<string | null> {
  const r = await db
    .selectFrom('audit_events')
    .select('payload')
    .where('action', '=', 'reform.baseline_freeze')
    .where('entity_type', '=', 'reform_baseline')
    .where('entity_id', '=', String(baselineId))
    .orderBy('id')
    .executeTakeFirst();
  if (!r) return null;
  const hash = (JSON.parse(r.payload) as { after?: { hash?: unknown } | null }).after?.hash;
  return typeof hash === 'string' ? hash : null;
}

/** Every frozen baseline of the deployment, for `audit verify`. */
export async function allBaselines(db: Executor): Promise<BaselineRecord[]> {
  const rows = await db.selectFrom('reform_baselines').selectAll().orderBy('id').execute();
  return rows.map(toBaseline);
}

/** The hash each baseline's freezing event recorded in the audit chain, by baseline id. */
export async function frozenBaselineHashes(
  db: Executor,
): Promise<Map<number, { eventId: number; hash: string }[]>> {
  const rows = await db
    .selectFrom('audit_events')
    .select(['id', 'entity_id', 'payload'])
    .where('action', '=', 'reform.baseline_freeze')
    .where('entity_type', '=', 'reform_baseline')
    .orderBy('id')
    .execute();
  const out = new Map<number, { eventId: number; hash: string }[]>();
  for (const r of rows) {
    const id = Number(r.entity_id);
    const payload = JSON.parse(r.payload) as { after?: { hash?: unknown } | null };
    const hash = payload.after?.hash;
    out.set(id, [...(out.get(id) ?? []), { eventId: r.id, hash: typeof hash === 'string' ? hash : '' }]);
  }
  return out;
}

export interface PlanRecord {
  id: number;
  regionCode: string;
  projectId: number;
  name: string;
  changes: string;
  createdAt: string;
  updatedAt: string;
  adoptedAt: string | null;
}

const toPlan = (r: {
  id: number;
  region_code: string;
  project_id: number;
  name: string;
  changes: string;
  created_at: string;
  updated_at: string;
  adopted_at: string | null;
}): PlanRecord => ({
  id: r.id,
  regionCode: r.region_code,
  projectId: r.project_id,
  name: r.name,
  changes: r.changes,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  adoptedAt: r.adopted_at,
});

export async function insertPlan(
  db: Executor,
  p: { regionCode: string; projectId: number; name: string; changes: string; at: string },
): Promise<number> {
  const r = await db
    .insertInto('reform_plans')
    .values({
      region_code: p.regionCode,
      project_id: p.projectId,
      name: p.name,
      changes: p.changes,
      created_at: p.at,
      updated_at: p.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** Saves a draft's changes; only while not adopted. Returns whether a row changed. */
export async function updatePlanDraft(
  db: Executor,
  id: number,
  p: { name: string; changes: string; at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('reform_plans')
    .set({ name: p.name, changes: p.changes, updated_at: p.at })
    .where('id', '=', id)
    .where('adopted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function getPlan(db: Executor, id: number): Promise<PlanRecord | null> {
  const r = await db.selectFrom('reform_plans').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toPlan(r) : null;
}

export async function plansOf(db: Executor, projectId: number): Promise<PlanRecord[]> {
  const rows = await db
    .selectFrom('reform_plans')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('id')
    .execute();
  return rows.map(toPlan);
}

/** Marks the plan adopted unless it already was (two adopters racing: one wins). */
export async function markPlanAdopted(db: Executor, id: number, at: string, by: number): Promise<boolean> {
  const r = await db
    .updateTable('reform_plans')
    .set({ adopted_at: at, adopted_by: by })
    .where('id', '=', id)
    .where('adopted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function linkPlanMatter(
  db: Executor,
  l: { regionCode: string; planId: number; matterId: number },
): Promise<void> {
  await db
    .insertInto('reform_plan_matters')
    .values({ region_code: l.regionCode, plan_id: l.planId, matter_id: l.matterId })
    .execute();
}

export interface PlanMatter {
  planId: number;
  matterId: number;
  title: string;
  state: string;
  changes: string;
  effectiveOn: string | null;
}

/** The matters filed by the project's adopted plans, with their state. */
export async function projectMatters(db: Executor, projectId: number): Promise<PlanMatter[]> {
  const rows = await db
    .selectFrom('reform_plan_matters as l')
    .innerJoin('reform_plans as p', 'p.id', 'l.plan_id')
    .innerJoin('matters as m', 'm.id', 'l.matter_id')
    .select(['l.plan_id', 'l.matter_id', 'm.title', 'm.state', 'm.changes', 'm.effective_on'])
    .where('p.project_id', '=', projectId)
    .orderBy('l.matter_id')
    .execute();
  return rows.map((r) => ({
    planId: r.plan_id,
    matterId: r.matter_id,
    title: r.title,
    state: r.state,
    changes: r.changes,
    effectiveOn: r.effective_on,
  }));
}

export interface UnitDetail {
  unitId: number;
  responsibilities: string | null;
  sandingDocNo: string | null;
  sandingDate: string | null;
}

/** 职责任务 and the 三定 document of each unit's version in force on `date`. */
export async function unitDetailsOn(
  db: Executor,
  regionCode: string,
  date: string,
): Promise<Map<number, UnitDetail>> {
  const rows = await db
    .selectFrom('unit_versions as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .select(['v.unit_id', 'v.responsibilities', 'v.sanding_doc_no', 'v.sanding_date'])
    .where('u.region_code', '=', regionCode)
    .where('v.retracted_at', 'is', null)
    .where('v.valid_from', '<=', date)
    .orderBy('v.unit_id')
    .orderBy('v.valid_from')
    .orderBy('v.id')
    .execute();
  const out = new Map<number, UnitDetail>();
  for (const r of rows) {
    out.set(r.unit_id, {
      unitId: r.unit_id,
      responsibilities: r.responsibilities,
      sandingDocNo: r.sanding_doc_no,
      sandingDate: r.sanding_date,
    });
  }
  return out;
}

/** People on the establishment (在编) of the county's units on `date`: person id → unit id. */
export async function establishmentPeopleOn(
  db: Executor,
  regionCode: string,
  date: string,
): Promise<{ personId: number; unitId: number; quotaType: string }[]> {
  const rows = await db
    .selectFrom('placements as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['p.person_id', 'p.unit_id', 'p.quota_type'])
    .where('u.region_code', '=', regionCode)
    .where(isCurrentPlacement)
    .where('p.status', 'in', ['在编', '已出编'])
    .where('p.entered_on', '<=', date)
    .where((eb) => eb.or([eb('p.left_on', 'is', null), eb('p.left_on', '>', date)]))
    .orderBy('p.person_id')
    .execute();
  return rows.map((r) => ({ personId: r.person_id, unitId: r.unit_id, quotaType: r.quota_type }));
}

/**
 * Where each of these people was on `date`: of their placements not retracted and begun by then
 * (entered on or before it), the latest recorded — 在编 in its unit, or 已出编 when they had left
 * by the date. A move recorded after the date does not count.
 */
export async function placementsOn(
  db: Executor,
  personIds: number[],
  date: string,
): Promise<Map<number, { unitId: number; status: string }>> {
  const out = new Map<number, { unitId: number; status: string }>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .selectFrom('placements as p')
      .select(['p.person_id', 'p.unit_id', 'p.status', 'p.left_on'])
      .where('p.person_id', 'in', personIds.slice(i, i + 500))
      .where('p.retracted_at', 'is', null)
      .where('p.status', 'in', ['在编', '已出编'])
      .where('p.entered_on', '<=', date)
      .orderBy('p.person_id')
      .orderBy('p.id')
      .execute();
    for (const r of rows) {
      const left = r.left_on !== null && r.left_on <= date;
      out.set(r.person_id, { unitId: r.unit_id, status: left ? '已出编' : '在编' });
    }
  }
  return out;
}
