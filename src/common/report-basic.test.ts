import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASIC_PLACES, BASIC_TEMPLATE, renderBasicText, type BasicReport } from './report-basic.ts';

// The county's report, kept in the repository; the shared copy beside it must say the same.
const SEED = path.resolve(import.meta.dirname, '../../test/fixtures/seed/000_522dd9d366d83910.txt');
const SHARED_SEED = path.resolve(import.meta.dirname, '../../../shared/seed/000_522dd9d366d83910.txt');

function report(regionName: string, cityName: string, regionCode = '640121'): BasicReport {
  const figures = BASIC_PLACES.filter((p) => p.kind === 'count').map((p, i) => ({
    key: p.key,
    label: p.label,
    value: 100 + i,
    definition: p.definition,
    drill: p.drill,
  }));
  return { regionCode, regionName, cityName, asOf: '2026-01-01', figures, counties: [] };
}

describe('basic report template', () => {
  it('keeps the same seed as the shared folder (when it is there)', () => {
    if (fs.existsSync(SHARED_SEED))
      expect(fs.readFileSync(SEED, 'utf8')).toBe(fs.readFileSync(SHARED_SEED, 'utf8'));
  });

  it('is the seed section 一 word for word, with 57 as the only literal figure', () => {
    const seed = fs.readFileSync(SEED, 'utf8');
    const section = seed.slice(seed.indexOf('一、基本情况'), seed.indexOf('二、主要工作开展情况')).trim();
    expect(BASIC_TEMPLATE.join('\n').replace('{57}', '57')).toBe(section);
  });

  it('has 71 places and fills each in order, names included', () => {
    const text = renderBasicText(report('永宁县', '银川市'));
    expect(text).not.toContain('*');
    expect(text).toContain('永宁县共设置党政机构100个，其中：党委机构101个（纪检监察机关102个');
    expect(text).toContain('银川市委政府派出机构110个');
    expect(text).toContain('永宁县共设立事业单位111个');
    expect(text.match(/永宁县/g)).toHaveLength(3);
    const starCount = BASIC_TEMPLATE.join('').split('*').length - 1;
    expect(starCount).toBe(71);
  });

  it('names a city when the report is summed over its counties', () => {
    const text = renderBasicText(report('银川市', '银川市', '640100'));
    expect(text.startsWith('一、基本情况\n（一）机构设置情况\n全市各县（市、区）共设置党政机构')).toBe(true);
    expect(text).not.toContain('银川市共设');
    expect(text).not.toContain('全县');
    expect(text).toContain('截至目前，全市各县（市、区）实有占编人员');
    expect(text).toContain('银川市委政府派出机构');
    const province = renderBasicText(report('宁夏回族自治区', '宁夏回族自治区', '640000'));
    expect(province).toContain('全区各县（市、区）共设立事业单位');
    expect(province).toContain('各市委政府派出机构');
  });
});
