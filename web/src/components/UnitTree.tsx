import { SearchOutlined } from '@ant-design/icons';
import { Checkbox, Input, Tooltip, Tree } from 'antd';
import type { TreeDataNode } from 'antd';
import { useEffect, useMemo, useState, type Key, type ReactNode } from 'react';
import type { UnitNode } from '../api/index.ts';
import {
  ancestorKeys,
  buildForest,
  filterForest,
  groupByCategory,
  groupKey,
  parseUnitKey,
  unitKey,
  type UnitBranch,
} from '../lib/unitTree.ts';
import { EmptyState } from './feedback.tsx';
import { AbolishedTag, CategoryTag } from './tags.tsx';

function Highlight({ text, keyword }: { text: string; keyword: string }) {
  if (!keyword) return <>{text}</>;
  const at = text.toLowerCase().indexOf(keyword.toLowerCase());
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark className="bz-mark">{text.slice(at, at + keyword.length)}</mark>
      {text.slice(at + keyword.length)}
    </>
  );
}

function unitTitle(unit: UnitNode, keyword: string, showCategory: boolean): ReactNode {
  return (
    <span
      className={unit.exists ? 'bz-tree-unit' : 'bz-tree-unit bz-abolished'}
      title={`${unit.name}（${unit.code}）`}
    >
      <span className="bz-tree-name">
        <Highlight text={unit.name} keyword={keyword} />
      </span>
      {showCategory ? <CategoryTag category={unit.category} small /> : null}
      {unit.exists ? null : <AbolishedTag small />}
    </span>
  );
}

function toData(branches: readonly UnitBranch[], keyword: string, parentCategory: string): TreeDataNode[] {
  return branches.map((branch) => ({
    key: unitKey(branch.unit.id),
    // The category tag is shown where it differs from the group or parent (e.g. 内设机构, 下属事业单位).
    title: unitTitle(branch.unit, keyword, branch.unit.category !== parentCategory),
    children: branch.children.length > 0 ? toData(branch.children, keyword, branch.unit.category) : undefined,
    isLeaf: branch.children.length === 0,
  }));
}

interface UnitTreeProps {
  units: readonly UnitNode[];
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** The server's count of units and its basis (the same as the 首页 and the report). */
  counted?: { count: number; basis: string } | null;
}

/** The region's units, roots grouped by category, with a search box that filters and expands matches. */
export function UnitTree({ units, selectedId, onSelect, counted = null }: UnitTreeProps) {
  const [keyword, setKeyword] = useState('');
  // Abolished units are hidden unless asked for: the tree lists what is in force.
  const [showAbolished, setShowAbolished] = useState(false);
  const [expandedKeys, setExpandedKeys] = useState<Key[]>([]);
  const [searchExpanded, setSearchExpanded] = useState<Key[]>([]);
  const trimmed = keyword.trim();

  const visibleUnits = useMemo(
    () => (showAbolished ? units : units.filter((u) => u.exists)),
    [units, showAbolished],
  );
  const forest = useMemo(() => buildForest(visibleUnits), [visibleUnits]);

  const { treeData, matchExpand, matchCount } = useMemo(() => {
    const expand = new Set<string>();
    const filtered = trimmed ? filterForest(forest, trimmed, expand) : forest;
    const groups = groupByCategory(filtered);
    const data: TreeDataNode[] = groups.map((group) => {
      if (trimmed) expand.add(groupKey(group.category));
      return {
        key: groupKey(group.category),
        title: (
          <span className="bz-tree-group">
            {group.category}
            <span className="bz-muted">（{group.size}）</span>
          </span>
        ),
        selectable: false,
        children: toData(group.roots, trimmed, group.category),
      };
    });
    let count = 0;
    if (trimmed) {
      const needle = trimmed.toLowerCase();
      count = visibleUnits.filter(
        (u) => u.name.toLowerCase().includes(needle) || u.code.toLowerCase().includes(needle),
      ).length;
    }
    return { treeData: data, matchExpand: [...expand], matchCount: count };
  }, [forest, trimmed, visibleUnits]);

  // Open the groups at first, and the path down to the selected unit whenever it changes.
  const groupKeys = useMemo(() => groupByCategory(forest).map((g) => groupKey(g.category)), [forest]);
  useEffect(() => {
    setExpandedKeys((current) => {
      const next = new Set<Key>(current.length > 0 ? current : groupKeys);
      if (selectedId !== null) for (const key of ancestorKeys(units, selectedId)) next.add(key);
      return [...next];
    });
  }, [groupKeys, selectedId, units]);

  // Each new search opens the paths to its matches; the user may then fold them again.
  useEffect(() => {
    setSearchExpanded(matchExpand);
  }, [matchExpand]);

  return (
    <div className="bz-unit-tree">
      <Input
        data-testid="unit-tree-search"
        placeholder="搜索机构名称或编码"
        prefix={<SearchOutlined className="bz-muted" />}
        allowClear
        value={keyword}
        onChange={(event) => setKeyword(event.target.value)}
      />
      <div className="bz-tree-toolbar">
        <Checkbox
          data-testid="unit-tree-show-abolished"
          checked={showAbolished}
          onChange={(event) => setShowAbolished(event.target.checked)}
        >
          显示已撤销机构
        </Checkbox>
        {trimmed ? (
          <span className="bz-muted">匹配 {matchCount} 个</span>
        ) : counted ? (
          <Tooltip title={counted.basis}>
            <span className="bz-muted" data-testid="unit-tree-count">
              机构 {counted.count} 个
            </span>
          </Tooltip>
        ) : null}
      </div>
      <div className="bz-tree-scroll">
        {treeData.length === 0 ? (
          <EmptyState text={trimmed ? '没有匹配的机构' : '暂无机构数据'} />
        ) : (
          <Tree
            blockNode
            showLine={{ showLeafIcon: false }}
            treeData={treeData}
            expandedKeys={trimmed ? searchExpanded : expandedKeys}
            onExpand={(keys) => {
              if (trimmed) setSearchExpanded(keys);
              else setExpandedKeys(keys);
            }}
            selectedKeys={selectedId === null ? [] : [unitKey(selectedId)]}
            onSelect={(_, info) => {
              const id = parseUnitKey(String(info.node.key));
              if (id !== null) onSelect(id);
            }}
          />
        )}
      </div>
    </div>
  );
}
