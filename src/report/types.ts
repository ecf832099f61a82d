// Shapes the report renderers take that the shared report (src/common/report-basic.ts) does not
// carry: the per-unit rows of the 机构编制情况统计表.
import type { Figure } from '../domain/establishment/rules.ts';

/** One unit's quotas and leadership posts on the report's date (domain.md §5). */
export interface UnitReportRow {
  unitId: number;
  /** 机构编码. */
  code: string;
  /** 机构名称. */
  name: string;
  /** 机构类别. */
  category: string;
  /** 上级机构 (主管部门), or null for a unit directly under the county. */
  parentName: string | null;
  /** Per reporting type; null where the unit holds no quota of that type. */
  figures: Record<'行政编制' | '事业编制' | '聘用编制', Figure | null>;
  /** Per level of 科级领导职数; null where none is approved. 未配 = max(0, 核定 − 实配). */
  posts: Record<'正科' | '副科', { approved: number; filled: number; unfilled: number } | null>;
}
