// Labels of the reconciliation pages: the shared names come from src/common/reconciliation.ts.
import {
  DIFFERENCE_LABELS,
  RECONCILIATION_SOURCES,
  SOURCE_LABELS,
  type DifferenceKind,
  type ReconciliationSource,
} from '../../api/reconciliation.ts';

export { DIFFERENCE_LABELS, SOURCE_LABELS };

/** The choices of the 来源 select. */
export const SOURCE_OPTIONS: { value: ReconciliationSource; label: string }[] = RECONCILIATION_SOURCES.map(
  (value) => ({
    value,
    label: SOURCE_LABELS[value],
  }),
);

/** What each kind of difference means, for the tab's hint. */
export const DIFFERENCE_HINTS: Record<DifferenceKind, string> = {
  not_on_establishment:
    '名单上有、但比对日不在本县编制内的人员（实名库中无此人，或为待入编、已出编、在其他县）——在册领薪却无编制，需重点核实。',
  not_on_list: '比对日在本县编制内、但名单上没有的人员。',
  other_unit: '同一人，名单上的单位与实名库不一致（单位名称按规范化后比较，简称不会自动识别）。',
  other_quota_type: '同一人、同一单位，名单上的编制类型与实名库不一致（行政编制与政法专项编制视为同类）。',
  invalid_row: '无法比对的行：身份证号有误、必填项为空、同一人重复出现，或编制类型无法识别。',
};
