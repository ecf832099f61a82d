import { describe, expect, it } from 'vitest';
import { BASIC_PLACES, renderBasicText } from '../../../../src/common/report-basic.ts';
import type { BasicReport } from '../../api/index.ts';
import { buildReportLines, reportPlainText } from './reportText.ts';

/** A report whose every figure is its place number (57 for the 党政机构), so positions are visible. */
function report(missing: readonly string[] = []): BasicReport {
  return {
    regionCode: '640121',
    regionName: '永宁县',
    cityName: '银川市',
    asOf: '2026-06-30',
    counties: [],
    figures: BASIC_PLACES.filter((p) => p.kind === 'count' && !missing.includes(p.key)).map((p) => ({
      key: p.key,
      label: p.label,
      definition: p.definition,
      value: p.place === 0 ? 57 : p.place,
      drill: p.drill,
    })),
  };
}

describe('the text of 一、基本情况', () => {
  it('fills every place of the template in order, names included, headings apart', () => {
    const lines = buildReportLines(report());
    expect(lines[0]).toMatchObject({ kind: 'heading1' });
    expect(lines.filter((l) => l.kind === 'heading2').length).toBeGreaterThan(0);
    const text = reportPlainText(lines);
    expect(text).not.toContain('*');
    expect(text).toContain('永宁县共设置党政机构57个');
    const figures = lines.flatMap((l) => l.segments).filter((s) => s.type === 'figure');
    const counts = BASIC_PLACES.filter((p) => p.kind === 'count');
    expect(figures.length).toBe(counts.length);
    // Numbered places come in template order: each figure's value is its place.
    const numbered = figures
      .filter((s) => s.type === 'figure' && s.value !== 57)
      .map((s) => (s.type === 'figure' ? s.value : null));
    expect(numbered).toEqual([...numbered].sort((a, b) => (a ?? 0) - (b ?? 0)));
  });

  it('reads exactly as the server’s text of the same report (one wording, one set of figures)', () => {
    const r = report();
    expect(reportPlainText(buildReportLines(r))).toBe(renderBasicText(r));
    const city = { ...r, regionCode: '640100', regionName: '银川市' };
    expect(reportPlainText(buildReportLines(city))).toBe(renderBasicText(city));
  });

  it('shows a figure the report lacks as a dash, not a number', () => {
    const key = BASIC_PLACES.find((p) => p.kind === 'count' && p.place > 0)?.key ?? '';
    const lines = buildReportLines(report([key]));
    const segment = lines.flatMap((l) => l.segments).find((s) => s.type === 'figure' && s.key === key);
    expect(segment).toMatchObject({ type: 'figure', value: null });
    expect(reportPlainText(lines)).toContain('—');
  });
});
