// 数据比对 on the wire: sources, kinds of difference and the shapes of a comparison and its items.
// No zod and no database here, so the web client can import it as it is.

export const RECONCILIATION_SOURCES = ['组织', '人社', '财政'] as const;
export type ReconciliationSource = (typeof RECONCILIATION_SOURCES)[number];

export const SOURCE_LABELS: Record<ReconciliationSource, string> = {
  组织: '组织部（干部名单）',
  人社: '人社（工作人员名单）',
  财政: '财政（工资统发名单）',
};

export const DIFFERENCE_KINDS = [
  'not_on_establishment',
  'not_on_list',
  'other_unit',
  'other_quota_type',
  'invalid_row',
] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

export const DIFFERENCE_LABELS: Record<DifferenceKind, string> = {
  not_on_establishment: '名单有、编制内无',
  not_on_list: '编制内有、名单无',
  other_unit: '单位不一致',
  other_quota_type: '编制类型不一致',
  invalid_row: '无效行',
};

export interface ReconciliationCounts {
  /** Data rows of the list (invalid ones included). */
  listRows: number;
  /** People on the establishment on the date. */
  ledgerPeople: number;
  /** List rows that agree with the ledger in every compared respect. */
  matched: number;
  not_on_establishment: number;
  not_on_list: number;
  other_unit: number;
  other_quota_type: number;
  invalid_row: number;
}

export interface ReconciliationSummary {
  id: number;
  regionCode: string;
  source: ReconciliationSource;
  sourceLabel: string;
  fileName: string;
  comparedOn: string;
  createdAt: string;
  createdByName: string;
  counts: ReconciliationCounts;
}

export interface DifferenceView {
  kind: DifferenceKind;
  kindLabel: string;
  /** The list's row number (header = 1); null for people missing from the list. */
  rowNumber: number | null;
  name: string;
  idMasked: string;
  listUnit: string | null;
  ledgerUnitId: number | null;
  /** The ledger unit's name on the comparison date. */
  ledgerUnitName: string | null;
  listQuotaType: string | null;
  ledgerQuotaType: string | null;
  note: string | null;
}
