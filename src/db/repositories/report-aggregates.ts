// The 基本情况 report's aggregate cache (migration 0012): one version counter per county,
// raised in the same transaction as every write that changes what the report counts, and the
// county's summed figures per date stamped with the counter they were computed at, with every
// unit's cells (migration 0028); the log of the units each raise touched, so that a reader
// patches a stored aggregate unit by unit instead of recomputing the county; and the head-count
// changes day by day between consecutive checkpoints (migration 0034, report-windows.ts).
import zlib from 'node:zlib';
import { sql, SqliteAdapter } from 'kysely';
import { isPostgres } from './bulk.ts';
import type { Executor } from './executor.ts';

/**
 * The first bytes of unit cells stored deflated. On PostgreSQL the cells (4 MB at province size for
 * one date) went out as hex text, twice their size, after the server had undone its own compression
 * of them: a first report spent ~35 ms reading its base rows. Deflated here instead (a twelfth of
 * the size) and stored as they are (migration 0033, STORAGE EXTERNAL), they cost a few milliseconds.
 * SQLite reads its blobs in place and keeps them raw. Read as an Int32 the prefix is negative, which
 * no unit id is, so raw rows (SQLite's, and PostgreSQL's stored before) never begin with it.
 */
const DEFLATED = Buffer.from([0x42, 0x5a, 0x63, 0xff]);

/** Unit cells as stored: deflated behind DEFLATED on PostgreSQL, raw on SQLite. */
function packCells(cells: Uint8Array, deflate: boolean): Buffer {
  const raw = Buffer.from(cells.buffer, cells.byteOffset, cells.byteLength);
  return deflate ? Buffer.concat([DEFLATED, zlib.deflateRawSync(raw)]) : raw;
}

const isDeflated = (b: Buffer) =>
  b.length >= DEFLATED.length && b.subarray(0, DEFLATED.length).equals(DEFLATED);

/** The raw unit cells of a stored value (packCells undone). */
export function unpackCells(stored: Uint8Array): Uint8Array {
  const b = Buffer.from(stored.buffer, stored.byteOffset, stored.byteLength);
  if (!isDeflated(b)) return b;
  // Inflated into one buffer where the cells compress up to 16 ×, as they do (about 12 ×): zlib's
  // default 16 kB chunks were copied together again (a third of inflating 4 MB at province size).
  const packed = b.subarray(DEFLATED.length);
  return zlib.inflateRawSync(packed, { chunkSize: Math.min(1 << 24, Math.max(1 << 16, packed.length * 16)) });
}

/** Raises the counters of the counties: every cached aggregate of theirs stops being used. */
export async function markReportsChanged(
  db: Executor,
  opts: { regionCodes: readonly string[] },
): Promise<void> {
  const codes = [...new Set(opts.regionCodes)].sort();
  if (codes.length === 0) return;
  await db
    .insertInto('report_versions')
    .columns(['region_code', 'version'])
    .expression((eb) =>
      eb
        .selectFrom('regions')
        .select(['code', sql<number>`1`.as('version')])
        .where('code', 'in', codes)
        .orderBy('code'),
    )
    .onConflict((oc) => oc.column('region_code').doUpdateSet({ version: sql`report_versions.version + 1` }))
    .execute();
  // The whole county changed: no stored aggregate of it can be patched past this counter value.
  await db
    .insertInto('report_dirty_units')
    .columns(['region_code', 'version', 'unit_id'])
    .expression((eb) =>
      eb
        .selectFrom('report_versions')
        .select(['region_code', 'version', sql<number | null>`null`.as('unit_id')])
        .where('region_code', 'in', codes),
    )
    .execute();
  // The log before that mark is of no more use: a row stored before it meets the mark (the whole
  // county) whatever else it finds, a row stored after it reads nothing older. So the log holds
  // at most what was written since the county's last import.
  await db
    .deleteFrom('report_dirty_units')
    .where('region_code', 'in', codes)
    .where(({ eb, selectFrom }) =>
      eb(
        'version',
        '<',
        selectFrom('report_versions as v')
          .select('v.version')
          .whereRef('v.region_code', '=', 'report_dirty_units.region_code'),
      ),
    )
    .execute();
}

/** The same, for the counties of these units (one statement per 500 units), logging the units. */
export async function markReportsChangedForUnits(db: Executor, unitIds: readonly number[]): Promise<void> {
  const ids = [...new Set(unitIds)];
  for (let i = 0; i < ids.length; i += 500) {
    const part = ids.slice(i, i + 500);
    await db
      .insertInto('report_versions')
      .columns(['region_code', 'version'])
      .expression((eb) =>
        eb
          .selectFrom('units')
          .select(['region_code', sql<number>`1`.as('version')])
          .where('id', 'in', part)
          .groupBy('region_code')
          .orderBy('region_code'),
      )
      .onConflict((oc) => oc.column('region_code').doUpdateSet({ version: sql`report_versions.version + 1` }))
      .execute();
    await db
      .insertInto('report_dirty_units')
      .columns(['region_code', 'version', 'unit_id'])
      .expression((eb) =>
        eb
          .selectFrom('units as u')
          .innerJoin('report_versions as v', 'v.region_code', 'u.region_code')
          .select(['u.region_code', 'v.version', 'u.id'])
          .where('u.id', 'in', part),
      )
      .execute();
  }
}

/** The counters of the counties (0 for a county never written since the migration). */
export async function reportVersions(
  db: Executor,
  regionCodes: readonly string[],
): Promise<Map<string, number>> {
  const out = new Map<string, number>(regionCodes.map((c) => [c, 0]));
  if (regionCodes.length === 0) return out;
  const rows = await db
    .selectFrom('report_versions')
    .select(['region_code', 'version'])
    .where('region_code', 'in', [...regionCodes])
    .execute();
  for (const r of rows) out.set(r.region_code, Number(r.version));
  return out;
}

export interface StoredAggregate {
  regionCode: string;
  version: number;
  figures: string;
  quality: string;
}

export interface StoredCells {
  cells: Uint8Array;
  attrs: string;
}

/**
 * The cached aggregates of the counties on the dates (one statement for all of them, as the
 * history of twenty year-ends asks), whatever their version (the caller compares).
 */
export async function storedAggregates(
  db: Executor,
  regionCodes: readonly string[],
  dates: readonly string[],
): Promise<(StoredAggregate & { asOf: string })[]> {
  if (regionCodes.length === 0 || dates.length === 0) return [];
  const rows = await db
    .selectFrom('report_aggregates')
    .select(['region_code', 'as_of', 'version', 'figures', 'quality'])
    .where('region_code', 'in', [...regionCodes])
    .where('as_of', 'in', [...dates])
    .execute();
  return rows.map((r) => ({
    regionCode: r.region_code,
    asOf: r.as_of,
    version: Number(r.version),
    figures: r.figures,
    quality: r.quality,
  }));
}

function busy(e: unknown): boolean {
  const code = (e as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

/**
 * The dates of the counties with stored unit cells (the aggregates a report can patch from), with
 * the counter each was stored at. A row read later may carry a higher counter (a newer report
 * stored it again), never a lower one (storeAggregates never replaces a newer row).
 */
export async function storedCellDates(
  db: Executor,
  regionCodes: readonly string[],
  between?: { from: string; to: string },
): Promise<{ regionCode: string; asOf: string; version: number }[]> {
  if (regionCodes.length === 0) return [];
  const rows = await db
    .selectFrom('report_aggregates')
    .select(['region_code', 'as_of', 'version'])
    .where('region_code', 'in', [...regionCodes])
    .where('cells', 'is not', null)
    .$if(between !== undefined, (q) =>
      q.where('as_of', '>=', between?.from ?? '').where('as_of', '<=', between?.to ?? ''),
    )
    .execute();
  return rows.map((r) => ({ regionCode: r.region_code, asOf: r.as_of, version: Number(r.version) }));
}

/** Stored aggregates with their unit cells, one per (county, date) asked for. */
export async function storedAggregatesWithCells(
  db: Executor,
  wanted: readonly { regionCode: string; asOf: string }[],
): Promise<(StoredAggregate & StoredCells & { asOf: string })[]> {
  const out: (StoredAggregate & StoredCells & { asOf: string })[] = [];
  const byDate = new Map<string, string[]>();
  for (const w of wanted) byDate.set(w.asOf, [...(byDate.get(w.asOf) ?? []), w.regionCode]);
  for (const [asOf, codes] of byDate) {
    const rows = await db
      .selectFrom('report_aggregates')
      .select(['region_code', 'version', 'figures', 'quality', 'cells', 'cell_attrs'])
      .where('region_code', 'in', codes)
      .where('as_of', '=', asOf)
      .where('cells', 'is not', null)
      .execute();
    for (const r of rows) {
      if (r.cells === null || r.cell_attrs === null) continue;
      out.push({
        regionCode: r.region_code,
        asOf,
        version: Number(r.version),
        figures: r.figures,
        quality: r.quality,
        cells: unpackCells(r.cells),
        attrs: r.cell_attrs,
      });
    }
  }
  return out;
}

/** One entry of the dirty-unit log: a county's counter value and the unit it touched (null: all). */
export interface DirtyMark {
  regionCode: string;
  version: number;
  unitId: number | null;
}

/** The dirty-unit log of the counties after the given counter values. */
export async function dirtyMarksSince(
  db: Executor,
  since: ReadonlyMap<string, number>,
): Promise<DirtyMark[]> {
  if (since.size === 0) return [];
  const floor = Math.min(...since.values());
  const rows = await db
    .selectFrom('report_dirty_units')
    .select(['region_code', 'version', 'unit_id'])
    .where('region_code', 'in', [...since.keys()])
    .where('version', '>', floor)
    .execute();
  return rows
    .map((r) => ({ regionCode: r.region_code, version: Number(r.version), unitId: r.unit_id }))
    .filter((r) => r.version > (since.get(r.regionCode) ?? 0));
}

/**
 * Of the log's entries, the units touched in each county after its counter value in `since`; null
 * for a county changed as a whole (an import) in that span.
 */
export function dirtyAfter(
  marks: readonly DirtyMark[],
  since: ReadonlyMap<string, number>,
): Map<string, Set<number> | null> {
  const out = new Map<string, Set<number> | null>([...since.keys()].map((c) => [c, new Set<number>()]));
  for (const m of marks) {
    const after = since.get(m.regionCode);
    if (after === undefined || m.version <= after) continue;
    const set = out.get(m.regionCode);
    if (set === null || set === undefined) continue;
    if (m.unitId === null) out.set(m.regionCode, null);
    else set.add(m.unitId);
  }
  return out;
}

/** A county's stored day-by-day changes of a window (lo, hi] (report-windows.ts), without them. */
export interface StoredWindow {
  regionCode: string;
  lo: string;
  hi: string;
  version: number;
}

/** The windows (lo, hi] stored for the counties, whatever their counter (the caller compares). */
export async function storedWindows(
  db: Executor,
  regionCodes: readonly string[],
  span: { lo: string; hi: string },
): Promise<StoredWindow[]> {
  if (regionCodes.length === 0) return [];
  const rows = await db
    .selectFrom('report_window_deltas')
    .select(['region_code', 'lo', 'hi', 'version'])
    .where('region_code', 'in', [...regionCodes])
    .where('lo', '=', span.lo)
    .where('hi', '=', span.hi)
    .execute();
  return rows.map((r) => ({ regionCode: r.region_code, lo: r.lo, hi: r.hi, version: Number(r.version) }));
}

/** The windows of the counties whose span holds `date`, with their changes, whatever their counter. */
export async function storedWindowsHolding(
  db: Executor,
  regionCodes: readonly string[],
  date: string,
): Promise<(StoredWindow & { deltas: string })[]> {
  if (regionCodes.length === 0) return [];
  const rows = await db
    .selectFrom('report_window_deltas')
    .select(['region_code', 'lo', 'hi', 'version', 'deltas'])
    .where('region_code', 'in', [...regionCodes])
    .where('lo', '<=', date)
    .where('hi', '>=', date)
    .execute();
  return rows.map((r) => ({
    regionCode: r.region_code,
    lo: r.lo,
    hi: r.hi,
    version: Number(r.version),
    deltas: r.deltas,
  }));
}

/** Stores windows' changes, each replacing an older one of its county and span (never a newer one). */
export async function storeWindowDeltas(
  db: Executor,
  rows: readonly (StoredWindow & { deltas: string; at: string })[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('report_window_deltas')
      .values(
        rows.slice(i, i + 500).map((r) => ({
          region_code: r.regionCode,
          lo: r.lo,
          hi: r.hi,
          version: r.version,
          deltas: r.deltas,
          computed_at: r.at,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['region_code', 'lo', 'hi'])
          .doUpdateSet((eb) => ({
            version: eb.ref('excluded.version'),
            deltas: eb.ref('excluded.deltas'),
            computed_at: eb.ref('excluded.computed_at'),
          }))
          .where(({ eb, ref }) => eb('report_window_deltas.version', '<=', ref('excluded.version'))),
      )
      .execute();
}

/**
 * The dated columns whose rows change a unit's report cells in ways other than head-counts when
 * they fall between two dates (placements entering or leaving are counted instead:
 * staffDeltasBetween in reports.ts).
 */
const DATED_COLUMNS: readonly (readonly [string, string])[] = [
  ['unit_versions', 'valid_from'],
  ['unit_versions', 'founded_on'],
  ['unit_versions', 'abolished_on'],
  ['quotas', 'effective_from'],
  ['leadership_posts', 'effective_from'],
];

/**
 * Units of the counties whose version, quota or leadership post rows differ between two dates:
 * a row taking effect (or a unit founded or abolished) in (lo, hi].
 */
export async function unitsChangedBetween(
  db: Executor,
  regionCodes: readonly string[],
  lo: string,
  hi: string,
): Promise<Map<string, Set<number>>> {
  const out = new Map<string, Set<number>>(regionCodes.map((c) => [c, new Set<number>()]));
  if (regionCodes.length === 0) return out;
  // One statement: the dated rows' units (a union, each through its date index), each unit's
  // county then looked up by key. Joined to units instead, PostgreSQL hashed all 50,021 units of
  // the province set for each of the five tables once a few hundred rows took effect in the
  // window (7.6 ms each, 15–20 ms of a first report); `offset 0` keeps it from flattening the lookup.
  const dated = DATED_COLUMNS.map(
    ([table, column]) =>
      sql`select unit_id from ${sql.table(table)} where ${sql.ref(column)} > ${lo} and ${sql.ref(column)} <= ${hi}`,
  );
  const rows = await sql<{ id: number; region_code: string }>`
    select d.id, d.region_code from (
      select c.unit_id as id, (select u.region_code from units as u where u.id = c.unit_id) as region_code
      from (${sql.join(dated, sql` union `)}) as c
      ${isPostgres(db) ? sql`offset 0` : sql``}
    ) as d
    where d.region_code in (${sql.join([...regionCodes])})`.execute(db);
  for (const r of rows.rows) out.get(r.region_code)?.add(Number(r.id));
  return out;
}

/**
 * unitsChangedBetween day by day: per county, the units with a dated row on each day of (lo, hi]
 * (stored with the checkpoints' windows, report-windows.ts).
 */
export async function unitChangesByDay(
  db: Executor,
  regionCodes: readonly string[],
  lo: string,
  hi: string,
): Promise<{ regionCode: string; unitId: number; day: string }[]> {
  if (regionCodes.length === 0 || lo >= hi) return [];
  const dated = DATED_COLUMNS.map(
    ([table, column]) =>
      sql`select unit_id, ${sql.ref(column)} as day from ${sql.table(table)} where ${sql.ref(column)} > ${lo} and ${sql.ref(column)} <= ${hi}`,
  );
  const rows = await sql<{ unit_id: number; day: string; region_code: string }>`
    select c.unit_id, c.day, u.region_code
    from (${sql.join(dated, sql` union `)}) as c inner join units as u on u.id = c.unit_id
    where u.region_code in (${sql.join([...regionCodes])})`.execute(db);
  return rows.rows.map((r) => ({ regionCode: r.region_code, unitId: Number(r.unit_id), day: r.day }));
}

/**
 * Stores counties' aggregates on a date (each replacing an older one of its county and date), in
 * one statement (per 500 counties): one commit, where a statement per county cost a commit each
 * (on PostgreSQL a WAL flush each, up to half of a first report's time). Never waits: on SQLite, while another connection
 * holds the write lock (an import applying its rows), the rows are simply not stored this time and
 * the report, already computed, is returned anyway. Returns whether stored.
 */
export async function storeAggregates(
  db: Executor,
  rows: readonly (StoredAggregate & { asOf: string; at: string } & Partial<StoredCells>)[],
): Promise<boolean> {
  if (rows.length === 0) return true;
  const deflate = !(db.getExecutor().adapter instanceof SqliteAdapter);
  const values = rows.map((row) => ({
    region_code: row.regionCode,
    as_of: row.asOf,
    version: row.version,
    figures: row.figures,
    quality: row.quality,
    computed_at: row.at,
    cells: row.cells ? packCells(row.cells, deflate) : null,
    cell_attrs: row.attrs ?? null,
  }));
  // Bound parameters: 8 per row, 500 rows a statement (far below SQLite's and PostgreSQL's limits).
  const write = async (x: Executor) => {
    for (let i = 0; i < values.length; i += 500) await upsert(x, values.slice(i, i + 500));
  };
  const upsert = (x: Executor, part: typeof values) =>
    x
      .insertInto('report_aggregates')
      .values(part)
      .onConflict((oc) =>
        oc
          .columns(['region_code', 'as_of'])
          .doUpdateSet((eb) => ({
            version: eb.ref('excluded.version'),
            figures: eb.ref('excluded.figures'),
            quality: eb.ref('excluded.quality'),
            computed_at: eb.ref('excluded.computed_at'),
            cells: eb.ref('excluded.cells'),
            cell_attrs: eb.ref('excluded.cell_attrs'),
          }))
          .where(({ eb, ref }) => eb('report_aggregates.version', '<=', ref('excluded.version'))),
      )
      .execute();
  if (!(db.getExecutor().adapter instanceof SqliteAdapter)) {
    await write(db);
    return true;
  }
  return db.connection().execute(async (c) => {
    const before = await sql<{ timeout: number }>`pragma busy_timeout`.execute(c);
    const timeout = Number(before.rows[0]?.timeout ?? 0);
    await sql`pragma busy_timeout = 0`.execute(c);
    try {
      await write(c);
      return true;
    } catch (e) {
      if (busy(e)) return false;
      throw e;
    } finally {
      await sql.raw(`pragma busy_timeout = ${Math.trunc(timeout)}`).execute(c);
    }
  });
}
