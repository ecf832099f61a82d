// Measures a county's schools, kindergartens and health centres against the staffing standards
// in force for a year (domain.md §8): per unit the requirement, 核定, 实有, gap and surplus,
// with the rows behind them; per kind the totals and the county's 缺配; and the sentences of
// section 三 of the seed. With overrides it is the what-if: it only reads, and writes nothing.
import {
  DEFAULT_STANDARDS,
  STANDARD_KEYS,
  STANDARD_LABELS,
  STANDARD_UNIT_TYPES,
  StandardInput,
  wholeRegion,
  type AppliedStandard,
  type KindResult,
  type Standard,
  type StandardKey,
  type StandardsResult,
  type StandardsWhatIf,
  type StoredStandard,
  type UnitInputs,
  type UnitStandardRow,
} from '../../common/standards.ts';
import { todayInChina } from '../../context.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { findRegion } from '../../db/repositories/regions.ts';
import { quotasOn, staffOn, unitsOn, type ReportUnit } from '../../db/repositories/reports.ts';
import {
  latestStudentYear,
  listStandardVersions,
  studentsUpTo,
  unitPopulationUpTo,
  type StandardRecord,
  type StudentRow,
  type UnitPopulationRow,
} from '../../db/repositories/standards.ts';
import { invalid, notFound } from '../../errors.ts';
import {
  applyOverrides,
  kindTotals,
  latestValid,
  overridesKind,
  requirementOf,
  unitBalance,
} from './rules.ts';

const FIRST_YEAR = 1990;

/** A stored version, checked against the schema it was saved with. */
export function parseStoredStandard(r: StandardRecord): StoredStandard {
  let rule: unknown;
  try {
    rule = JSON.parse(r.rule);
  } catch {
    throw new Error(`编制标准 ${r.id} 的规则不是有效的 JSON`);
  }
  const parsed = StandardInput.safeParse({
    key: r.key,
    name: r.name,
    sourceDocument: r.sourceDocument,
    validFrom: r.validFrom,
    validTo: r.validTo,
    rounding: r.rounding,
    rule,
  });
  if (!parsed.success) throw new Error(`编制标准 ${r.id} 的内容无效：${parsed.error.message}`);
  return {
    ...parsed.data,
    version: r.version,
    id: r.id,
    regionCode: r.regionCode,
    recordedAt: r.recordedAt,
    recordedBy: r.recordedBy,
  };
}

/** The shipped national defaults and every version the region has saved, oldest first. */
export async function standardVersions(
  db: Executor,
  regionCode: string,
): Promise<{ defaults: readonly Standard[]; region: StoredStandard[] }> {
  const region = (await listStandardVersions(db, regionCode)).map(parseStoredStandard);
  return { defaults: DEFAULT_STANDARDS, region };
}

/** Per kind, the standard in force on the date: the region's latest valid version, else the default. */
export async function standardsInForce(
  db: Executor,
  regionCode: string,
  date: string,
): Promise<Record<StandardKey, AppliedStandard | null>> {
  const { region } = await standardVersions(db, regionCode);
  const out = {} as Record<StandardKey, AppliedStandard | null>;
  for (const key of STANDARD_KEYS) {
    const own = latestValid(
      region.filter((s) => s.key === key),
      date,
    );
    if (own) {
      const { id, regionCode: _r, recordedAt: _a, recordedBy: _b, ...standard } = own;
      out[key] = { standard, origin: 'region', id, overridden: false };
      continue;
    }
    const d = latestValid(
      DEFAULT_STANDARDS.filter((s) => s.key === key),
      date,
    );
    out[key] = d ? { standard: d, origin: 'default', id: null, overridden: false } : null;
  }
  return out;
}

export interface ComputeStandardsOptions {
  regionCode: string;
  year: number;
  /** The what-if: changed ratios and inputs, applied to this computation only. */
  overrides?: StandardsWhatIf;
  /** Today's date (for tests); the date in China when left out. */
  today?: string;
}

function kindOf(unit: ReportUnit): StandardKey | null {
  if (unit.category !== '事业单位' || unit.type === null) return null;
  for (const key of STANDARD_KEYS)
    if ((STANDARD_UNIT_TYPES[key] as readonly string[]).includes(unit.type)) return key;
  return null;
}

const label = (u: ReportUnit) => `${u.name}（${u.code}）`;

function inputsOf(
  kind: StandardKey,
  unit: ReportUnit,
  year: number,
  students: StudentRow | undefined,
  population: UnitPopulationRow | undefined,
  overrides: StandardsWhatIf | undefined,
  notes: string[],
): UnitInputs {
  const inputs: UnitInputs = {
    year: null,
    senior: null,
    junior: null,
    primary: null,
    children: null,
    servicePopulation: null,
    sourceRowId: null,
    overridden: false,
  };
  if (kind === 'healthCentre') {
    const changed = overrides?.population?.[unit.code];
    if (population) {
      inputs.year = population.year;
      inputs.servicePopulation = population.population;
      inputs.sourceRowId = population.id;
      if (population.year < year && changed === undefined)
        notes.push(`${label(unit)}无${year}年服务人口，取${population.year}年数`);
    } else if (changed === undefined) {
      notes.push(`${label(unit)}无${year}年及以前的服务人口，应配按 0 计算`);
    }
    if (changed !== undefined) {
      inputs.servicePopulation = changed;
      inputs.overridden = true;
    }
    return inputs;
  }
  const changed = overrides?.students?.[unit.code];
  if (students) {
    inputs.year = students.year;
    inputs.sourceRowId = students.id;
    if (kind === 'school') {
      inputs.senior = students.senior;
      inputs.junior = students.junior;
      inputs.primary = students.primary;
    } else {
      inputs.children = students.preschool;
    }
    if (students.year < year && changed === undefined)
      notes.push(
        `${label(unit)}无${year}年${kind === 'school' ? '学生数' : '在园幼儿数'}，取${students.year}年数`,
      );
  } else if (changed === undefined) {
    notes.push(
      `${label(unit)}无${year}年及以前的${kind === 'school' ? '学生数' : '在园幼儿数'}，应配按 0 计算`,
    );
  }
  if (changed) {
    const fields = kind === 'school' ? (['senior', 'junior', 'primary'] as const) : (['children'] as const);
    for (const f of fields) {
      const v = changed[f];
      if (v !== undefined) {
        inputs[f] = v;
        inputs.overridden = true;
      }
    }
  }
  return inputs;
}

export async function computeStandards(
  db: Executor,
  opts: ComputeStandardsOptions,
): Promise<StandardsResult> {
  const today = opts.today ?? todayInChina();
  const thisYear = Number(today.slice(0, 4));
  if (!Number.isInteger(opts.year) || opts.year < FIRST_YEAR || opts.year > thisYear)
    throw invalid(`测算年度应为 ${FIRST_YEAR}—${thisYear} 年之间的整数`);
  const region = await findRegion(db, opts.regionCode);
  if (!region) throw notFound(`行政区划 ${opts.regionCode} `);
  if (region.level !== 'county') throw invalid('编制标准按县（市、区）测算：请选择一个县级行政区划');

  const standardsOn = `${opts.year}-12-31`;
  const asOf = standardsOn < today ? standardsOn : today;
  const regionCodes = [opts.regionCode];
  const [inForce, units, quotas, staff, students, population] = await Promise.all([
    standardsInForce(db, opts.regionCode, standardsOn),
    unitsOn(db, regionCodes, asOf),
    quotasOn(db, regionCodes, asOf),
    staffOn(db, regionCodes, asOf),
    studentsUpTo(db, opts.regionCode, opts.year),
    unitPopulationUpTo(db, opts.regionCode, opts.year),
  ]);

  const approved = new Map<number, { total: number; pool: number }>();
  for (const q of quotas) {
    if (q.quotaType !== '事业编制') continue;
    const a = approved.get(q.unitId) ?? { total: 0, pool: 0 };
    a.total += q.approved;
    if (q.source === '周转池') a.pool += q.approved;
    approved.set(q.unitId, a);
  }
  const actual = new Map<number, number>();
  for (const s of staff)
    if (s.quotaType === '事业编制') actual.set(s.unitId, (actual.get(s.unitId) ?? 0) + s.actual);

  const notes: string[] = [];
  const overrides = opts.overrides;
  const applied = {} as Record<StandardKey, AppliedStandard | null>;
  for (const key of STANDARD_KEYS) {
    const a = inForce[key];
    if (!a) {
      applied[key] = null;
      notes.push(`${standardsOn} 无有效的${STANDARD_LABELS[key]}编制标准，未测算`);
      continue;
    }
    const changed = overridesKind(a.standard, overrides?.standards);
    applied[key] = changed
      ? { ...a, standard: applyOverrides(a.standard, overrides?.standards), overridden: true }
      : a;
  }

  const rows: Record<StandardKey, UnitStandardRow[]> = { school: [], kindergarten: [], healthCentre: [] };
  const seen = new Set<string>();
  const sorted = [...units].sort((x, y) => (x.code < y.code ? -1 : x.code > y.code ? 1 : 0));
  for (const unit of sorted) {
    const kind = kindOf(unit);
    if (kind === null) continue;
    const a = applied[kind];
    if (!a) continue;
    seen.add(unit.code);
    const inputs = inputsOf(
      kind,
      unit,
      opts.year,
      students.get(unit.id),
      population.get(unit.id),
      overrides,
      notes,
    );
    const req = requirementOf(a.standard, inputs);
    const ap = approved.get(unit.id) ?? { total: 0, pool: 0 };
    rows[kind].push({
      unitId: unit.id,
      code: unit.code,
      name: unit.name,
      kind,
      unitType: unit.type ?? '',
      inputs,
      exact: req.exact,
      formula: req.formula,
      requirement: req.requirement,
      approved: ap.total,
      approvedPool: ap.pool,
      actual: actual.get(unit.id) ?? 0,
      ...unitBalance(req.requirement, ap.total),
    });
  }
  for (const code of [...Object.keys(overrides?.students ?? {}), ...Object.keys(overrides?.population ?? {})])
    if (!seen.has(code))
      notes.push(`模拟测算中的机构编码 ${code} 不是本县在测算日存在的学校、幼儿园或卫生院，已忽略`);

  const kinds: KindResult[] = STANDARD_KEYS.map((key) => ({
    key,
    label: STANDARD_LABELS[key],
    unitTypes: STANDARD_UNIT_TYPES[key],
    applied: applied[key],
    rows: rows[key],
    totals: kindTotals(rows[key]),
  }));
  const totals = (key: StandardKey) => kindTotals(rows[key]);
  const school = totals('school');
  const health = totals('healthCentre');
  const kindergarten = totals('kindergarten');
  const text = [
    `按照${opts.year}年12月底学生数和中小学教职工编制标准计算，中小学教职工编制还缺配${school.shortfall}名，基层卫生院编制缺${health.shortfall}名。`,
    `按照${opts.year}年12月底在园幼儿数和幼儿园教职工配备标准计算，${wholeRegion(region.name)}幼儿园按标准应配教职工${kindergarten.requirement}名，核定编制${kindergarten.approved}名。`,
  ];
  return {
    regionCode: opts.regionCode,
    regionName: region.name,
    year: opts.year,
    asOf,
    standardsOn,
    // A what-if that changes nothing (empty objects) is still the recorded result.
    whatIf:
      kinds.some((k) => k.applied?.overridden === true || k.rows.some((u) => u.inputs.overridden)) ||
      Object.keys(overrides?.students ?? {}).length > 0 ||
      Object.keys(overrides?.population ?? {}).length > 0,
    kinds,
    text,
    notes,
  };
}

/** The year a report defaults to: the latest with student numbers, not after this year. */
export async function defaultStandardsYear(
  db: Executor,
  regionCode: string,
  today = todayInChina(),
): Promise<number> {
  const thisYear = Number(today.slice(0, 4));
  const latest = await latestStudentYear(db, regionCode);
  return latest === null || latest > thisYear ? thisYear : latest;
}
