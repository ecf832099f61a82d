// Every expected number below is computed by hand, written out in the comments.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_STANDARDS,
  SCHOOL_2001_RATIOS,
  StandardInput,
  StandardsWhatIf,
  type KindergartenRule,
  type Standard,
} from '../../common/standards.ts';
import {
  applyOverrides,
  healthCentreRequirement,
  kindergartenRequirement,
  kindTotals,
  latestValid,
  overridesKind,
  requirementOf,
  roundRequirement,
  schoolRequirement,
  unitBalance,
} from './rules.ts';

const RATIOS_2014 = { senior: 12.5, junior: 13.5, primary: 19 };
const school2014 = { ratios: RATIOS_2014, area: 'unified' as const };
const noInputs = { senior: null, junior: null, primary: null, children: null, servicePopulation: null };

function shipped(key: Standard['key'], on: string): Standard {
  const s = latestValid(
    DEFAULT_STANDARDS.filter((d) => d.key === key),
    on,
  );
  if (!s) throw new Error(`no default ${key} on ${on}`);
  return s;
}

describe('rounding', () => {
  it('rounds halves up, and ceils and floors as the standard says', () => {
    // 1800÷12.5 + 900÷13.5 = 144 + 66.666… = 210.666…
    expect(roundRequirement(1800 / 12.5 + 900 / 13.5, 'round')).toBe(211);
    expect(roundRequirement(1800 / 12.5 + 900 / 13.5, 'ceil')).toBe(211);
    expect(roundRequirement(1800 / 12.5 + 900 / 13.5, 'floor')).toBe(210);
    expect(roundRequirement(28.5, 'round')).toBe(29);
    expect(roundRequirement(28.49, 'round')).toBe(28);
    expect(roundRequirement(28.01, 'ceil')).toBe(29);
    expect(roundRequirement(28.99, 'floor')).toBe(28);
  });

  it('is not moved by binary noise', () => {
    // 4.35 × 100 is 434.99999999999994 in binary, 0.57 × 100 is 56.99999999999999,
    // 1.1 × 3 is 3.3000000000000003: the standard means 435, 57 and 3.3.
    expect(roundRequirement(4.35 * 100, 'ceil')).toBe(435);
    expect(roundRequirement(0.57 * 100, 'floor')).toBe(57);
    expect(roundRequirement(1.1 * 3, 'floor')).toBe(3);
    expect(roundRequirement(1.1 * 3, 'ceil')).toBe(4);
    // 600 ÷ 12.5 = 48 exactly: a ceiling stays at 48.
    expect(roundRequirement(600 / 12.5, 'ceil')).toBe(48);
  });
});

describe('中小学 (2014 unified: 1:12.5, 1:13.5, 1:19)', () => {
  it('sums the levels and rounds once per unit', () => {
    const r = schoolRequirement({ senior: 1800, junior: 900, primary: null }, school2014, 'round');
    expect(r.requirement).toBe(211);
    expect(r.exact).toBeCloseTo(210.6667, 4);
    expect(r.formula).toBe('1800÷12.5 + 900÷13.5 = 210.67，四舍五入 211');
    // 600 ÷ 12.5 = 48
    expect(
      schoolRequirement({ senior: 600, junior: null, primary: null }, school2014, 'round').requirement,
    ).toBe(48);
    // 475 ÷ 19 = 25 exactly, whatever the rounding
    for (const rounding of ['round', 'ceil', 'floor'] as const)
      expect(
        schoolRequirement({ senior: null, junior: null, primary: 475 }, school2014, rounding).requirement,
      ).toBe(25);
  });

  it('rounds a nine-year school by the rule of the standard', () => {
    // 700 ÷ 13.5 = 51.8519, 500 ÷ 19 = 26.3158: 78.1677
    const s = { senior: null, junior: 700, primary: 500 };
    expect(schoolRequirement(s, school2014, 'round').requirement).toBe(78);
    expect(schoolRequirement(s, school2014, 'ceil').requirement).toBe(79);
    expect(schoolRequirement(s, school2014, 'floor').requirement).toBe(78);
  });

  it('needs nobody for an empty school', () => {
    const none = schoolRequirement({ senior: null, junior: null, primary: null }, school2014, 'ceil');
    expect(none).toEqual({ exact: 0, requirement: 0, formula: '无学生数，应配 0' });
    expect(schoolRequirement({ senior: 0, junior: 0, primary: 0 }, school2014, 'ceil').requirement).toBe(0);
    expect(requirementOf(shipped('school', '2023-12-31'), noInputs).requirement).toBe(0);
  });

  it('keeps the 2001 table as history, by area', () => {
    const s = { senior: 390, junior: 700, primary: 500 };
    // 城市 1:12.5 / 1:13.5 / 1:19: 31.2 + 51.8519 + 26.3158 = 109.3677 → 109
    expect(schoolRequirement(s, { ratios: SCHOOL_2001_RATIOS.city }, 'round').requirement).toBe(109);
    // 县镇 1:13 / 1:16 / 1:21: 30 + 43.75 + 23.8095 = 97.5595 → 98
    expect(schoolRequirement(s, { ratios: SCHOOL_2001_RATIOS.town }, 'round').requirement).toBe(98);
    // 农村 1:13.5 / 1:18 / 1:23: 28.8889 + 38.8889 + 21.7391 = 89.5169 → 90, floor 89
    expect(schoolRequirement(s, { ratios: SCHOOL_2001_RATIOS.rural }, 'round').requirement).toBe(90);
    expect(schoolRequirement(s, { ratios: SCHOOL_2001_RATIOS.rural }, 'floor').requirement).toBe(89);
  });

  it('applies 2001 (县镇) before 13 November 2014 and the unified ratios from then on', () => {
    const s = { ...noInputs, senior: 390, junior: 700, primary: 500 };
    expect(shipped('school', '2013-12-31').rule).toEqual({ ratios: SCHOOL_2001_RATIOS.town, area: 'town' });
    expect(requirementOf(shipped('school', '2013-12-31'), s).requirement).toBe(98);
    expect(requirementOf(shipped('school', '2014-11-12'), s).requirement).toBe(98);
    expect(requirementOf(shipped('school', '2014-11-13'), s).requirement).toBe(109);
    expect(requirementOf(shipped('school', '2023-12-31'), s).requirement).toBe(109);
    expect(
      latestValid(
        DEFAULT_STANDARDS.filter((d) => d.key === 'school'),
        '2000-12-31',
      ),
    ).toBeUndefined();
  });
});

describe('幼儿园 (2013)', () => {
  const rule: KindergartenRule = {
    mode: 'ratio',
    schedule: 'fullDay',
    fullDayRatio: 7,
    halfDayRatio: 10,
    staffPerClass: 3,
    childrenPerClass: 30,
  };

  it('divides the children by the full-day ratio (default 1:7)', () => {
    // 200 ÷ 7 = 28.5714
    const r = kindergartenRequirement(200, rule, 'round');
    expect(r.requirement).toBe(29);
    expect(r.formula).toBe('200÷7 = 28.57，四舍五入 29');
    expect(kindergartenRequirement(200, rule, 'floor').requirement).toBe(28);
    // 1:5, the strict end: 200 ÷ 5 = 40
    expect(kindergartenRequirement(200, { ...rule, fullDayRatio: 5 }, 'round').requirement).toBe(40);
    // The shipped default is 1:7, 四舍五入
    expect(
      requirementOf(shipped('kindergarten', '2023-12-31'), { ...noInputs, children: 200 }).requirement,
    ).toBe(29);
  });

  it('uses the half-day ratio for a half-day region', () => {
    // 200 ÷ 10 = 20; 1:8: 200 ÷ 8 = 25; 95 ÷ 10 = 9.5 → 10
    expect(kindergartenRequirement(200, { ...rule, schedule: 'halfDay' }, 'round').requirement).toBe(20);
    expect(
      kindergartenRequirement(200, { ...rule, schedule: 'halfDay', halfDayRatio: 8 }, 'round').requirement,
    ).toBe(25);
    expect(kindergartenRequirement(95, { ...rule, schedule: 'halfDay' }, 'round').requirement).toBe(10);
  });

  it('counts 2 teachers + 1 caregiver per class, a part class being a class', () => {
    const perClass = { ...rule, mode: 'perClass' as const };
    // ⌈200 ÷ 30⌉ = 7 classes × 3 = 21
    const r = kindergartenRequirement(200, perClass, 'round');
    expect(r.requirement).toBe(21);
    expect(r.formula).toBe('⌈200÷30⌉ = 7 个班 × 3 = 21');
    // 180 ÷ 30 = 6 classes exactly × 3 = 18; 181 → 7 classes → 21
    expect(kindergartenRequirement(180, perClass, 'floor').requirement).toBe(18);
    expect(kindergartenRequirement(181, perClass, 'floor').requirement).toBe(21);
    // 25 children in classes of 25 with 2 staff: 1 class → 2
    expect(
      kindergartenRequirement(25, { ...perClass, childrenPerClass: 25, staffPerClass: 2 }, 'ceil'),
    ).toEqual({
      exact: 2,
      requirement: 2,
      formula: '⌈25÷25⌉ = 1 个班 × 2 = 2',
    });
  });

  it('needs nobody without children', () => {
    expect(kindergartenRequirement(null, rule, 'ceil').requirement).toBe(0);
    expect(kindergartenRequirement(0, { ...rule, mode: 'perClass' }, 'ceil').requirement).toBe(0);
  });
});

describe('乡镇卫生院 (1‰ of the service population)', () => {
  it('takes the per-mille of the service population', () => {
    // 38 600 × 1‰ = 38.6 → 39
    const r = healthCentreRequirement(38_600, { perMille: 1 }, 'round');
    expect(r.requirement).toBe(39);
    expect(r.formula).toBe('38600×1‰ = 38.6，四舍五入 39');
    // 9 400 × 1‰ = 9.4 → 9; ceil 10
    expect(healthCentreRequirement(9_400, { perMille: 1 }, 'round').requirement).toBe(9);
    expect(healthCentreRequirement(9_400, { perMille: 1 }, 'ceil').requirement).toBe(10);
    // 12 500 × 1‰ = 12.5: half up → 13, floor 12
    expect(healthCentreRequirement(12_500, { perMille: 1 }, 'round').requirement).toBe(13);
    expect(healthCentreRequirement(12_500, { perMille: 1 }, 'floor').requirement).toBe(12);
    // A configurable ratio: 38 600 × 1.2‰ = 46.32 → 46, ceil 47
    expect(healthCentreRequirement(38_600, { perMille: 1.2 }, 'round').requirement).toBe(46);
    expect(healthCentreRequirement(38_600, { perMille: 1.2 }, 'ceil').requirement).toBe(47);
    expect(
      requirementOf(shipped('healthCentre', '2023-12-31'), { ...noInputs, servicePopulation: 41_000 })
        .requirement,
    ).toBe(41);
  });

  it('needs nobody without a service population', () => {
    expect(healthCentreRequirement(null, { perMille: 1 }, 'ceil').requirement).toBe(0);
  });
});

describe('shortfall and surplus', () => {
  it('gives each unit its gap or its surplus', () => {
    expect(unitBalance(211, 115)).toEqual({ shortfall: 96, surplus: 0 });
    expect(unitBalance(0, 3)).toEqual({ shortfall: 0, surplus: 3 });
    expect(unitBalance(48, 48)).toEqual({ shortfall: 0, surplus: 0 });
  });

  it("lets one school's surplus cover another's gap in the county's 缺配", () => {
    // 211 − 115 = 96 short, 48 − 40 = 8 short, an empty school with 3 has 3 over:
    // Σ requirement 259, Σ 核定 158 → 缺配 101 (not 96 + 8 = 104).
    expect(
      kindTotals([
        { requirement: 211, approved: 115, actual: 2 },
        { requirement: 48, approved: 40, actual: 0 },
        { requirement: 0, approved: 3, actual: 1 },
      ]),
    ).toEqual({
      units: 3,
      requirement: 259,
      approved: 158,
      actual: 3,
      unitShortfall: 104,
      unitSurplus: 3,
      shortfall: 101,
      surplus: 0,
    });
    // Σ requirement 18 < Σ 核定 20: no 缺配, 2 over.
    expect(
      kindTotals([
        { requirement: 10, approved: 15, actual: 0 },
        { requirement: 8, approved: 5, actual: 0 },
      ]),
    ).toMatchObject({ unitShortfall: 3, unitSurplus: 5, shortfall: 0, surplus: 2 });
    expect(kindTotals([])).toMatchObject({ units: 0, requirement: 0, shortfall: 0, surplus: 0 });
  });
});

describe('versions and what-ifs', () => {
  const base = shipped('school', '2023-12-31');
  const v = (version: number, validFrom: string, validTo: string | null) => ({
    ...base,
    version,
    validFrom,
    validTo,
  });

  it('takes the latest version valid on the date', () => {
    const versions = [v(1, '2020-01-01', null), v(2, '2025-01-01', '2025-06-30')];
    expect(latestValid(versions, '2019-12-31')).toBeUndefined();
    expect(latestValid(versions, '2023-12-31')?.version).toBe(1);
    expect(latestValid(versions, '2025-06-30')?.version).toBe(2);
    expect(latestValid(versions, '2025-12-31')?.version).toBe(1);
  });

  it('changes only what the what-if names', () => {
    const changed = applyOverrides(base, { school: { ratios: { senior: 11, junior: undefined } } });
    expect(changed.rule).toEqual({ ratios: { senior: 11, junior: 13.5, primary: 19 }, area: 'unified' });
    expect(changed.rounding).toBe('round');
    // 1800 ÷ 11 = 163.6364, + 900 ÷ 13.5 = 66.6667: 230.3030 → 230
    expect(requirementOf(changed, { ...noInputs, senior: 1800, junior: 900 }).requirement).toBe(230);
    expect(applyOverrides(base, { kindergarten: { fullDayRatio: 5 } })).toBe(base);
    expect(overridesKind(base, { school: { ratios: {} } })).toBe(false);
    expect(overridesKind(base, { school: { rounding: 'ceil' } })).toBe(true);
    const kg = applyOverrides(shipped('kindergarten', '2023-12-31'), {
      kindergarten: { mode: 'perClass', rounding: 'ceil' },
    });
    expect(kg).toMatchObject({
      rounding: 'ceil',
      rule: { mode: 'perClass', staffPerClass: 3, fullDayRatio: 7 },
    });
  });

  it('ships defaults that pass their own schema', () => {
    for (const d of DEFAULT_STANDARDS) {
      const { version: _version, ...input } = d;
      expect(StandardInput.safeParse(input).success).toBe(true);
    }
    expect(
      StandardInput.safeParse({ ...DEFAULT_STANDARDS[0], validFrom: '2020-01-01', validTo: '2019-12-31' })
        .success,
    ).toBe(false);
    expect(StandardsWhatIf.safeParse({ standards: { school: { ratios: { senior: 0 } } } }).success).toBe(
      false,
    );
  });
});
