// All SQL of an import applied in slices (migration 0026, docs/import.md "导入不阻塞他人"): the
// import's bookkeeping row, the staged placements of the people its slices write, publishing them
// in the final transaction (set-based, no row passes through JavaScript), and removing a failed or
// abandoned import's slices a bounded number of rows at a time.
import { sql, type SqlBool } from 'kysely';
import { bulkInsertColumns, isPostgres, sharedValue, type BulkTable, type BulkValue } from './bulk.ts';
import type { Executor } from './executor.ts';

export type ImportBatchState = 'applying' | 'done' | 'failed';

export interface ImportBatch {
  id: number;
  state: ImportBatchState;
  owner: string;
  regionCodes: string[];
  startedAt: string;
  heartbeatAt: string;
}

/**
 * SQL condition: the person of this `import_id` column is visible — written otherwise than by a
 * slice, or by an import already published. Every look-up of people that does not go through
 * their placements applies it (people of a running import have no placement yet).
 */
export function isVisiblePerson(column: 'people.import_id' | 'h.import_id') {
  const ref = sql.ref(column);
  return sql<SqlBool>`(${ref} is null or exists (select 1 from import_batches b where b.id = ${ref} and b.state = ${'done'}))`;
}

export async function createImportBatch(
  db: Executor,
  o: { owner: string; regionCodes: string[]; at: string },
): Promise<number> {
  const row = await db
    .insertInto('import_batches')
    .values({
      state: 'applying',
      owner: o.owner,
      region_codes: JSON.stringify(o.regionCodes),
      started_at: o.at,
      heartbeat_at: o.at,
      finished_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Starts a slice of import `id` (inside the slice's transaction): records that the import's owner
 * is still at work. On PostgreSQL the slice's commit then does not wait for its WAL to reach the
 * disk (`synchronous_commit = off`, this transaction only). That is safe because a slice is
 * invisible: if the server crashes and loses the last slices' commits, the import cannot be
 * published (its connection is gone, or publication finds people and staged placements that do
 * not match) and is swept; and the final transaction, which does wait, flushes the WAL up to its
 * own commit, every slice's included, before anything of the import becomes visible.
 */
export async function beginSlice(db: Executor, id: number, at: string): Promise<void> {
  if (isPostgres(db)) await sql`set local synchronous_commit = off`.execute(db);
  await db
    .updateTable('import_batches')
    .set((eb) => ({ heartbeat_at: at, slices: eb('slices', '+', 1) }))
    .where('id', '=', id)
    .execute();
}

/**
 * PostgreSQL: opens an import's final transaction for the length of the check (apply-slices.ts):
 * it is idle between the slices it publishes, so a server-wide
 * `idle_in_transaction_session_timeout` must not end it; returns its backend's pid (to cancel a
 * statement it waits in, `cancelBackend`).
 */
export async function openLongTransaction(db: Executor): Promise<number> {
  const r = await sql<{ pid: number }>`
    select pg_backend_pid() as pid, set_config('idle_in_transaction_session_timeout', '0', true)`.execute(db);
  return Number(r.rows[0]?.pid ?? 0);
}

/** PostgreSQL: cancels the statement backend `pid` is running, if any (its transaction then fails). */
export async function cancelBackend(db: Executor, pid: number): Promise<void> {
  await sql`select pg_cancel_backend(${pid})`.execute(db);
}

/**
 * PostgreSQL: ends the connections whose application_name is `name` (an import's owner that is
 * gone, import-owner.ts), waiting up to `waitMs` for each backend to exit, which rolls back its
 * transaction and releases its locks. Returns how many it ended. SQLite: nothing (a connection ends
 * with the thread that opened it).
 */
export async function endConnectionsNamed(db: Executor, name: string, waitMs = 10_000): Promise<number> {
  if (!isPostgres(db)) return 0;
  // The pids first: in one statement the planner may call pg_terminate_backend before it filters.
  // Only this role's: another role's connections are not the import's (nor ours to end).
  const named = await sql<{ pid: number }>`
    select pid from pg_stat_activity
    where application_name = ${name} and usename = current_user and pid <> pg_backend_pid()`.execute(db);
  const timeout = Math.max(1, Math.round(waitMs));
  for (const { pid } of named.rows)
    await sql`select pg_terminate_backend(${pid}::integer, ${timeout}::bigint)`.execute(db);
  return named.rows.length;
}

/** PostgreSQL: this transaction waits at most `ms` for a lock, then fails (55P03). SQLite: nothing. */
export async function limitLockWait(db: Executor, ms: number): Promise<void> {
  if (!isPostgres(db)) return;
  const limit = `${Math.max(1, Math.round(ms))}ms`;
  await sql`select set_config('lock_timeout', ${limit}, true)`.execute(db);
}

/** The state of the latest import batch of `owner` (null: it wrote none — an import without new people). */
export async function lastImportBatchState(db: Executor, owner: string): Promise<ImportBatchState | null> {
  const row = await db
    .selectFrom('import_batches')
    .select('state')
    .where('owner', '=', owner)
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return row ? (row.state as ImportBatchState) : null;
}

export async function importBatchesIn(db: Executor, states: ImportBatchState[]): Promise<ImportBatch[]> {
  const rows = await db
    .selectFrom('import_batches')
    .selectAll()
    .where('state', 'in', states)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    state: r.state as ImportBatchState,
    owner: r.owner,
    regionCodes: JSON.parse(r.region_codes) as string[],
    startedAt: r.started_at,
    heartbeatAt: r.heartbeat_at,
  }));
}

/** Ends an import that is still 'applying'; false when it was no longer (swept meanwhile). */
export async function finishImportBatch(
  db: Executor,
  id: number,
  state: 'done' | 'failed',
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('import_batches')
    .set({ state, finished_at: at })
    .where('id', '=', id)
    .where('state', '=', 'applying')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface StagedPlacement {
  personId: number;
  regionCode: string;
  unitCode: string;
  quotaType: string;
  status: string;
  channel: string | null;
  leadershipLevel: string;
  enteredOn: string | null;
  leftOn: string | null;
  at: string;
  by: number | null;
}

const STAGED_PLACEMENTS: BulkTable = {
  table: 'import_placements',
  columns: [
    ['import_id', 'integer'],
    ['person_id', 'integer'],
    ['region_code', 'text'],
    ['unit_code', 'text'],
    ['quota_type', 'text'],
    ['status', 'text'],
    ['channel', 'text'],
    ['leadership_level', 'text'],
    ['entered_on', 'text'],
    ['left_on', 'text'],
    ['recorded_at', 'text'],
    ['recorded_by', 'integer'],
  ],
};

/** Staged placements of a slice given row by row (they share one time and actor of recording). */
export async function insertStagedPlacements(
  db: Executor,
  importId: number,
  rows: StagedPlacement[],
): Promise<void> {
  const column = <K extends keyof StagedPlacement>(k: K) => rows.map((r) => r[k]);
  const at = sharedValue(rows, (r) => r.at, '登记时间') ?? '';
  const by = sharedValue(rows, (r) => r.by, '登记人') ?? null;
  await insertStagedPlacementColumns(db, importId, at, by, {
    personId: column('personId'),
    regionCode: column('regionCode'),
    unitCode: column('unitCode'),
    quotaType: column('quotaType'),
    status: column('status'),
    channel: column('channel'),
    leadershipLevel: column('leadershipLevel'),
    enteredOn: column('enteredOn'),
    leftOn: column('leftOn'),
  });
}

/** Staged placements of one slice, column by column (all recorded at one time by one actor). */
export type StagedPlacementColumns = {
  [K in Exclude<keyof StagedPlacement, 'at' | 'by'>]: StagedPlacement[K][];
};

export async function insertStagedPlacementColumns(
  db: Executor,
  importId: number,
  at: string,
  by: number | null,
  c: StagedPlacementColumns,
): Promise<void> {
  const n = c.personId.length;
  const same = (v: BulkValue): BulkValue[] => new Array<BulkValue>(n).fill(v);
  await bulkInsertColumns(db, STAGED_PLACEMENTS, [
    same(importId),
    c.personId,
    c.regionCode,
    c.unitCode,
    c.quotaType,
    c.status,
    c.channel,
    c.leadershipLevel,
    c.enteredOn,
    c.leftOn,
    same(at),
    same(by),
  ]);
}

export async function stagedPlacementCount(db: Executor, importId: number): Promise<number> {
  const r = await db
    .selectFrom('import_placements')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_id', '=', importId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** What `publishStaged` has published of an import so far: how many rows, up to which staged id. */
export interface Published {
  rows: number;
  lastId: number;
}

export const NOTHING_PUBLISHED: Published = { rows: 0, lastId: 0 };

/**
 * Publishes the staged placements of import `importId` committed after `since` (inside the
 * import's final transaction): they become current placements, one INSERT … SELECT, the unit found
 * by its county and code — units the final transaction created included. On PostgreSQL this runs
 * while the slices are still being written (apply-slices.ts): each call sees the slices committed
 * before it began, and every row of a later slice has a higher id than any of an earlier one
 * (the slices are written one after another), so `lastId` marks exactly what is published.
 */
export async function publishStaged(db: Executor, importId: number, since: Published): Promise<Published> {
  const top = await db
    .selectFrom('import_placements')
    .select((eb) => eb.fn.max('id').as('hi'))
    .where('import_id', '=', importId)
    .executeTakeFirst();
  const hi = Number(top?.hi ?? 0);
  if (hi <= since.lastId) return since;
  const r = await db
    .insertInto('placements')
    .columns([
      'person_id',
      'unit_id',
      'quota_type',
      'status',
      'channel',
      'leadership_level',
      'entered_on',
      'left_on',
      'recorded_at',
      'recorded_by',
      'is_current',
    ])
    .expression((eb) =>
      eb
        .selectFrom('import_placements as s')
        .innerJoin('units as u', (j) =>
          j.onRef('u.region_code', '=', 's.region_code').onRef('u.code', '=', 's.unit_code'),
        )
        .select([
          's.person_id',
          'u.id',
          's.quota_type',
          's.status',
          's.channel',
          's.leadership_level',
          's.entered_on',
          's.left_on',
          's.recorded_at',
          's.recorded_by',
          sql<number>`1`.as('is_current'),
        ])
        .where('s.import_id', '=', importId)
        .where('s.id', '>', since.lastId)
        .where('s.id', '<=', hi)
        .orderBy('s.id'),
    )
    .executeTakeFirst();
  return { rows: since.rows + Number(r.numInsertedOrUpdatedRows ?? 0), lastId: hi };
}

/**
 * Ends an import's publication inside its final transaction (`slices`: how many slices it wrote;
 * `since`: what `publishStaged` published before): checks that every slice and every staged
 * placement is there, publishes the rest, and makes the import 'done', which makes its people
 * visible. Returns how many placements were published in all; throws if a slice or a staged
 * placement is missing or a staged placement names no unit.
 */
export async function publishImportBatch(
  db: Executor,
  importId: number,
  at: string,
  slices: number,
  since: Published,
): Promise<number> {
  const batch = await db
    .selectFrom('import_batches')
    .select('slices')
    .where('id', '=', importId)
    .executeTakeFirst();
  if (Number(batch?.slices ?? -1) !== slices) {
    throw new Error(
      `导入内部错误：写入的 ${slices} 个分片只有 ${Number(batch?.slices ?? 0)} 个已保存（数据库可能曾重启）`,
    );
  }
  const staged = await stagedPlacementCount(db, importId);
  // Each slice writes a person and its staged placement together. On PostgreSQL the staged
  // placements are unlogged (migration 0031): a server crash empties them, and this comparison
  // refuses to publish people whose placements were lost.
  const written = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('import_id', '=', importId)
    .executeTakeFirst();
  if (Number(written?.n ?? 0) !== staged) {
    throw new Error(
      `导入内部错误：分片写入的 ${Number(written?.n ?? 0)} 名人员只有 ${staged} 条暂存的编制信息`,
    );
  }
  const published = (await publishStaged(db, importId, since)).rows;
  if (published !== staged) {
    throw new Error(`导入内部错误：暂存的 ${staged} 条人员编制信息只有 ${published} 条找到了机构`);
  }
  if (!(await finishImportBatch(db, importId, 'done', at))) {
    throw new Error('导入内部错误：导入批次已不在写入状态（可能已被清理）');
  }
  return published;
}

/**
 * After an import's publication: removes every staged placement at once if no other import has
 * any (true), instead of row by row. SQLite, inside the write lock: a DELETE without WHERE drops the
 * table's pages whole (its truncate optimisation) rather than deleting 1,000,000 rows from a table
 * and its index. PostgreSQL: the table is locked first, so that the check sees every committed
 * row, then TRUNCATE — and the lock is not waited for (NOWAIT: PostgreSQL error 55P03, see
 * `isLockNotAvailable`): another import's final transaction reads the table while its slices are
 * still being written (apply-slices.ts), and a slice queued behind this lock request would keep
 * that transaction, and so this one, waiting for ever. False (nothing removed): another import's
 * slices are there; drain row by row.
 */
export async function clearStagedPlacements(db: Executor, importId: number): Promise<boolean> {
  if (isPostgres(db)) await sql`lock table import_placements in access exclusive mode nowait`.execute(db);
  const other = await db
    .selectFrom('import_placements')
    .select('id')
    .where('import_id', '<>', importId)
    .limit(1)
    .executeTakeFirst();
  if (other !== undefined) return false;
  if (isPostgres(db)) await sql`truncate import_placements`.execute(db);
  else await db.deleteFrom('import_placements').execute();
  return true;
}

/**
 * Removes at most `limit` rows of an import's slices: first its staged placements, then (an
 * import never published only) the people it wrote. Returns how many rows were removed; 0 = none left.
 */
export async function removeSliceRows(
  db: Executor,
  importId: number,
  limit: number,
  withPeople: boolean,
): Promise<{ placements: number; people: number }> {
  const placements = await db
    .deleteFrom('import_placements')
    .where('id', 'in', (eb) =>
      eb.selectFrom('import_placements').select('id').where('import_id', '=', importId).limit(limit),
    )
    .executeTakeFirst();
  const removedPlacements = Number(placements.numDeletedRows);
  if (removedPlacements > 0 || !withPeople) return { placements: removedPlacements, people: 0 };
  const people = await db
    .deleteFrom('people')
    .where('id', 'in', (eb) =>
      eb.selectFrom('people').select('id').where('import_id', '=', importId).limit(limit),
    )
    .executeTakeFirst();
  return { placements: 0, people: Number(people.numDeletedRows) };
}
