// What a cell of 学生数与人口 accepts while being typed in: a whole number from 0 to 100,000,000,
// or nothing (the figure left empty). Anything else is refused and the cell keeps its value.

export const MAX_COUNT = 100_000_000;

/** The typed text as a count: a number, null for an empty cell, or undefined when refused. */
export function parseCount(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return n <= MAX_COUNT ? n : undefined;
}
