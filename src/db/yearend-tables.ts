// Table types of the year-end statistics and the history from before the system (0017).
import type { Generated } from 'kysely';

/** A submitted year-end 机构编制统计: the year is locked with these figures and their hash. */
export interface YearendSubmissionTable {
  id: Generated<number>;
  region_code: string;
  year: number;
  as_of: string;
  /** JSON array of YearendFigure (src/common/yearend.ts). */
  figures: string;
  hash: string;
  submitted_at: string;
  submitted_by: number | null;
  submitted_by_name: string;
}

/** A matter from before the system (历史事项), imported from the exchange format. */
export interface HistoryMatterTable {
  id: Generated<number>;
  region_code: string;
  doc_no: string;
  effective_on: string;
  unit_id: number | null;
  unit_name: string;
  kind: string;
  quota_type: string | null;
  amount: number;
  channel: string | null;
  note: string | null;
  recorded_at: string;
  retracted_at: string | null;
}
