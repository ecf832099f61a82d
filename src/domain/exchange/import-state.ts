// Bookkeeping shared by the table importers of one run: errors (all counted, the first few
// thousand kept), per-table counts, progress, and the units known so far.
import type { RowError, TableName } from '../../common/exchange.ts';

export const MAX_KEPT_ERRORS = 2000;

export interface Progress {
  phase: string;
  table: string | null;
  done: number;
  total: number;
}

export interface Counts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export class ImportState {
  readonly errors: RowError[] = [];
  errorCount = 0;
  /** Plausibility warnings (e.g. a 身份证号 of someone over 120): shown, never a refusal. */
  readonly warnings: RowError[] = [];
  warningCount = 0;
  readonly counts: Partial<Record<TableName, Counts>> = {};
  done = 0;
  /** `region/code` → unit id, for units in the database or created by this run. */
  readonly unitIds = new Map<string, number>();
  /** `region/code` → category, for units in the database or in this run's 机构 sheet. */
  readonly unitCategories = new Map<string, string>();
  /** `region/code` of units named in this run's 机构 sheet, valid or not: no cascade of errors. */
  readonly unitCodesInFile = new Set<string>();
  /**
   * The file's 机构 sheet cannot say which units it names (its 行政区划代码 or 机构编码 column is
   * missing): a reference to an unknown unit is then not reported, it may be in that sheet.
   */
  unitsInFileUnknown = false;
  /** Regions whose units have been loaded to check the references of rejected rows. */
  readonly referenceRegions = new Set<string>();
  /** Per table, the columns its file lacks: reported once as a header error, not on every row. */
  private readonly missing = new Map<string, ReadonlySet<string>>();
  /** Regions the run may write to; null = any (the command line). */
  constructor(
    readonly allowedRegions: ReadonlySet<string> | null,
    readonly total: number,
    private readonly onProgress: (p: Progress) => void,
  ) {}

  missingColumns(table: TableName, columns: readonly string[]): void {
    this.missing.set(table, new Set(columns));
  }

  error(e: RowError): void {
    if (e.row > 0 && this.missing.get(e.table)?.has(e.column)) return;
    this.errorCount += 1;
    if (this.errors.length < MAX_KEPT_ERRORS) this.errors.push(e);
  }

  warn(e: RowError): void {
    this.warningCount += 1;
    if (this.warnings.length < MAX_KEPT_ERRORS) this.warnings.push(e);
  }

  count(table: TableName, kind: keyof Counts, n = 1): void {
    const c = (this.counts[table] ??= { inserted: 0, updated: 0, unchanged: 0 });
    c[kind] += n;
  }

  tick(table: TableName, n = 1): void {
    const before = Math.floor(this.done / 1000);
    this.done += n;
    if (Math.floor(this.done / 1000) !== before || this.done === this.total) {
      this.onProgress({ phase: '导入中', table, done: this.done, total: this.total });
    }
  }

  progress(phase: string, table: string | null): void {
    this.onProgress({ phase, table, done: this.done, total: this.total });
  }
}

export const unitKey = (regionCode: string, code: string): string => `${regionCode}/${code}`;

/** A cell's trimmed text (numbers as written); null when empty. */
export function cellText(value: string | number | boolean | Date | null | undefined): string | null {
  if (value === null || value === undefined || value instanceof Date) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}
