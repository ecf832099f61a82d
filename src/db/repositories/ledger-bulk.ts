// Bulk writes of an import's small sheets (机构 versions and 牌子, 编制, 领导职数, 人口, 学生数)
// inside its final transaction: many rows per statement through bulk.ts, retractions by id list.
// The report cache is not marked row by row here: the import marks its counties once
// (markReportsChanged in import-workbook.ts).
import type { Database } from '../database.ts';
import { bulkInsert, type BulkTable, type BulkValue } from './bulk.ts';
import type { Executor } from './executor.ts';
import type { NewUnitVersion } from '../database.ts';

const RETRACT_CHUNK = 500;

type RetractTable =
  'unit_versions' | 'plaques' | 'quotas' | 'leadership_posts' | 'region_population' | 'student_counts';

/** Marks the rows `ids` of `table` retracted at `at` (a correction keeps the old row). */
export async function retractRows(
  db: Executor,
  table: RetractTable,
  ids: readonly number[],
  at: string,
): Promise<void> {
  for (let i = 0; i < ids.length; i += RETRACT_CHUNK) {
    const chunk = ids.slice(i, i + RETRACT_CHUNK);
    await db
      .updateTable(table as keyof Database & RetractTable)
      .set({ retracted_at: at })
      .where('id', 'in', chunk)
      .execute();
  }
}

const VERSIONS: BulkTable = {
  table: 'unit_versions',
  columns: [
    ['matter_id', 'integer'],
    ['unit_id', 'integer'],
    ['valid_from', 'text'],
    ['change_kind', 'text'],
    ['doc_no', 'text'],
    ['name', 'text'],
    ['short_name', 'text'],
    ['parent_unit_id', 'integer'],
    ['category', 'text'],
    ['rank', 'text'],
    ['affiliation', 'text'],
    ['counts_toward_direct_limit', 'integer'],
    ['funding', 'text'],
    ['type', 'text'],
    ['sector', 'text'],
    ['legal_person', 'integer'],
    ['uscc', 'text'],
    ['founded_on', 'text'],
    ['abolished_on', 'text'],
    ['responsibilities', 'text'],
    ['sanding_doc_no', 'text'],
    ['sanding_date', 'text'],
    ['recorded_at', 'text'],
    ['recorded_by', 'integer'],
  ],
};

export async function insertUnitVersions(db: Executor, rows: readonly NewUnitVersion[]): Promise<void> {
  await bulkInsert(
    db,
    VERSIONS,
    rows.map((v): BulkValue[] => [
      v.matter_id ?? null,
      v.unit_id,
      v.valid_from,
      v.change_kind,
      v.doc_no ?? null,
      v.name,
      v.short_name ?? null,
      v.parent_unit_id ?? null,
      v.category,
      v.rank ?? null,
      v.affiliation ?? null,
      v.counts_toward_direct_limit ?? null,
      v.funding ?? null,
      v.type ?? null,
      v.sector ?? null,
      v.legal_person ?? null,
      v.uscc ?? null,
      v.founded_on ?? null,
      v.abolished_on ?? null,
      v.responsibilities ?? null,
      v.sanding_doc_no ?? null,
      v.sanding_date ?? null,
      v.recorded_at,
      v.recorded_by ?? null,
    ]),
  );
}

const PLAQUES: BulkTable = {
  table: 'plaques',
  columns: [
    ['unit_id', 'integer'],
    ['name', 'text'],
    ['valid_from', 'text'],
    ['recorded_at', 'text'],
  ],
};

export async function insertPlaques(
  db: Executor,
  rows: readonly { unitId: number; name: string; validFrom: string | null; at: string }[],
): Promise<void> {
  await bulkInsert(
    db,
    PLAQUES,
    rows.map((p) => [p.unitId, p.name, p.validFrom, p.at]),
  );
}

const QUOTAS: BulkTable = {
  table: 'quotas',
  columns: [
    ['unit_id', 'integer'],
    ['quota_type', 'text'],
    ['source', 'text'],
    ['approved', 'integer'],
    ['effective_from', 'text'],
    ['doc_no', 'text'],
    ['recorded_at', 'text'],
    ['recorded_by', 'integer'],
  ],
};

export interface NewQuota {
  unitId: number;
  quotaType: string;
  source: string;
  approved: number;
  effectiveFrom: string;
  docNo: string | null;
  at: string;
  by: number | null;
}

/** Inserts the quotas; returns each one's id under `quotaKey` (unit, type, source, date). */
export async function insertQuotas(db: Executor, rows: readonly NewQuota[]): Promise<Map<string, number>> {
  const inserted = await bulkInsert<{
    id: number;
    unit_id: number;
    quota_type: string;
    source: string;
    effective_from: string;
  }>(
    db,
    QUOTAS,
    rows.map((q) => [q.unitId, q.quotaType, q.source, q.approved, q.effectiveFrom, q.docNo, q.at, q.by]),
    ['id', 'unit_id', 'quota_type', 'source', 'effective_from'],
  );
  return new Map(inserted.map((r) => [quotaKey(r.unit_id, r.quota_type, r.source, r.effective_from), r.id]));
}

export function quotaKey(unitId: number, quotaType: string, source: string, effectiveFrom: string): string {
  return `${unitId}|${quotaType}|${source}|${effectiveFrom}`;
}

const POSTS: BulkTable = {
  table: 'leadership_posts',
  columns: [
    ['unit_id', 'integer'],
    ['level', 'text'],
    ['approved', 'integer'],
    ['effective_from', 'text'],
    ['doc_no', 'text'],
    ['recorded_at', 'text'],
    ['recorded_by', 'integer'],
  ],
};

export interface NewPost {
  unitId: number;
  level: string;
  approved: number;
  effectiveFrom: string;
  docNo: string | null;
  at: string;
  by: number | null;
}

/** Inserts the posts; returns each one's id under `postKey` (unit, level, date). */
export async function insertPosts(db: Executor, rows: readonly NewPost[]): Promise<Map<string, number>> {
  const inserted = await bulkInsert<{ id: number; unit_id: number; level: string; effective_from: string }>(
    db,
    POSTS,
    rows.map((p) => [p.unitId, p.level, p.approved, p.effectiveFrom, p.docNo, p.at, p.by]),
    ['id', 'unit_id', 'level', 'effective_from'],
  );
  return new Map(inserted.map((r) => [postKey(r.unit_id, r.level, r.effective_from), r.id]));
}

export function postKey(unitId: number, level: string, effectiveFrom: string): string {
  return `${unitId}|${level}|${effectiveFrom}`;
}

const POPULATION: BulkTable = {
  table: 'region_population',
  columns: [
    ['region_code', 'text'],
    ['unit_id', 'integer'],
    ['year', 'integer'],
    ['population', 'integer'],
    ['recorded_at', 'text'],
  ],
};

/** Inserts population rows; returns each one's id under `populationKey` (county, unit, year). */
export async function insertPopulations(
  db: Executor,
  rows: readonly {
    regionCode: string;
    unitId: number | null;
    year: number;
    population: number;
    at: string;
  }[],
): Promise<Map<string, number>> {
  const inserted = await bulkInsert<{
    id: number;
    region_code: string;
    unit_id: number | null;
    year: number;
  }>(
    db,
    POPULATION,
    rows.map((r) => [r.regionCode, r.unitId, r.year, r.population, r.at]),
    ['id', 'region_code', 'unit_id', 'year'],
  );
  return new Map(inserted.map((r) => [populationKey(r.region_code, r.unit_id, r.year), r.id]));
}

export function populationKey(regionCode: string, unitId: number | null, year: number): string {
  return `${regionCode}|${unitId ?? ''}|${year}`;
}

const STUDENTS: BulkTable = {
  table: 'student_counts',
  columns: [
    ['unit_id', 'integer'],
    ['year', 'integer'],
    ['senior', 'integer'],
    ['junior', 'integer'],
    ['primary_school', 'integer'],
    ['preschool', 'integer'],
    ['recorded_at', 'text'],
  ],
};

export async function insertStudentCounts(
  db: Executor,
  rows: readonly {
    unitId: number;
    year: number;
    senior: number | null;
    junior: number | null;
    primary: number | null;
    preschool: number | null;
    at: string;
  }[],
): Promise<void> {
  await bulkInsert(
    db,
    STUDENTS,
    rows.map((s) => [s.unitId, s.year, s.senior, s.junior, s.primary, s.preschool, s.at]),
  );
}
