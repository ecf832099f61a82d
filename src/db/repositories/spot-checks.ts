// All SQL of spot checks (双随机一公开): the checks with their recorded draw, and the checked
// institutions with their stage, answers and findings.
import type { Selectable } from 'kysely';
import type { SpotCheckTable, SpotCheckUnitTable } from '../registration-tables.ts';
import type { SpotCheckStage } from '../../common/registration.ts';
import type { Executor } from './executor.ts';

export interface SpotCheckRecord {
  id: number;
  regionCode: string;
  year: number;
  title: string;
  seed: string;
  algorithm: string;
  ratio: number | null;
  count: number | null;
  population: string[];
  excluded: string[];
  inspectorPool: string[];
  inspectors: string[];
  checklist: string[];
  createdAt: string;
  publishedAt: string | null;
}

export interface SpotCheckUnitRecord {
  id: number;
  spotCheckId: number;
  registrationId: number;
  year: number;
  position: number;
  stage: SpotCheckStage;
  /** Checklist item → 是/否 (or a note), as answered at 单位自查 and corrected at 实地检查. */
  answers: Record<string, string>;
  findings: string;
  rectifyDue: string | null;
  result: string | null;
  version: number;
}

const list = (t: string): string[] => JSON.parse(t) as string[];

const toCheck = (r: Selectable<SpotCheckTable>): SpotCheckRecord => ({
  id: r.id,
  regionCode: r.region_code,
  year: r.year,
  title: r.title,
  seed: r.seed,
  algorithm: r.algorithm,
  ratio: r.ratio === null ? null : Number(r.ratio),
  count: r.count,
  population: list(r.population),
  excluded: list(r.excluded),
  inspectorPool: list(r.inspector_pool),
  inspectors: list(r.inspectors),
  checklist: list(r.checklist),
  createdAt: r.created_at,
  publishedAt: r.published_at,
});

const toUnit = (r: Selectable<SpotCheckUnitTable>): SpotCheckUnitRecord => ({
  id: r.id,
  spotCheckId: r.spot_check_id,
  registrationId: r.registration_id,
  year: r.year,
  position: r.position,
  stage: r.stage as SpotCheckStage,
  answers: JSON.parse(r.answers) as Record<string, string>,
  findings: r.findings,
  rectifyDue: r.rectify_due,
  result: r.result,
  version: r.version,
});

/** Registrations already drawn in a check of that year in the region. */
export async function checkedInYear(db: Executor, regionCode: string, year: number): Promise<number[]> {
  const rows = await db
    .selectFrom('spot_check_units as u')
    .innerJoin('spot_checks as c', 'c.id', 'u.spot_check_id')
    .select('u.registration_id')
    .where('c.region_code', '=', regionCode)
    .where('u.year', '=', year)
    .execute();
  return rows.map((r) => r.registration_id);
}

export async function insertSpotCheck(
  db: Executor,
  c: Omit<SpotCheckRecord, 'id' | 'publishedAt'> & { createdBy: number | null },
): Promise<number> {
  const row = await db
    .insertInto('spot_checks')
    .values({
      region_code: c.regionCode,
      year: c.year,
      title: c.title,
      seed: c.seed,
      algorithm: c.algorithm,
      ratio: c.ratio === null ? null : String(c.ratio),
      count: c.count,
      population: JSON.stringify(c.population),
      excluded: JSON.stringify(c.excluded),
      inspector_pool: JSON.stringify(c.inspectorPool),
      inspectors: JSON.stringify(c.inspectors),
      checklist: JSON.stringify(c.checklist),
      created_at: c.createdAt,
      created_by: c.createdBy,
      published_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertSpotCheckUnit(
  db: Executor,
  u: { spotCheckId: number; registrationId: number; year: number; position: number; at: string },
): Promise<void> {
  await db
    .insertInto('spot_check_units')
    .values({
      spot_check_id: u.spotCheckId,
      registration_id: u.registrationId,
      year: u.year,
      position: u.position,
      stage: '单位自查',
      answers: '{}',
      findings: '',
      rectify_due: null,
      result: null,
      updated_at: u.at,
      version: 1,
    })
    .execute();
}

export async function getSpotCheck(db: Executor, id: number): Promise<SpotCheckRecord | undefined> {
  const r = await db.selectFrom('spot_checks').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toCheck(r) : undefined;
}

export async function listSpotChecks(
  db: Executor,
  f: { regionCodes: string[]; publishedOnly?: boolean; year?: number },
): Promise<SpotCheckRecord[]> {
  let q = db.selectFrom('spot_checks').selectAll().where('region_code', 'in', f.regionCodes);
  if (f.publishedOnly) q = q.where('published_at', 'is not', null);
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  return (await q.orderBy('id', 'desc').execute()).map(toCheck);
}

export async function unitsOfCheck(db: Executor, spotCheckId: number): Promise<SpotCheckUnitRecord[]> {
  const rows = await db
    .selectFrom('spot_check_units')
    .selectAll()
    .where('spot_check_id', '=', spotCheckId)
    .orderBy('position')
    .execute();
  return rows.map(toUnit);
}

export async function getSpotCheckUnit(db: Executor, id: number): Promise<SpotCheckUnitRecord | undefined> {
  const r = await db.selectFrom('spot_check_units').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toUnit(r) : undefined;
}

export async function updateSpotCheckUnit(
  db: Executor,
  id: number,
  version: number,
  patch: {
    stage?: string;
    answers?: string;
    findings?: string;
    rectify_due?: string | null;
    result?: string | null;
    updated_at: string;
  },
): Promise<boolean> {
  const r = await db
    .updateTable('spot_check_units')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function publishSpotCheck(db: Executor, id: number, at: string): Promise<void> {
  await db.updateTable('spot_checks').set({ published_at: at }).where('id', '=', id).execute();
}

/** Checked institutions and checklist items of checks created in the period (for 工作统计). */
export async function spotCheckFigures(
  db: Executor,
  f: { regionCodes: string[]; from: string; to: string },
): Promise<{ checks: number; units: number; items: number }> {
  const checks = await db
    .selectFrom('spot_checks')
    .select(['id', 'checklist'])
    .where('region_code', 'in', f.regionCodes)
    .where('created_at', '>=', f.from)
    .where('created_at', '<', `${f.to}T99`)
    .execute();
  let units = 0;
  let items = 0;
  for (const c of checks) {
    const n = (await unitsOfCheck(db, c.id)).length;
    units += n;
    items = Math.max(items, list(c.checklist).length);
  }
  return { checks: checks.length, units, items };
}
