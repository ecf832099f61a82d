// Local copies of the labels of src/domain/reconciliation/compare.ts (the browser cannot import it).
import type { DifferenceKind, ReconciliationSource } from '../../api/reconciliation.ts';

export const SOURCE_LABELS: Record<ReconciliationSource, string> = {
  组织: '组织部（干部名单）',
  人社: '人社（工作人员名单）',
  财政: '财政（工资统发名单）',
};

/** The short names in the 来源 select. */
export const SOURCE_OPTIONS: { value: ReconciliationSource; label: string }[] = [
  { value: '组织', label: '组织部（干部名单）' },
  { value: '人社', label: '人社（工作人员名单）' },
  { value: '财政', label: '财政（工资统发名单）' },
];

export const DIFFERENCE_LABELS: Record<DifferenceKind, string> = {
  not_on_establishment: '名单有、编制内无',
  not_on_list: '编制内有、名单无',
  other_unit: '单位不一致',
  other_quota_type: '编制类型不一致',
  invalid_row: '无效行',
};

/** What each kind of difference means, for the tab's hint. */
export const DIFFERENCE_HINTS: Record<DifferenceKind, string> = {
  not_on_establishment:
    '名单上有、但比对日不在本县编制内的人员（实名库中无此人，或为待入编、已出编、在其他县）——在册领薪却无编制，需重点核实。',
  not_on_list: '比对日在本县编制内、但名单上没有的人员。',
  other_unit: '同一人，名单上的单位与实名库不一致（单位名称按规范化后比较，简称不会自动识别）。',
  other_quota_type: '同一人、同一单位，名单上的编制类型与实名库不一致（行政编制与政法专项编制视为同类）。',
  invalid_row: '无法比对的行：身份证号有误、必填项为空、同一人重复出现，或编制类型无法识别。',
};
