import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STANDARDS,
  type KindResult,
  type StandardsResult,
} from '../../../../src/common/standards.ts';
import {
  buildOverrides,
  buildStandardInput,
  changedKinds,
  changedUnitCount,
  emptyDraft,
  isDirty,
  savedRatios,
  withPopulation,
  withStudent,
} from './whatIf.ts';

const TOTALS = {
  units: 0,
  requirement: 0,
  approved: 0,
  actual: 0,
  unitShortfall: 0,
  unitSurplus: 0,
  shortfall: 0,
  surplus: 0,
};

/** A result with the shipped national standards in force for every kind. */
function result(): StandardsResult {
  const kinds: KindResult[] = DEFAULT_STANDARDS.map((standard) => ({
    key: standard.key,
    label: standard.key,
    unitTypes: [],
    applied: { standard, origin: 'default', id: null, overridden: false },
    rows: [],
    totals: TOTALS,
  }));
  return {
    regionCode: '640121',
    regionName: '永宁县',
    year: 2023,
    asOf: '2023-12-31',
    standardsOn: '2023-12-31',
    whatIf: false,
    kinds,
    text: [],
    notes: [],
  };
}

describe('the what-if of the 编制标准', () => {
  it('starts from the ratios in force and sends nothing while nothing changed', () => {
    const r = result();
    const draft = emptyDraft(r);
    expect(draft.ratios.school).toEqual(savedRatios(r).school);
    expect(buildOverrides(r, draft)).toEqual({});
    expect(isDirty(r, draft)).toBe(false);
    expect(changedKinds(r, draft)).toEqual([]);
  });

  it('sends only the ratios and inputs that differ', () => {
    const r = result();
    const saved = savedRatios(r);
    let draft = emptyDraft(r);
    draft = { ...draft, ratios: { ...draft.ratios, school: { ...draft.ratios.school, senior: 11 } } };
    draft = withStudent(draft, 'B01', 'senior', 2000, 1800);
    draft = withPopulation(draft, 'B03', 45_000, 41_000);
    expect(changedKinds(r, draft)).toEqual(['school']);
    expect(buildOverrides(r, draft)).toEqual({
      standards: { school: { ratios: { senior: 11 } } },
      students: { B01: { senior: 2000 } },
      population: { B03: 45_000 },
    });
    expect(changedUnitCount(draft)).toBe(2);
    expect(saved.school.senior).not.toBe(11);
  });

  it('clears an input set back to the recorded number', () => {
    const r = result();
    let draft = withStudent(emptyDraft(r), 'B01', 'senior', 2000, 1800);
    draft = withStudent(draft, 'B01', 'senior', 1800, 1800);
    expect(draft.students).toEqual({});
    draft = withPopulation(draft, 'B03', null, 41_000);
    expect(changedUnitCount(draft)).toBe(0);
    expect(isDirty(r, draft)).toBe(false);
  });

  it('builds a new version of the standard from the what-if’s ratios, named by the office', () => {
    const r = result();
    const draft = emptyDraft(r);
    const changed = { ...draft, ratios: { ...draft.ratios, healthCentre: { perMille: 1.2 } } };
    expect(
      buildStandardInput(r, changed, {
        key: 'healthCentre',
        name: ' 本县卫生院标准 ',
        sourceDocument: '永编发〔2026〕3号',
        validFrom: '2026-01-01',
        rounding: 'round',
      }),
    ).toEqual({
      key: 'healthCentre',
      name: '本县卫生院标准',
      sourceDocument: '永编发〔2026〕3号',
      validFrom: '2026-01-01',
      validTo: null,
      rounding: 'round',
      rule: { perMille: 1.2 },
    });
  });
});
