// The standards' inputs entered by hand (the forms of 学生数与人口): student numbers per school
// and kindergarten and year, population per county, township and health centre and year. The
// same writes as the 学生数 and 人口 import sheets: a correction retracts the current row and
// inserts the new one, with an audit event; the office of the county only.
import { STANDARD_UNIT_TYPES } from '../../common/standards.ts';
import type {
  PopulationInputRow,
  PopulationInputsResponse,
  StudentInputRow,
  StudentInputsResponse,
  StudentUnitKind,
} from '../../common/wire-timeliness.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { populationOfYear, studentsOfYear } from '../../db/repositories/inputs.ts';
import * as regions from '../../db/repositories/regions.ts';
import * as students from '../../db/repositories/students.ts';
import { latestVersions, unitRegion, type UnitRecord } from '../../db/repositories/units.ts';
import { invalid, notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';

const MIN_YEAR = 1990;

function checkYear(year: number): void {
  const thisYear = new Date().getUTCFullYear() + 1;
  if (!Number.isInteger(year) || year < MIN_YEAR || year > thisYear)
    throw invalid(`年份应为 ${MIN_YEAR}—${thisYear} 年之间的整数`);
}

function checkCount(label: string, n: number | null): void {
  if (n !== null && (!Number.isInteger(n) || n < 0 || n > 100_000_000)) throw invalid(`${label}应为非负整数`);
}

async function unitCodeOf(db: Executor, unitId: number): Promise<string> {
  const u = await unitRegion(db, unitId);
  if (!u) throw notFound('机构');
  return u.code;
}

const actorOf = (p: Principal) => ({ id: p.userId, name: p.username });

export async function setStudentCounts(
  ctx: AppContext,
  opts: {
    principal: Principal;
    unitId: number;
    year: number;
    senior: number | null;
    junior: number | null;
    primary: number | null;
    preschool: number | null;
  },
): Promise<{ changed: boolean }> {
  const p = opts.principal;
  await authorize(ctx.db.kysely, p, 'inputs.write', { units: [opts.unitId] });
  checkYear(opts.year);
  checkCount('高中学生数', opts.senior);
  checkCount('初中学生数', opts.junior);
  checkCount('小学学生数', opts.primary);
  checkCount('在园幼儿数', opts.preschool);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const unit = await unitRegion(trx, opts.unitId);
    if (!unit) throw notFound('机构');
    const next = {
      unitId: opts.unitId,
      year: opts.year,
      senior: opts.senior,
      junior: opts.junior,
      primary: opts.primary,
      preschool: opts.preschool,
    };
    const current = await students.findStudents(trx, opts.unitId, opts.year);
    if (
      current &&
      current.senior === next.senior &&
      current.junior === next.junior &&
      current.primary === next.primary &&
      current.preschool === next.preschool
    )
      return { changed: false };
    const at = nowIso();
    if (current) await students.retractStudents(trx, current.id, at);
    await students.insertStudents(trx, { ...next, at });
    await ctx.audit.record(trx, actorOf(p), {
      action: 'students.set',
      entityType: 'students',
      entityId: opts.unitId,
      regionCode: unit.regionCode,
      summary: `${opts.year}年学生数 ${unit.code}`,
      payload: { before: current ? { ...current } : null, after: { ...next } },
    });
    return { changed: true };
  });
}

export async function setPopulation(
  ctx: AppContext,
  opts: {
    principal: Principal;
    regionCode: string;
    unitId: number | null;
    year: number;
    population: number;
  },
): Promise<{ changed: boolean }> {
  const p = opts.principal;
  await authorize(ctx.db.kysely, p, 'inputs.write', {
    region: opts.regionCode,
    units: opts.unitId === null ? [] : [opts.unitId],
    wholeRegion: opts.unitId === null,
  });
  checkYear(opts.year);
  checkCount('人口', opts.population);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await regions.findRegion(trx, opts.regionCode))) throw notFound(`行政区划 ${opts.regionCode} `);
    const unitCode = opts.unitId === null ? null : await unitCodeOf(trx, opts.unitId);
    const key = { regionCode: opts.regionCode, unitId: opts.unitId, year: opts.year };
    const current = await regions.findPopulation(trx, key);
    if (current && current.population === opts.population) return { changed: false };
    const at = nowIso();
    if (current) await regions.retractPopulation(trx, current.id, at);
    const id = await regions.insertPopulation(trx, { ...key, population: opts.population, at });
    await ctx.audit.record(trx, actorOf(p), {
      action: 'population.set',
      entityType: 'population',
      entityId: id,
      regionCode: opts.regionCode,
      summary: `${opts.year}年人口 ${unitCode ?? opts.regionCode}：${opts.population}`,
      payload: {
        before: current ? { unitCode, year: opts.year, population: current.population } : null,
        after: { unitCode, year: opts.year, population: opts.population },
      },
    });
    return { changed: true };
  });
}

/** Units in existence at some time during the year, by their latest recorded state. */
function existedIn(u: UnitRecord, year: number): boolean {
  if (u.foundedOn !== null && u.foundedOn > `${year}-12-31`) return false;
  if (u.abolishedOn !== null && u.abolishedOn < `${year}-01-01`) return false;
  return true;
}

const isType = (u: UnitRecord, types: readonly string[]) =>
  u.category === '事业单位' && u.type !== null && types.includes(u.type);

function studentKindOf(u: UnitRecord): StudentUnitKind | null {
  if (isType(u, STANDARD_UNIT_TYPES.school)) return 'school';
  if (isType(u, STANDARD_UNIT_TYPES.kindergarten)) return 'kindergarten';
  return null;
}

/** The form of 学生数: every school and kindergarten of the county with its figures of the year. */
export async function studentInputs(
  db: Executor,
  opts: { regionCode: string; year: number },
): Promise<StudentInputsResponse> {
  checkYear(opts.year);
  const [units, figures] = await Promise.all([
    latestVersions(db, [opts.regionCode]),
    studentsOfYear(db, opts.regionCode, opts.year),
  ]);
  const rows: StudentInputRow[] = [];
  for (const u of units) {
    const kind = studentKindOf(u);
    const f = figures.get(u.id);
    // A unit with figures stays on the form even if it is no longer a school.
    if (kind === null && !f) continue;
    if (!f && !existedIn(u, opts.year)) continue;
    rows.push({
      unitId: u.id,
      unitCode: u.code,
      unitName: u.name,
      kind: kind ?? (f && f.preschool !== null ? 'kindergarten' : 'school'),
      senior: f?.senior ?? null,
      junior: f?.junior ?? null,
      primary: f?.primary ?? null,
      preschool: f?.preschool ?? null,
      recordedAt: f?.recordedAt ?? null,
    });
  }
  rows.sort((a, b) =>
    a.kind === b.kind ? a.unitCode.localeCompare(b.unitCode) : a.kind === 'school' ? -1 : 1,
  );
  return { regionCode: opts.regionCode, year: opts.year, rows };
}

/** The form of 人口: the county, its townships (常住人口) and health centres (服务人口). */
export async function populationInputs(
  db: Executor,
  opts: { regionCode: string; year: number },
): Promise<PopulationInputsResponse> {
  checkYear(opts.year);
  const region = await regions.findRegion(db, opts.regionCode);
  if (!region) throw notFound(`行政区划 ${opts.regionCode} `);
  const [units, figures] = await Promise.all([
    latestVersions(db, [opts.regionCode]),
    populationOfYear(db, opts.regionCode, opts.year),
  ]);
  const county = figures.get('region');
  const rows: PopulationInputRow[] = [
    {
      unitId: null,
      unitCode: null,
      name: region.name,
      kind: 'county',
      population: county?.population ?? null,
      recordedAt: county?.recordedAt ?? null,
    },
  ];
  const townships: PopulationInputRow[] = [];
  const centres: PopulationInputRow[] = [];
  for (const u of units) {
    const f = figures.get(u.id);
    const kind =
      u.category === '乡镇'
        ? 'township'
        : isType(u, STANDARD_UNIT_TYPES.healthCentre)
          ? 'healthCentre'
          : null;
    if (kind === null && !f) continue;
    if (!f && !existedIn(u, opts.year)) continue;
    const row: PopulationInputRow = {
      unitId: u.id,
      unitCode: u.code,
      name: u.name,
      kind: kind ?? 'township',
      population: f?.population ?? null,
      recordedAt: f?.recordedAt ?? null,
    };
    (row.kind === 'healthCentre' ? centres : townships).push(row);
  }
  return { regionCode: opts.regionCode, year: opts.year, rows: [...rows, ...townships, ...centres] };
}
