// Staffing standards (编制标准, domain.md §8): versioned, per region, each with its source
// document and dates; the shipped national defaults; the what-if overrides; and the result of
// measuring a county's units against them. Shared by the server (computation, renderers) and
// the web (forms, labels).
import { z } from 'zod';
import { DateString } from './dates.ts';
import {
  describeRule,
  ROUNDINGS,
  SCHOOL_AREAS,
  wholeRegion,
  type SchoolArea,
  type StandardKey,
} from './standard-labels.ts';

export * from './standard-labels.ts';

const Ratio = z.number().positive('比例应大于 0').max(1000);
const IsoDate = DateString;

/** 中小学: students per staff member at each level (1:12.5 is 12.5). */
export const SchoolRule = z.object({
  ratios: z.object({ senior: Ratio, junior: Ratio, primary: Ratio }),
  area: z.enum(SCHOOL_AREAS).optional(),
});
export type SchoolRule = z.infer<typeof SchoolRule>;

/**
 * 幼儿园 (2013 配备标准): either children per staff member — 全日制 1:5–1:7, 半日制 1:8–1:10 — or
 * staff per class (2 专任教师 + 1 保育员 = 3) times the classes (children ÷ class size, a part
 * class counting as a class). The ledger does not say whether a kindergarten is full- or
 * half-day: `schedule` says which ratio applies to every kindergarten of the region.
 */
export const KindergartenRule = z.object({
  mode: z.enum(['ratio', 'perClass']),
  schedule: z.enum(['fullDay', 'halfDay']),
  /** Children per staff member, full-day (1:5–1:7). */
  fullDayRatio: Ratio,
  /** Children per staff member, half-day (1:8–1:10). */
  halfDayRatio: Ratio,
  staffPerClass: z.number().int().positive().max(20),
  childrenPerClass: z.number().int().positive().max(100),
});
export type KindergartenRule = z.infer<typeof KindergartenRule>;

/** 乡镇卫生院: staff per thousand of the service population (1‰ = 1). */
export const HealthCentreRule = z.object({
  perMille: z.number().positive('比例应大于 0').max(100),
});
export type HealthCentreRule = z.infer<typeof HealthCentreRule>;

const StandardFields = {
  name: z.string().trim().min(2, '标准名称至少 2 个字').max(200),
  sourceDocument: z.string().trim().min(2, '应写明依据文件').max(500),
  validFrom: IsoDate,
  /** The last day in force; null while in force. */
  validTo: IsoDate.nullable(),
  rounding: z.enum(ROUNDINGS),
};

/** A standard as the office enters it (a new version of the region's standard of that key). */
export const StandardInput = z
  .discriminatedUnion('key', [
    z.object({ key: z.literal('school'), ...StandardFields, rule: SchoolRule }),
    z.object({ key: z.literal('kindergarten'), ...StandardFields, rule: KindergartenRule }),
    z.object({ key: z.literal('healthCentre'), ...StandardFields, rule: HealthCentreRule }),
  ])
  .refine((s) => s.validTo === null || s.validTo >= s.validFrom, {
    message: '失效日期不能早于生效日期',
    path: ['validTo'],
  });
export type StandardInput = z.infer<typeof StandardInput>;

/** A standard with its version: 0 for the shipped defaults, 1, 2, … for a region's own. */
export type Standard = StandardInput & { version: number };
export type SchoolStandard = Extract<Standard, { key: 'school' }>;
export type KindergartenStandard = Extract<Standard, { key: 'kindergarten' }>;
export type HealthCentreStandard = Extract<Standard, { key: 'healthCentre' }>;

/** A stored version of a region's standard. */
export type StoredStandard = Standard & {
  id: number;
  regionCode: string;
  recordedAt: string;
  recordedBy: number | null;
};

// ——— Shipped defaults ———

export const SCHOOL_2014_DOCUMENT =
  '中央编办 教育部 财政部《关于统一城乡中小学教职工编制标准的通知》（中央编办发〔2014〕72号）';
export const SCHOOL_2001_DOCUMENT =
  '国务院办公厅转发中央编办、教育部、财政部《关于制定中小学教职工编制标准意见》的通知（国办发〔2001〕74号）';
export const KINDERGARTEN_2013_DOCUMENT = '教育部《幼儿园教职工配备标准（暂行）》（教师〔2013〕1号）';
export const HEALTH_CENTRE_DOCUMENT = '乡镇卫生院按服务人口1‰左右核定编制（本县机构编制工作报告所用口径）';

/** The 2001 table, students per staff member by area (history; the office may adopt any column). */
export const SCHOOL_2001_RATIOS: Record<Exclude<SchoolArea, 'unified'>, SchoolRule['ratios']> = {
  city: { senior: 12.5, junior: 13.5, primary: 19 },
  town: { senior: 13, junior: 16, primary: 21 },
  rural: { senior: 13.5, junior: 18, primary: 23 },
};

/**
 * The national standards, used where a region has entered none of its own valid on the date.
 * Choices where the documents leave a range or say nothing:
 * - every default rounds 四舍五入 (the usual rule of statistical calculation); the office
 *   changes it with a version of its own;
 * - 中小学 before 2014-11-13 follows the 2001 table's 县镇 column: a county's office sits in its
 *   county seat, and the ledger does not say which schools are urban or rural;
 * - 幼儿园 counts every kindergarten as 全日制 at 1:7, the lenient end of 1:5–1:7 (half-day:
 *   1:10, the lenient end of 1:8–1:10): a county short of quotas is measured against the least
 *   the standard asks. The per-class alternative (2 teachers + 1 caregiver per class of 30,
 *   the middle class size of 《幼儿园工作规程》) counts 保教人员 only;
 * - 乡镇卫生院 at 1‰ of the service population, as the seed applies it; no document date.
 */
export const DEFAULT_STANDARDS: readonly Standard[] = [
  {
    key: 'school',
    version: 0,
    name: '中小学教职工编制标准（城乡统一）',
    sourceDocument: SCHOOL_2014_DOCUMENT,
    validFrom: '2014-11-13',
    validTo: null,
    rounding: 'round',
    rule: { ratios: { senior: 12.5, junior: 13.5, primary: 19 }, area: 'unified' },
  },
  {
    key: 'school',
    version: 0,
    name: '中小学教职工编制标准（2001年，县镇）',
    sourceDocument: SCHOOL_2001_DOCUMENT,
    validFrom: '2001-10-08',
    validTo: '2014-11-12',
    rounding: 'round',
    rule: { ratios: SCHOOL_2001_RATIOS.town, area: 'town' },
  },
  {
    key: 'kindergarten',
    version: 0,
    name: '幼儿园教职工配备标准（暂行）',
    sourceDocument: KINDERGARTEN_2013_DOCUMENT,
    validFrom: '2013-01-08',
    validTo: null,
    rounding: 'round',
    rule: {
      mode: 'ratio',
      schedule: 'fullDay',
      fullDayRatio: 7,
      halfDayRatio: 10,
      staffPerClass: 3,
      childrenPerClass: 30,
    },
  },
  {
    key: 'healthCentre',
    version: 0,
    name: '乡镇卫生院编制标准（按服务人口）',
    sourceDocument: HEALTH_CENTRE_DOCUMENT,
    validFrom: '2000-01-01',
    validTo: null,
    rounding: 'round',
    rule: { perMille: 1 },
  },
];

// ——— What-if ———

const Count = z.number().int().min(0).max(10_000_000);

/** Changes to a standard for a what-if: any field of the rule, and the rounding. */
export const StandardOverrides = z.object({
  school: z
    .object({
      ratios: z.object({ senior: Ratio, junior: Ratio, primary: Ratio }).partial().optional(),
      rounding: z.enum(ROUNDINGS).optional(),
    })
    .optional(),
  kindergarten: KindergartenRule.partial()
    .extend({ rounding: z.enum(ROUNDINGS).optional() })
    .optional(),
  healthCentre: HealthCentreRule.partial()
    .extend({ rounding: z.enum(ROUNDINGS).optional() })
    .optional(),
});
export type StandardOverrides = z.infer<typeof StandardOverrides>;

/** A unit's inputs for a what-if, by unit code: a number replaces the recorded one. */
export const InputOverride = z.object({
  senior: Count.optional(),
  junior: Count.optional(),
  primary: Count.optional(),
  children: Count.optional(),
});
export type InputOverride = z.infer<typeof InputOverride>;

export const StandardsWhatIf = z.object({
  standards: StandardOverrides.optional(),
  /** Student numbers per unit code. */
  students: z
    .record(z.string().max(40), InputOverride)
    .refine((r) => Object.keys(r).length <= 20_000, '单位过多')
    .optional(),
  /** Service population per unit code (基层卫生院). */
  population: z
    .record(z.string().max(40), Count)
    .refine((r) => Object.keys(r).length <= 20_000, '单位过多')
    .optional(),
});
export type StandardsWhatIf = z.infer<typeof StandardsWhatIf>;

// ——— Results ———

/** What a unit's requirement is computed from, and which recorded row it comes from. */
export interface UnitInputs {
  /** The year of the student or population row used (the latest not after the year); null: none. */
  year: number | null;
  senior: number | null;
  junior: number | null;
  primary: number | null;
  children: number | null;
  servicePopulation: number | null;
  /** The student_counts / region_population row behind the inputs. */
  sourceRowId: number | null;
  /** True when a what-if replaced a recorded number. */
  overridden: boolean;
}

export interface UnitStandardRow {
  unitId: number;
  code: string;
  name: string;
  kind: StandardKey;
  unitType: string;
  inputs: UnitInputs;
  /** The requirement before rounding. */
  exact: number;
  /** How the requirement was computed, e.g. "1800÷12.5 + 900÷13.5 = 210.67，四舍五入 211". */
  formula: string;
  requirement: number;
  /** 事业编制 核定, own quota and 周转池 together. */
  approved: number;
  approvedPool: number;
  /** 事业编制 实有. */
  actual: number;
  shortfall: number;
  surplus: number;
}

export interface KindTotals {
  units: number;
  requirement: number;
  approved: number;
  actual: number;
  /** Σ over units of max(0, requirement − 核定): gaps before one school's surplus covers another's. */
  unitShortfall: number;
  unitSurplus: number;
  /** The county's 缺配: max(0, Σ requirement − Σ 核定). */
  shortfall: number;
  /** max(0, Σ 核定 − Σ requirement). */
  surplus: number;
}

export interface AppliedStandard {
  standard: Standard;
  /** Where it comes from: the region's own version, the shipped default, or changed by a what-if. */
  origin: 'region' | 'default';
  /** The stored row, for a region's own version. */
  id: number | null;
  overridden: boolean;
}

export interface KindResult {
  key: StandardKey;
  label: string;
  unitTypes: readonly string[];
  /** Null when no standard of this kind is in force on the date: the kind is not measured. */
  applied: AppliedStandard | null;
  rows: UnitStandardRow[];
  totals: KindTotals;
}

export interface StandardsResult {
  regionCode: string;
  regionName: string;
  year: number;
  /** The date of the 核定 and 实有 figures (31 December of the year, or today for the current year). */
  asOf: string;
  /** The date the standards in force are chosen on: 31 December of the year. */
  standardsOn: string;
  whatIf: boolean;
  kinds: KindResult[];
  /** The sentences of section 三 that carry these figures, in the seed's wording. */
  text: string[];
  /** Data-quality notes: units with no student numbers or service population, unknown codes … */
  notes: string[];
}

const fmt = (n: number): string => String(n);

/** The result as plain text: the sentences, then each kind's units and totals. */
export function renderStandardsText(r: StandardsResult): string {
  const lines: string[] = [];
  lines.push(`${r.regionName}${r.year}年编制标准测算${r.whatIf ? '（模拟测算，未保存）' : ''}`);
  lines.push(`核定、实有截至 ${r.asOf}；标准取 ${r.standardsOn} 有效者`);
  lines.push('');
  lines.push(...r.text);
  for (const k of r.kinds) {
    lines.push('');
    if (!k.applied) {
      lines.push(`【${k.label}】${r.standardsOn} 无有效标准，未测算`);
      continue;
    }
    const s = k.applied.standard;
    lines.push(
      `【${k.label}】${s.name}${k.applied.origin === 'region' ? `（本地第${s.version}版）` : '（国家标准）'}${k.applied.overridden ? '（模拟调整）' : ''}`,
    );
    lines.push(`  依据：${s.sourceDocument}`);
    lines.push(`  规则：${describeRule(s)}`);
    lines.push('  机构编码\t机构名称\t应配\t核定\t实有\t缺配\t超配\t计算');
    for (const u of k.rows) {
      lines.push(
        `  ${u.code}\t${u.name}\t${fmt(u.requirement)}\t${fmt(u.approved)}\t${fmt(u.actual)}\t${fmt(u.shortfall)}\t${fmt(u.surplus)}\t${u.formula}`,
      );
    }
    const t = k.totals;
    lines.push(
      `  合计（${t.units}个）\t\t${t.requirement}\t${t.approved}\t${t.actual}\t${t.unitShortfall}\t${t.unitSurplus}`,
    );
    lines.push(
      `  ${wholeRegion(r.regionName)}缺配 = max(0, 应配合计 − 核定合计) = ${t.shortfall}；超配 ${t.surplus}`,
    );
  }
  if (r.notes.length > 0) {
    lines.push('');
    lines.push('数据提示：');
    for (const n of r.notes) lines.push(`  ${n}`);
  }
  return lines.join('\n');
}
