// All SQL of 评估问效 findings and rectification (问题清单 / 整改清单).
import type { Selectable } from 'kysely';
import type { EvaluationFindingTable } from '../database.ts';
import type { Executor } from './executor.ts';

export interface FindingRow {
  id: number;
  regionCode: string;
  planId: number;
  unitId: number;
  indicatorCode: string | null;
  finding: string;
  measure: string;
  deadline: string;
  responsible: string;
  status: string;
  progress: string;
  doneOn: string | null;
  updatedAt: string;
}

function findingOf(r: Selectable<EvaluationFindingTable>): FindingRow {
  return {
    id: r.id,
    regionCode: r.region_code,
    planId: r.plan_id,
    unitId: r.unit_id,
    indicatorCode: r.indicator_code,
    finding: r.finding,
    measure: r.measure,
    deadline: r.deadline,
    responsible: r.responsible,
    status: r.status,
    progress: r.progress,
    doneOn: r.done_on,
    updatedAt: r.updated_at,
  };
}

export type FindingValues = Omit<FindingRow, 'id' | 'updatedAt'>;

export async function insertFinding(
  db: Executor,
  v: FindingValues & { at: string; by: number | null },
): Promise<number> {
  const r = await db
    .insertInto('evaluation_findings')
    .values({
      region_code: v.regionCode,
      plan_id: v.planId,
      unit_id: v.unitId,
      indicator_code: v.indicatorCode,
      finding: v.finding,
      measure: v.measure,
      deadline: v.deadline,
      responsible: v.responsible,
      status: v.status,
      progress: v.progress,
      done_on: v.doneOn,
      created_at: v.at,
      created_by: v.by,
      updated_at: v.at,
      updated_by: v.by,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** The office's revision of the finding itself (unit, indicator, text, measure, deadline, responsible). */
export async function updateFindingText(
  db: Executor,
  id: number,
  v: Pick<FindingRow, 'unitId' | 'indicatorCode' | 'finding' | 'measure' | 'deadline' | 'responsible'> & {
    at: string;
    by: number | null;
  },
): Promise<void> {
  await db
    .updateTable('evaluation_findings')
    .set({
      unit_id: v.unitId,
      indicator_code: v.indicatorCode,
      finding: v.finding,
      measure: v.measure,
      deadline: v.deadline,
      responsible: v.responsible,
      updated_at: v.at,
      updated_by: v.by,
    })
    .where('id', '=', id)
    .execute();
}

export async function updateFindingProgress(
  db: Executor,
  id: number,
  v: Pick<FindingRow, 'status' | 'progress' | 'doneOn'> & { at: string; by: number | null },
): Promise<void> {
  await db
    .updateTable('evaluation_findings')
    .set({ status: v.status, progress: v.progress, done_on: v.doneOn, updated_at: v.at, updated_by: v.by })
    .where('id', '=', id)
    .execute();
}

export async function findFinding(db: Executor, id: number): Promise<FindingRow | undefined> {
  const r = await db.selectFrom('evaluation_findings').selectAll().where('id', '=', id).executeTakeFirst();
  return r && findingOf(r);
}

/** A plan's findings, of one unit when given, by unit then deadline. */
export async function listFindings(db: Executor, planId: number, unitId?: number): Promise<FindingRow[]> {
  let q = db.selectFrom('evaluation_findings').selectAll().where('plan_id', '=', planId);
  if (unitId !== undefined) q = q.where('unit_id', '=', unitId);
  const rows = await q.orderBy('unit_id').orderBy('deadline').orderBy('id').execute();
  return rows.map(findingOf);
}
