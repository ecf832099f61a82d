import { Tag } from 'antd';
import type { PersonStatus, UnitCategory } from '../../../src/common/labels.ts';

const CATEGORY_COLORS: Record<UnitCategory, string> = {
  纪检监察机关: 'red',
  党委工作机关: 'volcano',
  人大机关: 'orange',
  政府工作部门: 'blue',
  政协机关: 'gold',
  群众团体: 'magenta',
  乡镇: 'green',
  街道: 'cyan',
  派出机构: 'purple',
  事业单位: 'geekblue',
  内设机构: 'default',
};

function isCategory(value: string): value is UnitCategory {
  return Object.hasOwn(CATEGORY_COLORS, value);
}

export function CategoryTag({ category, small }: { category: string; small?: boolean }) {
  const color = isCategory(category) ? CATEGORY_COLORS[category] : 'default';
  return (
    <Tag color={color} className={small ? 'bz-tag-small' : undefined} variant="outlined">
      {category}
    </Tag>
  );
}

const STATUS_COLORS: Record<PersonStatus, string> = {
  在编: 'success',
  待入编: 'processing',
  已出编: 'default',
};

export function PersonStatusTag({ status }: { status: PersonStatus }) {
  return <Tag color={STATUS_COLORS[status]}>{status}</Tag>;
}

/** The state of a ledger row: 已更正 (retracted), 现行 (in force) or 已失效 (superseded / expired). */
export function LedgerStateTag({ inForce, retracted }: { inForce: boolean; retracted: boolean }) {
  if (retracted) return <Tag color="warning">已更正</Tag>;
  if (inForce) return <Tag color="success">现行</Tag>;
  return <Tag>已失效</Tag>;
}

export function AbolishedTag({ small }: { small?: boolean }) {
  return (
    <Tag className={small ? 'bz-tag-small' : undefined} color="default">
      已撤销
    </Tag>
  );
}
