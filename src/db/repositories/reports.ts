// All SQL of the reports: per-unit aggregates as of a date, computed in the database so that
// no report ever loads every person into memory.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Database } from '../database.ts';
import type { Executor } from './executor.ts';
import { isPostgres } from './bulk.ts';
import { isCurrentPlacement } from './people.ts';

export interface ReportUnit {
  id: number;
  regionCode: string;
  code: string;
  name: string;
  parentUnitId: number | null;
  category: string;
  rank: string | null;
  affiliation: string | null;
  countsTowardDirectLimit: boolean;
  funding: string | null;
  type: string | null;
  sector: string | null;
}

/**
 * Units of the regions (only `unitIds` if given), as a sub-query: lets the planners walk
 * placements unit by unit.
 */
function unitsOfRegions(db: Executor, regionCodes: string[], unitIds?: readonly number[]) {
  // Given units (all of the regions) are bound as a list: the planner then looks each one up.
  if (unitIds) return [...unitIds];
  return db.selectFrom('units').select('id').where('region_code', 'in', regionCodes);
}

/**
 * Of rows sorted by key and then by (date, id), the last of each key: the row in force.
 * Picking in one ordered pass is cheaper than a correlated NOT EXISTS per row.
 */
function lastPerKey<T>(rows: readonly T[], keyOf: (r: T) => string): T[] {
  const out: T[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    const next = rows[i + 1];
    if (row !== undefined && (next === undefined || keyOf(next) !== keyOf(row))) out.push(row);
  }
  return out;
}

/**
 * Units existing on `date`, with the attributes of their version in force: the latest
 * version starting on or before the date. A unit with no such version was not founded yet.
 */
export async function unitsOn(
  db: Executor,
  regionCodes: string[],
  date: string,
  unitIds?: readonly number[],
): Promise<ReportUnit[]> {
  if (regionCodes.length === 0 || unitIds?.length === 0) return [];
  const rows = await db
    .selectFrom('unit_versions as v')
    .innerJoin('units as u', 'u.id', 'v.unit_id')
    .select([
      'v.unit_id',
      'u.region_code',
      'u.code',
      'v.name',
      'v.parent_unit_id',
      'v.category',
      'v.rank',
      'v.affiliation',
      'v.counts_toward_direct_limit',
      'v.funding',
      'v.type',
      'v.sector',
      'v.founded_on',
      'v.abolished_on',
    ])
    .where('u.region_code', 'in', regionCodes)
    .$if(unitIds !== undefined, (q) => q.where('u.id', 'in', [...(unitIds ?? [])]))
    .where('v.retracted_at', 'is', null)
    .where('v.valid_from', '<=', date)
    .orderBy('v.unit_id')
    .orderBy('v.valid_from')
    .orderBy('v.id')
    .execute();
  return lastPerKey(rows, (r) => String(r.unit_id))
    .filter(
      (r) =>
        (r.founded_on === null || r.founded_on <= date) && (r.abolished_on === null || r.abolished_on > date),
    )
    .map((r) => ({
      id: r.unit_id,
      regionCode: r.region_code,
      code: r.code,
      name: r.name,
      parentUnitId: r.parent_unit_id,
      category: r.category,
      rank: r.rank,
      affiliation: r.affiliation,
      countsTowardDirectLimit: r.counts_toward_direct_limit === 1,
      funding: r.funding,
      type: r.type,
      sector: r.sector,
    }));
}

/** 核定 per unit, quota type and source: the rows in force on `date`. */
export async function quotasOn(
  db: Executor,
  regionCodes: string[],
  date: string,
  unitIds?: readonly number[],
): Promise<{ unitId: number; quotaType: string; source: string; approved: number }[]> {
  if (regionCodes.length === 0 || unitIds?.length === 0) return [];
  const rows = await db
    .selectFrom('quotas as q')
    .select(['q.unit_id', 'q.quota_type', 'q.source', 'q.approved'])
    .where('q.unit_id', 'in', unitsOfRegions(db, regionCodes, unitIds))
    .where('q.retracted_at', 'is', null)
    .where('q.effective_from', '<=', date)
    .orderBy('q.unit_id')
    .orderBy('q.quota_type')
    .orderBy('q.source')
    .orderBy('q.effective_from')
    .orderBy('q.id')
    .execute();
  return lastPerKey(rows, (r) => `${r.unit_id}|${r.quota_type}|${r.source}`).map((r) => ({
    unitId: r.unit_id,
    quotaType: r.quota_type,
    source: r.source,
    approved: r.approved,
  }));
}

/** 领导职数 per unit and level: the rows in force on `date`. */
export async function postsOn(
  db: Executor,
  regionCodes: string[],
  date: string,
  unitIds?: readonly number[],
): Promise<{ unitId: number; level: string; approved: number }[]> {
  if (regionCodes.length === 0 || unitIds?.length === 0) return [];
  const rows = await db
    .selectFrom('leadership_posts as p')
    .select(['p.unit_id', 'p.level', 'p.approved'])
    .where('p.unit_id', 'in', unitsOfRegions(db, regionCodes, unitIds))
    .where('p.retracted_at', 'is', null)
    .where('p.effective_from', '<=', date)
    .orderBy('p.unit_id')
    .orderBy('p.level')
    .orderBy('p.effective_from')
    .orderBy('p.id')
    .execute();
  return lastPerKey(rows, (r) => `${r.unit_id}|${r.level}`).map((r) => ({
    unitId: r.unit_id,
    level: r.level,
    approved: r.approved,
  }));
}

export interface StaffCell {
  unitId: number;
  quotaType: string;
  /** 实有 on the date. */
  actual: number;
  pending: number;
  /** 待入编 through an examination (考录 or 招聘). */
  examPending: number;
  /** 实有 holding a 正科 / 副科 leadership post. */
  leadersDivision: number;
  leadersDeputy: number;
}

type PlacementExpressions = ExpressionBuilder<Database & { p: Database['placements'] }, 'p'>;

/** SQL condition: placement `p` counts as 实有 on `date` (on the establishment, entered, not left). */
/** The statuses of a placement counted in 实有 while its dates hold. */
const ON_ESTABLISHMENT = ['在编', '已出编'];

function onEstablishmentOn(eb: PlacementExpressions, date: string) {
  return eb.and([
    eb('p.status', 'in', ON_ESTABLISHMENT),
    eb('p.entered_on', '<=', date),
    eb.or([eb('p.left_on', 'is', null), eb('p.left_on', '>', date)]),
  ]);
}

/** Per unit and quota type: 实有, 待入编, 招考待入编 and leaders on `date`, counted in SQL. */
export async function staffOn(
  db: Executor,
  regionCodes: string[],
  date: string,
  unitIds?: readonly number[],
): Promise<StaffCell[]> {
  if (regionCodes.length === 0 || unitIds?.length === 0) return [];
  const rows = await db
    .selectFrom('placements as p')
    .select((eb) => {
      const onEstablishment = onEstablishmentOn(eb, date);
      const count = (cond: ReturnType<typeof eb.and>) =>
        eb.fn.sum<number>(eb.case().when(cond).then(1).else(0).end());
      return [
        'p.unit_id',
        'p.quota_type',
        count(onEstablishment).as('actual'),
        count(eb.and([eb('p.status', '=', '待入编')])).as('pending'),
        count(eb.and([eb('p.status', '=', '待入编'), eb('p.channel', 'in', ['考录', '招聘'])])).as(
          'exam_pending',
        ),
        count(eb.and([onEstablishment, eb('p.leadership_level', '=', '正科')])).as('leaders_division'),
        count(eb.and([onEstablishment, eb('p.leadership_level', '=', '副科')])).as('leaders_deputy'),
      ];
    })
    .where('p.unit_id', 'in', unitsOfRegions(db, regionCodes, unitIds))
    .where(isCurrentPlacement)
    .groupBy(['p.unit_id', 'p.quota_type'])
    .execute();
  return rows.map((r) => ({
    unitId: r.unit_id,
    quotaType: r.quota_type,
    actual: Number(r.actual),
    pending: Number(r.pending),
    examPending: Number(r.exam_pending),
    leadersDivision: Number(r.leaders_division),
    leadersDeputy: Number(r.leaders_deputy),
  }));
}

/** How one unit's 实有 and leaders of one quota type on one date differ from another date's. */
export interface StaffDelta {
  unitId: number;
  regionCode: string;
  quotaType: string;
  actual: number;
  leadersDivision: number;
  leadersDeputy: number;
}

/**
 * Per unit and quota type of the counties: 实有 and the 正科/副科 leaders on `to` minus those on
 * `from` (staffOn's definitions), counted over the current placements entering or leaving between
 * the two dates — the only ones that can count on one date and not the other. 待入编 and
 * 招考待入编 do not depend on the date and never differ. Every unit with such a placement is
 * listed, even when its changes cancel out. The two date indexes of migration 0028 find the rows.
 */
export async function staffDeltasBetween(
  db: Executor,
  regionCodes: readonly string[],
  from: string,
  to: string,
): Promise<StaffDelta[]> {
  if (regionCodes.length === 0 || from === to) return [];
  const [lo, hi] = from < to ? [from, to] : [to, from];
  // The window's placements counted per unit first, then each unit's county looked up by its key
  // (a subquery per unit, kept out of the join): joined to units, PostgreSQL hashed every unit of
  // the scope — 50,000 at province size, 20 ms, most of the query — to match a few thousand rows.
  // The window's rows are found through the date indexes either way; the counties filter the units.
  const deltas = db
    .selectFrom('placements as p')
    .select((eb) => {
      const on = (date: string) => onEstablishmentOn(eb, date);
      const count = (cond: Expression<SqlBool>) =>
        eb.fn.sum<number>(eb.case().when(cond).then(1).else(0).end());
      const leading = (date: string, level: string) =>
        eb.and([on(date), eb('p.leadership_level', '=', level)]);
      return [
        'p.unit_id',
        'p.quota_type',
        count(on(to)).as('actual_to'),
        count(on(from)).as('actual_from'),
        count(leading(to, '正科')).as('division_to'),
        count(leading(from, '正科')).as('division_from'),
        count(leading(to, '副科')).as('deputy_to'),
        count(leading(from, '副科')).as('deputy_from'),
      ];
    })
    .where(isCurrentPlacement)
    .where((eb) =>
      eb.or([
        eb.and([eb('p.entered_on', '>', lo), eb('p.entered_on', '<=', hi)]),
        eb.and([eb('p.left_on', '>', lo), eb('p.left_on', '<=', hi)]),
      ]),
    )
    .groupBy(['p.unit_id', 'p.quota_type'])
    .as('d');
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom(deltas)
        .selectAll('d')
        .select((e) =>
          e
            .selectFrom('units as u')
            .select('u.region_code')
            .whereRef('u.id', '=', 'd.unit_id')
            .as('region_code'),
        )
        // PostgreSQL: not pulled up into the outer query, which would look each unit up twice.
        .$if(isPostgres(db), (q) => q.offset(0))
        .as('r'),
    )
    .selectAll('r')
    .where('r.region_code', 'in', [...regionCodes])
    .execute();
  return rows.map((r) => ({
    unitId: r.unit_id,
    regionCode: r.region_code ?? '',
    quotaType: r.quota_type,
    actual: Number(r.actual_to) - Number(r.actual_from),
    leadersDivision: Number(r.division_to) - Number(r.division_from),
    leadersDeputy: Number(r.deputy_to) - Number(r.deputy_from),
  }));
}

/** One day's counted change of one unit's head-counts of one quota type (report-windows.ts). */
export interface DayDelta {
  unitId: number;
  quotaType: string;
  day: string;
  actual: number;
  leadersDivision: number;
  leadersDeputy: number;
}

/**
 * The head-count changes of the counties' units day by day in the window (lo, hi]
 * (report-windows.ts): per county, unit, quota type and day, +1 for each current placement on the
 * establishment entering that day and −1 for each leaving that day, where it entered before it
 * left (a placement is counted on d when entered_on ≤ d < left_on, as onEstablishmentOn), and the
 * same for the 正科 and 副科 leaders among them. Summed over the days of (a, b], the change of
 * staffDeltasBetween(a, b). Built with the checkpoints, not on a report's path.
 */
export async function staffDeltasByDay(
  db: Executor,
  regionCodes: readonly string[],
  lo: string,
  hi: string,
): Promise<(DayDelta & { regionCode: string })[]> {
  if (regionCodes.length === 0 || lo >= hi) return [];
  const codes = sql.join([...regionCodes]);
  const events = (column: 'entered_on' | 'left_on', sign: 1 | -1) => sql`
    select u.region_code, p.unit_id, p.quota_type, p.${sql.ref(column)} as day, ${sql.lit(sign)} as sign,
      p.leadership_level
    from placements as p inner join units as u on u.id = p.unit_id
    where p.is_current = 1 and p.status in (${sql.join(ON_ESTABLISHMENT)}) and u.region_code in (${codes})
      and p.${sql.ref(column)} > ${lo} and p.${sql.ref(column)} <= ${hi}
      and (p.left_on is null or p.entered_on < p.left_on)`;
  const rows = await sql<{
    region_code: string;
    unit_id: number;
    quota_type: string;
    day: string;
    actual: number | string;
    division: number | string;
    deputy: number | string;
  }>`
    select e.region_code, e.unit_id, e.quota_type, e.day, sum(e.sign) as actual,
      sum(case when e.leadership_level = '正科' then e.sign else 0 end) as division,
      sum(case when e.leadership_level = '副科' then e.sign else 0 end) as deputy
    from (${events('entered_on', 1)} union all ${events('left_on', -1)}) as e
    group by e.region_code, e.unit_id, e.quota_type, e.day`.execute(db);
  return rows.rows.map((r) => ({
    regionCode: r.region_code,
    unitId: Number(r.unit_id),
    quotaType: r.quota_type,
    day: r.day,
    actual: Number(r.actual),
    leadersDivision: Number(r.division),
    leadersDeputy: Number(r.deputy),
  }));
}

/** The first year with a recorded quota row, for the history chart. */
export async function earliestRecordYear(db: Executor, regionCodes: string[]): Promise<number | null> {
  if (regionCodes.length === 0) return null;
  const r = await db
    .selectFrom('quotas as q')
    .innerJoin('units as u', 'u.id', 'q.unit_id')
    .select((eb) => eb.fn.min('q.effective_from').as('first'))
    .where('u.region_code', 'in', regionCodes)
    .where('q.retracted_at', 'is', null)
    .executeTakeFirst();
  const first = r?.first;
  return typeof first === 'string' ? Number(first.slice(0, 4)) : null;
}
