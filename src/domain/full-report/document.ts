// The pieces the 全年汇报 use cases share: the county it is written for, its document (stored,
// or the default text while nothing is saved), and the figures as the wire carries them.
import type { FullReportChange, FullReportFigure } from '../../common/wire-full-report.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { findReportDocument } from '../../db/repositories/full-report.ts';
import { invalid } from '../../errors.ts';
import { reportScope, type ReportScope } from '../reports/report-scope.ts';
import { defaultParagraphs } from './default-template.ts';
import { FIGURES } from './figures.ts';
import {
  changedFigures,
  fillParagraph,
  formatFigure,
  namedFigures,
  SOURCE_LABELS,
  sourceText,
  type FigureDef,
  type FigureValues,
} from './rules.ts';

export const FIGURE_DEFS: ReadonlyMap<string, FigureDef> = new Map(FIGURES.map((f) => [f.key, f]));

/** The county a document is written for; a city or province keeps no 全年汇报 of its own. */
export async function countyScope(db: Executor, regionCode: string): Promise<ReportScope> {
  const scope = await reportScope(db, regionCode);
  if (scope.counties.length !== 1 || scope.counties[0]?.code !== regionCode)
    throw invalid('全年汇报按县（市、区）编写：请选择一个县级行政区划');
  return scope;
}

export interface WorkingDocument {
  id: number | null;
  title: string;
  workFrom: string;
  paragraphs: string[];
  version: number;
  updatedAt: string | null;
}

export function defaultTitle(regionName: string, year: number): string {
  return `${regionName}${String(year)}年机构编制工作情况汇报`;
}

/** The stored document of the year, or the default text (the seed's structure) with version 0. */
export async function documentOrDefault(
  db: Executor,
  scope: ReportScope,
  year: number,
): Promise<WorkingDocument> {
  const stored = await findReportDocument(db, { regionCode: scope.regionCode, year });
  if (stored) return { ...stored };
  return {
    id: null,
    title: defaultTitle(scope.regionName, year),
    // The county wrote "2022年以来" in its 2023 report: the period starts a year before.
    workFrom: `${String(year - 1)}-01-01`,
    paragraphs: defaultParagraphs({ county: scope.regionName, city: scope.cityName }),
    version: 0,
    updatedAt: null,
  };
}

export function figureDtos(values: FigureValues): FullReportFigure[] {
  return FIGURES.map((f) => {
    const value = values[f.key] ?? null;
    return {
      key: f.key,
      label: f.label,
      source: f.source,
      sourceLabel: SOURCE_LABELS[f.source],
      definition: f.definition,
      value,
      text: formatFigure(value, f.format),
    };
  });
}

export function filledParagraphs(paragraphs: readonly string[], values: FigureValues): string[] {
  return paragraphs.map((p) => fillParagraph(p, values, FIGURE_DEFS));
}

/** The values of the figures a document names (what a rendering keeps). */
export function namedValues(paragraphs: readonly string[], values: FigureValues): FigureValues {
  return Object.fromEntries(namedFigures(paragraphs).map((k) => [k, values[k] ?? null]));
}

export function changesSince(before: FigureValues, now: FigureValues): FullReportChange[] {
  return changedFigures(before, now).map((c) => {
    const d = FIGURE_DEFS.get(c.key);
    const format = d?.format ?? 'count';
    return {
      key: c.key,
      label: d?.label ?? c.key,
      before: c.key in before ? formatFigure(c.before, format) : '（上次未引用）',
      after: formatFigure(c.after, format),
    };
  });
}

/** The rows of the appendix 数据来源: each figure the text names, its value, its source and page. */
export function sourceRows(paragraphs: readonly string[], values: FigureValues) {
  return namedFigures(paragraphs).flatMap((key) => {
    const d = FIGURE_DEFS.get(key);
    if (!d) return [];
    return [
      {
        label: d.label,
        value:
          values[key] === null || values[key] === undefined ? '无数据' : formatFigure(values[key], d.format),
        source: sourceText(d.source),
      },
    ];
  });
}
