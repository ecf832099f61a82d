// All SQL of saved import mappings (one set per county, names unique in it).
import type { Executor } from './executor.ts';

export interface ImportMappingRecord {
  id: number;
  regionCode: string;
  name: string;
  body: string;
  updatedAt: string;
  updatedBy: string | null;
}

function baseQuery(db: Executor) {
  return db
    .selectFrom('import_mappings as m')
    .leftJoin('users as u', 'u.id', 'm.updated_by')
    .select([
      'm.id',
      'm.region_code',
      'm.name',
      'm.body',
      'm.updated_at',
      'u.display_name as updated_by_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toRecord(r: Row): ImportMappingRecord {
  return {
    id: r.id,
    regionCode: r.region_code,
    name: r.name,
    body: r.body,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by_name ?? null,
  };
}

export async function listImportMappings(db: Executor, regionCode: string): Promise<ImportMappingRecord[]> {
  const rows = await baseQuery(db).where('m.region_code', '=', regionCode).orderBy('m.name').execute();
  return rows.map(toRecord);
}

export async function findImportMapping(db: Executor, id: number): Promise<ImportMappingRecord | null> {
  const row = await baseQuery(db).where('m.id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function findImportMappingByName(
  db: Executor,
  regionCode: string,
  name: string,
): Promise<ImportMappingRecord | null> {
  const row = await baseQuery(db)
    .where('m.region_code', '=', regionCode)
    .where('m.name', '=', name)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function insertImportMapping(
  db: Executor,
  v: { regionCode: string; name: string; body: string; at: string; by: number | null },
): Promise<number> {
  const r = await db
    .insertInto('import_mappings')
    .values({ region_code: v.regionCode, name: v.name, body: v.body, updated_at: v.at, updated_by: v.by })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateImportMapping(
  db: Executor,
  v: { id: number; body: string; at: string; by: number | null },
): Promise<void> {
  await db
    .updateTable('import_mappings')
    .set({ body: v.body, updated_at: v.at, updated_by: v.by })
    .where('id', '=', v.id)
    .execute();
}

export async function deleteImportMapping(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('import_mappings').where('id', '=', id).execute();
}
