// Pure logic of the 全年汇报 page: a paragraph as prose and figure tags (value, label, source),
// where a figure's rows are listed, and inserting a figure into a paragraph being edited.
// Values come from the server; nothing here computes one.
import { placeholder, segmentsOf } from '../../../../src/common/full-report.ts';
import type { FullReportFigure } from '../../../../src/common/wire-full-report.ts';

export type Token =
  | { kind: 'text'; text: string }
  | { kind: 'figure'; key: string; figure: FullReportFigure | null; changed: boolean };

/** A paragraph as the page shows it: prose, and each placeholder as its figure (or unknown). */
export function tokensOf(
  paragraph: string,
  figures: ReadonlyMap<string, FullReportFigure>,
  changed: ReadonlySet<string>,
): Token[] {
  return segmentsOf(paragraph).map((s) =>
    s.kind === 'text'
      ? s
      : { kind: 'figure', key: s.key, figure: figures.get(s.key) ?? null, changed: changed.has(s.key) },
  );
}

/** Where a figure's rows are: the 基本情况 drill-down in place, or the page that lists them. */
export type FigureLink = { kind: 'drill'; key: string } | { kind: 'page'; to: string };

export function figureLink(figure: FullReportFigure, opts: { asOf: string; workFrom: string }): FigureLink {
  const name = figure.key.slice(figure.key.indexOf('.') + 1);
  switch (figure.source) {
    case 'basic':
      return { kind: 'drill', key: name };
    case 'work':
      return { kind: 'page', to: `/work-statistics?from=${opts.workFrom}&to=${opts.asOf}` };
    case 'standards':
      return { kind: 'page', to: '/standards' };
    case 'population':
      return { kind: 'page', to: '/population' };
    case 'library':
      return { kind: 'page', to: '/library' };
  }
}

/** The text with a figure's placeholder put at the caret (the end when the caret is unknown). */
export function insertFigure(
  text: string,
  key: string,
  caret: number | null,
): { text: string; caret: number } {
  const at = caret === null || caret < 0 || caret > text.length ? text.length : caret;
  const inserted = placeholder(key);
  return { text: text.slice(0, at) + inserted + text.slice(at), caret: at + inserted.length };
}

/** "党委机构（基本情况报告）= 3": how a figure is offered in the insert list. */
export function figureOption(f: FullReportFigure): { value: string; label: string } {
  return { value: f.key, label: `${f.label}（${f.sourceLabel}）= ${f.text}` };
}
