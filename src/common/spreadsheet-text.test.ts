import { describe, expect, it } from 'vitest';
import { neutralizeCellText, restoreCellText, safeRow } from './spreadsheet-text.ts';

const DANGEROUS = ["=cmd|' /C calc'!A0", '+1+1', '@SUM(1)', '-2', '\tTAB', '\rCR', '=HYPERLINK("http://x")'];

describe('formula injection', () => {
  it.each(DANGEROUS)('prefixes %j with a single quote', (text) => {
    expect(neutralizeCellText(text)).toBe(`'${text}`);
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['张三', '640121', '2026-01-01', "'abc", "O'Brien", 'a=b', '', ' =x'])
      expect(neutralizeCellText(text)).toBe(text);
  });

  it('round-trips every value, including text that starts with quotes', () => {
    const values = [...DANGEROUS, "'abc", "'=1", "''+2", "'", "''", '张三', 'x'];
    for (const v of values) expect(restoreCellText(neutralizeCellText(v))).toBe(v);
  });

  it('takes off exactly one quote, and only one it could have added', () => {
    expect(restoreCellText("'=1")).toBe('=1');
    expect(restoreCellText("''=1")).toBe("'=1");
    expect(restoreCellText("'abc")).toBe("'abc");
  });

  it('neutralizes only the text of a row', () => {
    expect(safeRow(['=1', 2, null, '-x'])).toEqual(["'=1", 2, null, "'-x"]);
  });
});
