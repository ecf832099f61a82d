import { describe, expect, it } from 'vitest';
import type { FullReportFigure } from '../../../../src/common/wire-full-report.ts';
import { figureLink, figureOption, insertFigure, tokensOf } from './fullReport.ts';

const fig = (key: string, source: FullReportFigure['source'], value: number | null): FullReportFigure => ({
  key,
  label: `标签${key}`,
  source,
  sourceLabel: '来源',
  definition: '定义',
  value,
  text: value === null ? '（无数据）' : String(value),
});

describe('全年汇报 page logic', () => {
  const figures = new Map([
    ['basic.partyOrgans', fig('basic.partyOrgans', 'basic', 3)],
    ['work.unitsAdjusted', fig('work.unitsAdjusted', 'work', null)],
  ]);

  it('shows prose and figure tags, marking changed figures and unknown keys', () => {
    expect(
      tokensOf('党委机构{{basic.partyOrgans}}个，{{x.y}}', figures, new Set(['basic.partyOrgans'])),
    ).toEqual([
      { kind: 'text', text: '党委机构' },
      { kind: 'figure', key: 'basic.partyOrgans', figure: figures.get('basic.partyOrgans'), changed: true },
      { kind: 'text', text: '个，' },
      { kind: 'figure', key: 'x.y', figure: null, changed: false },
    ]);
  });

  it('links each figure to its rows', () => {
    const at = { asOf: '2024-06-30', workFrom: '2023-01-01' };
    expect(figureLink(fig('basic.partyOrgans', 'basic', 1), at)).toEqual({
      kind: 'drill',
      key: 'partyOrgans',
    });
    expect(figureLink(fig('work.unitsAdjusted', 'work', 1), at)).toEqual({
      kind: 'page',
      to: '/work-statistics?from=2023-01-01&to=2024-06-30',
    });
    expect(figureLink(fig('population.latestWan', 'population', 1), at)).toEqual({
      kind: 'page',
      to: '/population',
    });
    expect(figureLink(fig('library.lectures', 'library', 1), at)).toEqual({ kind: 'page', to: '/library' });
    expect(figureLink(fig('standards.year', 'standards', 1), at)).toEqual({ kind: 'page', to: '/standards' });
  });

  it('inserts a placeholder at the caret, or at the end', () => {
    expect(insertFigure('共设置个', 'basic.partyOrgans', 3)).toEqual({
      text: '共设置{{basic.partyOrgans}}个',
      caret: 24,
    });
    expect(insertFigure('共', 'a.b', null)).toEqual({ text: '共{{a.b}}', caret: 8 });
    expect(insertFigure('共', 'a.b', 99).text).toBe('共{{a.b}}');
  });

  it('offers a figure with its label, source and value', () => {
    expect(figureOption(fig('basic.partyOrgans', 'basic', 3))).toEqual({
      value: 'basic.partyOrgans',
      label: '标签basic.partyOrgans（来源）= 3',
    });
  });
});
