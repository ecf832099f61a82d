import { TreeSelect } from 'antd';
import { useMemo, type CSSProperties } from 'react';
import type { UnitNode } from '../api/index.ts';
import { buildForest, groupByCategory, type UnitBranch } from '../lib/unitTree.ts';

interface SelectNode {
  value: string;
  title: string;
  selectable?: boolean;
  children?: SelectNode[];
}

function toNodes(branches: readonly UnitBranch[]): SelectNode[] {
  return branches.map((branch) => ({
    value: String(branch.unit.id),
    title: branch.unit.exists ? branch.unit.name : `${branch.unit.name}（已撤销）`,
    children: branch.children.length > 0 ? toNodes(branch.children) : undefined,
  }));
}

interface UnitTreeSelectProps {
  units: readonly UnitNode[];
  value: number | undefined;
  onChange: (id: number | undefined) => void;
  loading?: boolean;
  placeholder?: string;
  style?: CSSProperties;
  disabled?: boolean;
}

/** Picks one unit of the region; the tree is grouped by category like the 机构 page. */
export function UnitTreeSelect({
  units,
  value,
  onChange,
  loading,
  placeholder,
  style,
  disabled,
}: UnitTreeSelectProps) {
  const treeData = useMemo(
    () =>
      groupByCategory(buildForest(units)).map((group) => ({
        value: `c:${group.category}`,
        title: group.category,
        selectable: false,
        children: toNodes(group.roots),
      })),
    [units],
  );
  return (
    <TreeSelect
      showSearch
      allowClear
      disabled={disabled}
      loading={loading}
      treeData={treeData}
      treeNodeFilterProp="title"
      value={value === undefined ? undefined : String(value)}
      onChange={(next: string | undefined) => onChange(next ? Number(next) : undefined)}
      placeholder={placeholder ?? '全部机构'}
      style={style}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, minWidth: 320 } } }}
      notFoundContent="暂无数据"
      treeDefaultExpandAll={false}
    />
  );
}
