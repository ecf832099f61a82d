// The 全年汇报 (the county's whole yearly report) as a living document: prose paragraphs whose
// figures are placeholders naming a figure of the system, {{basic.partyOrgans}}. The syntax is
// kept here once, for the server (validation, rendering) and the web (inline figure tags).

/** A placeholder: two braces, a figure key of letters, digits and dots, two braces. */
const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)\s*\}\}/g;

export type Segment = { kind: 'text'; text: string } | { kind: 'figure'; key: string };

/** A paragraph cut into its prose and its figures, in order. */
export function segmentsOf(paragraph: string): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of paragraph.matchAll(PLACEHOLDER)) {
    const at = m.index;
    if (at > last) out.push({ kind: 'text', text: paragraph.slice(last, at) });
    out.push({ kind: 'figure', key: m[1] ?? '' });
    last = at + m[0].length;
  }
  if (last < paragraph.length) out.push({ kind: 'text', text: paragraph.slice(last) });
  return out;
}

/** The figure keys a paragraph names, in order (repeats kept). */
export function placeholdersOf(paragraph: string): string[] {
  return segmentsOf(paragraph).flatMap((s) => (s.kind === 'figure' ? [s.key] : []));
}

/** The placeholder text of a figure key. */
export function placeholder(key: string): string {
  return `{{${key}}}`;
}

/** Section headings as the county writes them: 一、… and （一）…. */
export function headingLevel(paragraph: string): 1 | 2 | null {
  if (/^[一二三四五六七八九十]+、/.test(paragraph)) return 1;
  if (/^[（(][一二三四五六七八九十]+[）)]/.test(paragraph)) return 2;
  return null;
}

/** The paragraphs grouped under their level-1 headings (一、基本情况 …), keeping each index. */
export function sectionsOf(paragraphs: readonly string[]): { title: string; indexes: number[] }[] {
  const out: { title: string; indexes: number[] }[] = [];
  paragraphs.forEach((p, i) => {
    const current = out.at(-1);
    if (headingLevel(p) === 1 || !current)
      out.push({ title: headingLevel(p) === 1 ? p : '前言', indexes: [i] });
    else current.indexes.push(i);
  });
  return out;
}
