import { describe, expect, it } from 'vitest';
import { headingLevel, placeholdersOf, sectionsOf, segmentsOf } from '../../common/full-report.ts';
import { basicSectionParagraphs, defaultParagraphs } from './default-template.ts';
import { FIGURE_KEYS, FIGURES } from './figures.ts';
import {
  changedFigures,
  fillParagraph,
  formatFigure,
  namedFigures,
  NO_VALUE,
  sourceText,
  malformedPlaceholderMessage,
  malformedPlaceholders,
  unknownPlaceholderMessage,
  unknownPlaceholders,
  type FigureDef,
} from './rules.ts';

const DEFS = new Map<string, FigureDef>([
  [
    'basic.partyOrgans',
    { key: 'basic.partyOrgans', source: 'basic', label: '党委机构', definition: '', format: 'count' },
  ],
  [
    'population.latestWan',
    { key: 'population.latestWan', source: 'population', label: '人口', definition: '', format: 'wan' },
  ],
  [
    'population.growthPercent',
    {
      key: 'population.growthPercent',
      source: 'population',
      label: '增长',
      definition: '',
      format: 'percent',
    },
  ],
]);

describe('placeholders', () => {
  it('cuts a paragraph into prose and figures, tolerating spaces inside the braces', () => {
    expect(segmentsOf('党委机构{{basic.partyOrgans}}个，{{ basic.streets }}。')).toEqual([
      { kind: 'text', text: '党委机构' },
      { kind: 'figure', key: 'basic.partyOrgans' },
      { kind: 'text', text: '个，' },
      { kind: 'figure', key: 'basic.streets' },
      { kind: 'text', text: '。' },
    ]);
    expect(segmentsOf('{{a.b}}')).toEqual([{ kind: 'figure', key: 'a.b' }]);
    // Single braces and malformed keys are prose.
    expect(placeholdersOf('{basic.x} {{1bad}} {{ok.key}}')).toEqual(['ok.key']);
  });

  it('names unknown placeholders once each, and says so in Chinese', () => {
    const known = new Set(['basic.partyOrgans']);
    expect(unknownPlaceholders(['{{basic.partyOrgans}}{{x.y}}', '{{x.y}}{{z.w}}'], known)).toEqual([
      'x.y',
      'z.w',
    ]);
    expect(unknownPlaceholders(['没有数字'], known)).toEqual([]);
    expect(unknownPlaceholderMessage(['x.y'])).toBe(
      '文稿引用了系统中没有的数字：{{x.y}}。请从数字列表中选择，或删去这些占位符',
    );
  });

  it('finds stray braces a save would print: unclosed, empty or non-key placeholders', () => {
    expect(
      malformedPlaceholders(['共{{basic.partyOrgans}}个', '没有数字', '{{ basic.partyOrgans }}']),
    ).toEqual([]);
    expect(
      malformedPlaceholders(['共{{basic.partyOrgans 个', '空{{}}，又{{}}', '{{机构数}}', '多余}}']),
    ).toEqual(['{{basic.partyOrgans 个', '{{}}', '{{机构数}}', '多余}}']);
    expect(malformedPlaceholderMessage(['{{}}'])).toBe(
      '文稿中有不完整的占位符：“{{}}”。数字请用“插入数字”插入（形如 {{basic.partyOrgans}}），或删去多余的大括号',
    );
  });

  it('finds headings and groups paragraphs under the level-1 ones', () => {
    expect(headingLevel('一、基本情况')).toBe(1);
    expect(headingLevel('（二）编制基本情况')).toBe(2);
    expect(headingLevel('(四）全面开展评估工作')).toBe(2);
    expect(headingLevel('1.切实规范')).toBeNull();
    expect(sectionsOf(['前言段', '一、甲', 'a', '二、乙', 'b', 'c'])).toEqual([
      { title: '前言', indexes: [0] },
      { title: '一、甲', indexes: [1, 2] },
      { title: '二、乙', indexes: [3, 4, 5] },
    ]);
  });
});

describe('filling and formatting', () => {
  it('prints each format, and a missing value as 无数据', () => {
    expect(formatFigure(12, 'count')).toBe('12');
    expect(formatFigure(2022, 'year')).toBe('2022');
    expect(formatFigure(32, 'wan')).toBe('32.0');
    expect(formatFigure(47.3, 'percent')).toBe('47.30');
    expect(formatFigure(null, 'count')).toBe(NO_VALUE);
  });

  it('fills a paragraph from the values; the prose around a placeholder does not matter to its value', () => {
    const values = {
      'basic.partyOrgans': 7,
      'population.latestWan': 32.2,
      'population.growthPercent': 47.37,
    };
    expect(fillParagraph('党委机构{{basic.partyOrgans}}个', values, DEFS)).toBe('党委机构7个');
    expect(fillParagraph('{{basic.partyOrgans}}', values, DEFS)).toBe('7');
    expect(
      fillParagraph('人口{{population.latestWan}}万，增长{{population.growthPercent}}%', values, DEFS),
    ).toBe('人口32.2万，增长47.37%');
    // An unknown key (refused on saving) never prints a number.
    expect(fillParagraph('{{x.y}}个', values, DEFS)).toBe(`${NO_VALUE}个`);
  });
});

describe('changes between renderings', () => {
  it('lists changed, newly named and newly empty figures, and nothing else', () => {
    expect(changedFigures({ a: 1, b: 2, c: 3 }, { a: 1, b: 5, c: null, d: 4 })).toEqual([
      { key: 'b', before: 2, after: 5 },
      { key: 'c', before: 3, after: null },
      { key: 'd', before: null, after: 4 },
    ]);
    expect(changedFigures({ a: 1 }, { a: 1 })).toEqual([]);
  });

  it('names a source with the page listing its rows', () => {
    expect(sourceText('basic')).toBe('基本情况报告（统计报表）');
    expect(sourceText('work')).toBe('工作统计');
  });

  it('names figures once in order of first mention', () => {
    expect(namedFigures(['{{b.x}}{{a.y}}', '{{b.x}}{{c.z}}'])).toEqual(['b.x', 'a.y', 'c.z']);
  });
});

describe('the registry and the default text', () => {
  it('declares each key once, with a Chinese label', () => {
    expect(FIGURE_KEYS.size).toBe(FIGURES.length);
    for (const f of FIGURES) {
      expect(f.key.startsWith(`${f.source}.`)).toBe(true);
      expect(f.label).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('is the seed with its numbers bound: section 一 from the 基本情况 template, no unknown placeholder', () => {
    const paragraphs = defaultParagraphs({ county: '永宁县', city: '银川市' });
    expect(unknownPlaceholders(paragraphs, FIGURE_KEYS)).toEqual([]);
    expect(malformedPlaceholders(paragraphs)).toEqual([]);
    expect(paragraphs.join('')).not.toMatch(/\*|〔县〕|〔市〕/);
    expect(paragraphs.filter((p) => headingLevel(p) === 1).map((p) => p.slice(0, 2))).toEqual([
      '一、',
      '二、',
      '三、',
    ]);
    expect(paragraphs[0]).toContain('现将永宁县工作开展情况');
    // Section 一: the 72 places of the report, 68 figures and four names.
    const basic = basicSectionParagraphs();
    expect(basic.flatMap(placeholdersOf)).toHaveLength(68);
    expect(basic[2]).toMatch(/^〔县〕共设置党政机构\{\{basic\.partyGovernmentOrgans\}\}个/);
    expect(paragraphs.join('')).toContain('银川市委政府派出机构');
  });
});
