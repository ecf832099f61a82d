// The what-if draft of the 编制标准 page: changed ratios and per-unit inputs, the overrides sent
// to /api/standards/what-if, and a new version of a standard built from them.
import type {
  InputOverride,
  KindResult,
  Rounding,
  Standard,
  StandardInput,
  StandardKey,
  StandardsResult,
  StandardsWhatIf,
} from '../../api/standards.ts';

export interface SchoolRatios {
  senior: number;
  junior: number;
  primary: number;
}

export interface KindergartenValues {
  mode: 'ratio' | 'perClass';
  schedule: 'fullDay' | 'halfDay';
  fullDayRatio: number;
  halfDayRatio: number;
  staffPerClass: number;
  childrenPerClass: number;
}

/** The ratios as the what-if has them (every field filled: the saved value where unchanged). */
export interface RatioValues {
  school: SchoolRatios;
  kindergarten: KindergartenValues;
  healthCentre: { perMille: number };
}

export type StudentField = 'senior' | 'junior' | 'primary' | 'children';

export interface WhatIfDraft {
  ratios: RatioValues;
  /** Student numbers changed per unit code. */
  students: Record<string, InputOverride>;
  /** Service population changed per unit code. */
  population: Record<string, number>;
}

// The national defaults, for a kind with no standard in force (a new version then starts here).
const FALLBACK: RatioValues = {
  school: { senior: 12.5, junior: 13.5, primary: 19 },
  kindergarten: {
    mode: 'ratio',
    schedule: 'fullDay',
    fullDayRatio: 7,
    halfDayRatio: 10,
    staffPerClass: 3,
    childrenPerClass: 30,
  },
  healthCentre: { perMille: 1 },
};

function kind(result: StandardsResult, key: StandardKey): KindResult | undefined {
  return result.kinds.find((k) => k.key === key);
}

export function appliedStandard(result: StandardsResult, key: StandardKey): Standard | null {
  return kind(result, key)?.applied?.standard ?? null;
}

/** The ratios of the standards in force. */
export function savedRatios(result: StandardsResult): RatioValues {
  const out: RatioValues = {
    school: { ...FALLBACK.school },
    kindergarten: { ...FALLBACK.kindergarten },
    healthCentre: { ...FALLBACK.healthCentre },
  };
  for (const k of result.kinds) {
    const s = k.applied?.standard;
    if (!s) continue;
    if (s.key === 'school') out.school = { ...s.rule.ratios };
    else if (s.key === 'kindergarten') out.kindergarten = { ...s.rule };
    else out.healthCentre = { perMille: s.rule.perMille };
  }
  return out;
}

export function emptyDraft(result: StandardsResult): WhatIfDraft {
  return { ratios: savedRatios(result), students: {}, population: {} };
}

function changedFields<T extends object>(saved: T, now: T): Partial<T> {
  const out: Partial<T> = {};
  for (const key of Object.keys(now) as (keyof T)[]) if (now[key] !== saved[key]) out[key] = now[key];
  return out;
}

/** The kinds whose ratios differ from the standard in force. */
export function changedKinds(result: StandardsResult, draft: WhatIfDraft): StandardKey[] {
  const saved = savedRatios(result);
  const out: StandardKey[] = [];
  if (Object.keys(changedFields(saved.school, draft.ratios.school)).length > 0) out.push('school');
  if (Object.keys(changedFields(saved.kindergarten, draft.ratios.kindergarten)).length > 0)
    out.push('kindergarten');
  if (draft.ratios.healthCentre.perMille !== saved.healthCentre.perMille) out.push('healthCentre');
  return out;
}

/** The body of /api/standards/what-if: only what differs from the saved figures. */
export function buildOverrides(result: StandardsResult, draft: WhatIfDraft): StandardsWhatIf {
  const saved = savedRatios(result);
  const standards: NonNullable<StandardsWhatIf['standards']> = {};
  const school = changedFields(saved.school, draft.ratios.school);
  if (Object.keys(school).length > 0) standards.school = { ratios: school };
  const kindergarten = changedFields(saved.kindergarten, draft.ratios.kindergarten);
  if (Object.keys(kindergarten).length > 0) standards.kindergarten = kindergarten;
  if (draft.ratios.healthCentre.perMille !== saved.healthCentre.perMille)
    standards.healthCentre = { perMille: draft.ratios.healthCentre.perMille };
  const overrides: StandardsWhatIf = {};
  if (Object.keys(standards).length > 0) overrides.standards = standards;
  const students = Object.fromEntries(
    Object.entries(draft.students).filter(([, v]) => Object.keys(v).length > 0),
  );
  if (Object.keys(students).length > 0) overrides.students = students;
  if (Object.keys(draft.population).length > 0) overrides.population = { ...draft.population };
  return overrides;
}

export function isDirty(result: StandardsResult, draft: WhatIfDraft): boolean {
  return Object.keys(buildOverrides(result, draft)).length > 0;
}

/** How many units have a changed student number or service population. */
export function changedUnitCount(draft: WhatIfDraft): number {
  const codes = new Set<string>(Object.keys(draft.population));
  for (const [code, v] of Object.entries(draft.students)) if (Object.keys(v).length > 0) codes.add(code);
  return codes.size;
}

/** Sets or clears one unit's student number; a value equal to the recorded one clears it. */
export function withStudent(
  draft: WhatIfDraft,
  code: string,
  field: StudentField,
  value: number | null,
  recorded: number | null,
): WhatIfDraft {
  const current: InputOverride = { ...(draft.students[code] ?? {}) };
  if (value === null || value === (recorded ?? 0)) delete current[field];
  else current[field] = value;
  const students = { ...draft.students };
  if (Object.keys(current).length === 0) delete students[code];
  else students[code] = current;
  return { ...draft, students };
}

export function withPopulation(
  draft: WhatIfDraft,
  code: string,
  value: number | null,
  recorded: number | null,
): WhatIfDraft {
  const population = { ...draft.population };
  if (value === null || value === (recorded ?? 0)) delete population[code];
  else population[code] = value;
  return { ...draft, population };
}

export interface VersionFields {
  key: StandardKey;
  name: string;
  sourceDocument: string;
  validFrom: string;
  rounding: Rounding;
}

/** A new version of one standard: the what-if's ratios with the office's name, document and date. */
export function buildStandardInput(
  result: StandardsResult,
  draft: WhatIfDraft,
  f: VersionFields,
): StandardInput {
  const common = {
    name: f.name.trim(),
    sourceDocument: f.sourceDocument.trim(),
    validFrom: f.validFrom,
    validTo: null,
    rounding: f.rounding,
  };
  switch (f.key) {
    case 'school': {
      const applied = appliedStandard(result, 'school');
      const ratios = { ...draft.ratios.school };
      // The area names the column of a table; once the ratios change it no longer applies.
      const area =
        applied?.key === 'school' &&
        applied.rule.area !== undefined &&
        Object.keys(changedFields(applied.rule.ratios, ratios)).length === 0
          ? applied.rule.area
          : undefined;
      return { key: 'school', ...common, rule: area === undefined ? { ratios } : { ratios, area } };
    }
    case 'kindergarten':
      return { key: 'kindergarten', ...common, rule: { ...draft.ratios.kindergarten } };
    case 'healthCentre':
      return { key: 'healthCentre', ...common, rule: { perMille: draft.ratios.healthCentre.perMille } };
  }
}
