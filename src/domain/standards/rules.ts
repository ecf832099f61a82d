// The staffing standards' arithmetic (domain.md §8), pure of the database: a unit's
// requirement under each standard, its shortfall or surplus, the county's 缺配 of a kind, the
// standard in force on a date and a standard changed by a what-if.
import {
  ROUNDING_LABELS,
  type HealthCentreRule,
  type KindergartenRule,
  type KindTotals,
  type Rounding,
  type SchoolRule,
  type Standard,
  type StandardOverrides,
} from '../../common/standards.ts';

export interface Requirement {
  /** Before rounding. */
  exact: number;
  requirement: number;
  formula: string;
}

/**
 * Rounds a requirement. The exact value is first cut to 6 decimals, so that binary noise
 * (48.00000000001) never pushes a ceiling up; 四舍五入 rounds halves up.
 */
export function roundRequirement(exact: number, rounding: Rounding): number {
  const x = Math.round(exact * 1e6) / 1e6;
  if (rounding === 'ceil') return Math.ceil(x);
  if (rounding === 'floor') return Math.floor(x);
  return Math.floor(x + 0.5);
}

/** A number as the office writes it: at most two decimals, no trailing zeros. */
export function shortNumber(x: number): string {
  return String(Math.round(x * 100) / 100);
}

function finish(exact: number, terms: string[], rounding: Rounding): Requirement {
  const requirement = roundRequirement(exact, rounding);
  const formula =
    terms.length === 0
      ? '无学生数，应配 0'
      : `${terms.join(' + ')} = ${shortNumber(exact)}，${ROUNDING_LABELS[rounding]} ${requirement}`;
  return { exact, requirement, formula };
}

export interface StudentNumbers {
  senior: number | null;
  junior: number | null;
  primary: number | null;
}

/** 中小学: Σ over levels of students ÷ ratio, rounded once for the unit. An empty school needs 0. */
export function schoolRequirement(s: StudentNumbers, rule: SchoolRule, rounding: Rounding): Requirement {
  const terms: string[] = [];
  let exact = 0;
  const levels = [
    [s.senior, rule.ratios.senior],
    [s.junior, rule.ratios.junior],
    [s.primary, rule.ratios.primary],
  ] as const;
  for (const [students, ratio] of levels) {
    if (students === null || students === 0) continue;
    exact += students / ratio;
    terms.push(`${students}÷${ratio}`);
  }
  return finish(exact, terms, rounding);
}

/**
 * 幼儿园: children ÷ the ratio of the schedule, or classes × staff per class, where classes =
 * ⌈children ÷ class size⌉ (a part class is a class).
 */
export function kindergartenRequirement(
  children: number | null,
  rule: KindergartenRule,
  rounding: Rounding,
): Requirement {
  if (children === null || children === 0) return { exact: 0, requirement: 0, formula: '无在园幼儿，应配 0' };
  if (rule.mode === 'perClass') {
    const classes = Math.ceil(children / rule.childrenPerClass);
    const exact = classes * rule.staffPerClass;
    return {
      exact,
      requirement: roundRequirement(exact, rounding),
      formula: `⌈${children}÷${rule.childrenPerClass}⌉ = ${classes} 个班 × ${rule.staffPerClass} = ${exact}`,
    };
  }
  const ratio = rule.schedule === 'fullDay' ? rule.fullDayRatio : rule.halfDayRatio;
  return finish(children / ratio, [`${children}÷${ratio}`], rounding);
}

/** 乡镇卫生院: service population × perMille ÷ 1000. */
export function healthCentreRequirement(
  population: number | null,
  rule: HealthCentreRule,
  rounding: Rounding,
): Requirement {
  if (population === null || population === 0)
    return { exact: 0, requirement: 0, formula: '无服务人口，应配 0' };
  const exact = (population * rule.perMille) / 1000;
  const requirement = roundRequirement(exact, rounding);
  return {
    exact,
    requirement,
    formula: `${population}×${rule.perMille}‰ = ${shortNumber(exact)}，${ROUNDING_LABELS[rounding]} ${requirement}`,
  };
}

export interface StandardInputs extends StudentNumbers {
  children: number | null;
  servicePopulation: number | null;
}

export function requirementOf(standard: Standard, inputs: StandardInputs): Requirement {
  switch (standard.key) {
    case 'school':
      return schoolRequirement(inputs, standard.rule, standard.rounding);
    case 'kindergarten':
      return kindergartenRequirement(inputs.children, standard.rule, standard.rounding);
    case 'healthCentre':
      return healthCentreRequirement(inputs.servicePopulation, standard.rule, standard.rounding);
  }
}

/** A unit's gap (requirement above 核定) and surplus (核定 above requirement). */
export function unitBalance(requirement: number, approved: number): { shortfall: number; surplus: number } {
  return { shortfall: Math.max(0, requirement - approved), surplus: Math.max(0, approved - requirement) };
}

/**
 * Totals of a kind of unit. The county's 缺配 is max(0, Σ requirement − Σ 核定): quotas move
 * between schools within a county (县管校聘), so one school's surplus covers another's gap.
 */
export function kindTotals(
  rows: readonly { requirement: number; approved: number; actual: number }[],
): KindTotals {
  let requirement = 0;
  let approved = 0;
  let actual = 0;
  let unitShortfall = 0;
  let unitSurplus = 0;
  for (const r of rows) {
    requirement += r.requirement;
    approved += r.approved;
    actual += r.actual;
    const b = unitBalance(r.requirement, r.approved);
    unitShortfall += b.shortfall;
    unitSurplus += b.surplus;
  }
  return {
    units: rows.length,
    requirement,
    approved,
    actual,
    unitShortfall,
    unitSurplus,
    shortfall: Math.max(0, requirement - approved),
    surplus: Math.max(0, approved - requirement),
  };
}

/** Whether a standard is in force on a date (validTo is the last day in force). */
export function validOn(s: { validFrom: string; validTo: string | null }, date: string): boolean {
  return s.validFrom <= date && (s.validTo === null || s.validTo >= date);
}

/** Of the versions valid on the date, the latest (highest version, then latest start). */
export function latestValid<T extends { version: number; validFrom: string; validTo: string | null }>(
  versions: readonly T[],
  date: string,
): T | undefined {
  let best: T | undefined;
  for (const v of versions) {
    if (!validOn(v, date)) continue;
    if (
      best === undefined ||
      v.version > best.version ||
      (v.version === best.version && v.validFrom > best.validFrom)
    )
      best = v;
  }
  return best;
}

/** The fields of a partial object that are set: an explicit undefined never erases a value. */
function defined<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  if (!o) return out;
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

/** The standard with a what-if's changes applied, or the standard itself when none apply. */
export function applyOverrides(s: Standard, o: StandardOverrides | undefined): Standard {
  switch (s.key) {
    case 'school': {
      const c = o?.school;
      if (!c) return s;
      return {
        ...s,
        rounding: c.rounding ?? s.rounding,
        rule: { ...s.rule, ratios: { ...s.rule.ratios, ...defined(c.ratios) } },
      };
    }
    case 'kindergarten': {
      const c = o?.kindergarten;
      if (!c) return s;
      const { rounding, ...rule } = c;
      return { ...s, rounding: rounding ?? s.rounding, rule: { ...s.rule, ...defined(rule) } };
    }
    case 'healthCentre': {
      const c = o?.healthCentre;
      if (!c) return s;
      const { rounding, ...rule } = c;
      return { ...s, rounding: rounding ?? s.rounding, rule: { ...s.rule, ...defined(rule) } };
    }
  }
}

/** Whether a what-if changes anything of this kind's standard. */
export function overridesKind(s: Standard, o: StandardOverrides | undefined): boolean {
  const c = o?.[s.key];
  if (!c) return false;
  return Object.values(c).some((v) =>
    typeof v === 'object' && v !== null ? Object.values(v).some((x) => x !== undefined) : v !== undefined,
  );
}
