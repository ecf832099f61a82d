// Formula injection (CSV / spreadsheet injection, OWASP): a cell whose text starts with = + - @
// or a tab or carriage return may be run as a formula when the file is opened in a spreadsheet
// program (`=cmd|' /C calc'!A0`, `@SUM(1)`). Every export that writes user text passes it
// through `neutralizeCellText`, which prefixes such text with a single quote; the import takes
// exactly that quote off again with `restoreCellText`, so an exported value re-imports as it was.
//
// The rule (docs/import-format.md): on export a quote is added to text that starts with any
// number of single quotes followed by one of = + - @ tab CR; on import one quote is removed from
// text that starts with one or more single quotes followed by one of those. Text that merely
// starts with a quote (`'abc`) is left alone both ways. Each direction undoes the other exactly.

const DANGER = /^'*[=+\-@\t\r]/;
const NEUTRALIZED = /^'+[=+\-@\t\r]/;

/** Text safe to put in a CSV field or a spreadsheet text cell. */
export function neutralizeCellText(text: string): string {
  return DANGER.test(text) ? `'${text}` : text;
}

/** The text an exported (neutralized) cell stood for. */
export function restoreCellText(text: string): string {
  return NEUTRALIZED.test(text) ? text.slice(1) : text;
}

/** A spreadsheet cell value with its text neutralized; numbers, dates and empty cells as they are. */
export function safeCell<T>(value: T): T | string {
  return typeof value === 'string' ? neutralizeCellText(value) : value;
}

/** A row of spreadsheet cells (exceljs `addRow`) with every text neutralized. */
export function safeRow<T>(values: readonly T[]): (T | string)[] {
  return values.map(safeCell);
}
