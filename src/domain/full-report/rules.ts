// Pure rules of the 全年汇报: how a figure is printed, how a paragraph is filled in, which
// placeholders a text names that the registry does not know, and which figures changed between
// two renderings. Nothing here computes a figure: the values come from figures.ts.
import { placeholdersOf, segmentsOf } from '../../common/full-report.ts';

export type FigureSource = 'basic' | 'work' | 'standards' | 'population' | 'library';

/** How a value is printed: a count, a year, 万 with one decimal, a percentage with two. */
export type FigureFormat = 'count' | 'year' | 'wan' | 'percent';

export interface FigureDef {
  /** `<source>.<name>`, the text of its placeholder. */
  key: string;
  source: FigureSource;
  label: string;
  definition: string;
  format: FigureFormat;
}

/** Figure values by key; null where the data establish no value (无记录, no population …). */
export type FigureValues = Record<string, number | null>;

/** What a reader is told about a figure without a value. */
export const NO_VALUE = '（无数据）';

export const SOURCE_LABELS: Record<FigureSource, string> = {
  basic: '基本情况报告',
  work: '工作统计',
  standards: '编制标准测算',
  population: '人口与编制',
  library: '法规制度·学习宣讲记录',
};

/** The page of the system that lists a source's figures and the rows behind them. */
export const SOURCE_PAGES: Record<FigureSource, string> = {
  basic: '统计报表',
  work: '工作统计',
  standards: '编制标准',
  population: '人口与编制',
  library: '法规制度',
};

/** "基本情况报告（统计报表）": the source and, where its name differs, the page listing the rows. */
export function sourceText(source: FigureSource): string {
  const label = SOURCE_LABELS[source];
  const page = SOURCE_PAGES[source];
  return label === page ? label : `${label}（${page}）`;
}

export function formatFigure(value: number | null, format: FigureFormat): string {
  if (value === null) return NO_VALUE;
  if (format === 'wan') return value.toFixed(1);
  if (format === 'percent') return value.toFixed(2);
  return String(value);
}

/** The placeholders of the paragraphs that name no figure of the registry, each once. */
export function unknownPlaceholders(paragraphs: readonly string[], known: ReadonlySet<string>): string[] {
  const unknown = paragraphs.flatMap(placeholdersOf).filter((k) => !known.has(k));
  return [...new Set(unknown)];
}

/** The refusal of a text naming unknown figures, in the user's words. */
export function unknownPlaceholderMessage(keys: readonly string[]): string {
  return `文稿引用了系统中没有的数字：${keys.map((k) => `{{${k}}}`).join('、')}。请从数字列表中选择，或删去这些占位符`;
}

/**
 * The paragraphs' stray braces: a `{{` or `}}` left in the prose once the well-formed
 * placeholders are cut out (an unclosed `{{basic.x`, an empty `{{}}`), each fragment once. Such
 * text would print its braces in the document, so saving refuses it.
 */
export function malformedPlaceholders(paragraphs: readonly string[]): string[] {
  const fragments = paragraphs.flatMap((p) =>
    segmentsOf(p).flatMap((s) => {
      if (s.kind !== 'text') return [];
      return [...s.text.matchAll(/\{\{[^{}]{0,20}(?:\}\})?|[^{}]{0,20}\}\}/g)].map((m) => m[0].trim());
    }),
  );
  return [...new Set(fragments)];
}

/** The refusal of a text with stray braces, in the user's words. */
export function malformedPlaceholderMessage(fragments: readonly string[]): string {
  return `文稿中有不完整的占位符：${fragments.map((f) => `“${f}”`).join('、')}。数字请用“插入数字”插入（形如 {{basic.partyOrgans}}），或删去多余的大括号`;
}

/** A paragraph with every placeholder replaced by its printed value. */
export function fillParagraph(
  paragraph: string,
  values: FigureValues,
  defs: ReadonlyMap<string, FigureDef>,
): string {
  return segmentsOf(paragraph)
    .map((s) => {
      if (s.kind === 'text') return s.text;
      const d = defs.get(s.key);
      const v = values[s.key];
      return d && v !== undefined ? formatFigure(v, d.format) : NO_VALUE;
    })
    .join('');
}

export interface FigureChange {
  key: string;
  before: number | null;
  after: number | null;
}

/** The figures whose value differs from the one a rendering printed (new figures included). */
export function changedFigures(before: FigureValues, after: FigureValues): FigureChange[] {
  const out: FigureChange[] = [];
  for (const [key, value] of Object.entries(after)) {
    const was = key in before ? (before[key] ?? null) : null;
    if (!(key in before) || was !== value) out.push({ key, before: was, after: value });
  }
  return out;
}

/** The figures a document names, each once, in order of first mention. */
export function namedFigures(paragraphs: readonly string[]): string[] {
  return [...new Set(paragraphs.flatMap(placeholdersOf))];
}
