// The 基本框架图: the region at the root, the categories of units below it, then the units and their
// sub-units by parent. Only units that exist on the date are drawn.
import type { TreeSeriesOption } from 'echarts/charts';
import type { UnitCategory } from '../../../../src/common/labels.ts';
import type { UnitNode } from '../../api/index.ts';
import type { ChartOption } from '../../components/EChart.tsx';
import { buildForest, groupByCategory, type UnitBranch } from '../../lib/unitTree.ts';

type TreeNodeOption = NonNullable<TreeSeriesOption['data']>[number];

export interface OrgBranch {
  /** 'root', 'c:<category>' or 'u<id>'; also the node's value in the chart. */
  key: string;
  name: string;
  kind: 'root' | 'category' | 'unit';
  depth: number;
  unit?: UnitNode;
  /** Units below (for categories and units), sub-units included. */
  size: number;
  children: OrgBranch[];
}

/**
 * ECharts' initialTreeDepth: it counts the root as depth 1 and expands nodes of depth ≤ this, so the
 * region and its categories are open and the units show, their sub-units folded.
 */
export const INITIAL_DEPTH = 2;

const CATEGORY_COLORS: Record<UnitCategory, string> = {
  纪检监察机关: '#c8102e',
  党委工作机关: '#d4380d',
  人大机关: '#d46b08',
  政府工作部门: '#1d5fb3',
  政协机关: '#ad8b00',
  群众团体: '#c41d7f',
  乡镇: '#389e0d',
  街道: '#08979c',
  派出机构: '#531dab',
  事业单位: '#2f54eb',
  内设机构: '#595959',
};

function unitBranch(branch: UnitBranch, depth: number): OrgBranch {
  const children = branch.children.map((child) => unitBranch(child, depth + 1));
  return {
    key: `u${String(branch.unit.id)}`,
    name: branch.unit.name,
    kind: 'unit',
    depth,
    unit: branch.unit,
    size: 1 + children.reduce((sum, c) => sum + c.size, 0),
    children,
  };
}

export function buildOrgTree(units: readonly UnitNode[], regionName: string): OrgBranch {
  const existing = units.filter((u) => u.exists);
  const groups = groupByCategory(buildForest(existing));
  const categories = groups.map((group) => {
    const children = group.roots.map((root) => unitBranch(root, 2));
    return {
      key: `c:${group.category}`,
      name: group.category,
      kind: 'category' as const,
      depth: 1,
      size: group.size,
      children,
    };
  });
  return {
    key: 'root',
    name: regionName,
    kind: 'root',
    depth: 0,
    size: existing.length,
    children: categories,
  };
}

export function indexTree(root: OrgBranch): Map<string, OrgBranch> {
  const index = new Map<string, OrgBranch>();
  const visit = (branch: OrgBranch) => {
    index.set(branch.key, branch);
    branch.children.forEach(visit);
  };
  visit(root);
  return index;
}

/** The keys of the nodes ECharts expands at first (our depth counts the root as 0, theirs as 1). */
export function initialExpanded(root: OrgBranch): Set<string> {
  const keys = new Set<string>();
  const visit = (branch: OrgBranch) => {
    if (branch.depth + 1 <= INITIAL_DEPTH && branch.children.length > 0) keys.add(branch.key);
    branch.children.forEach(visit);
  };
  visit(root);
  return keys;
}

export function allExpanded(root: OrgBranch): Set<string> {
  const keys = new Set<string>();
  const visit = (branch: OrgBranch) => {
    if (branch.children.length > 0) keys.add(branch.key);
    branch.children.forEach(visit);
  };
  visit(root);
  return keys;
}

/**
 * How many rows and columns (levels) the tree shows with these nodes expanded. Rows count the
 * visible leaves with ECharts' spacing: a leaf whose parent differs from the previous leaf's takes
 * two rows' room.
 */
export function visibleExtent(
  root: OrgBranch,
  expanded: ReadonlySet<string>,
): { rows: number; levels: number } {
  let rows = 0;
  let levels = 0;
  let previousParent: OrgBranch | null = null;
  const walk = (branch: OrgBranch, parent: OrgBranch | null, level: number) => {
    levels = Math.max(levels, level);
    if (branch.children.length === 0 || !expanded.has(branch.key)) {
      rows += previousParent === null || previousParent === parent ? 1 : 2;
      previousParent = parent;
      return;
    }
    for (const child of branch.children) walk(child, branch, level + 1);
  };
  walk(root, null, 1);
  return { rows, levels };
}

export const ROW_HEIGHT = 24;
export const LEVEL_WIDTH = 260;
const MARGIN = { top: 24, bottom: 24, left: 24, right: 240 };

/** The size the drawing needs so that no two labels overlap. */
export function chartSize(extent: { rows: number; levels: number }): { width: number; height: number } {
  return {
    width: Math.max(1, extent.levels - 1) * LEVEL_WIDTH + MARGIN.left + MARGIN.right,
    height: extent.rows * ROW_HEIGHT + MARGIN.top + MARGIN.bottom,
  };
}

function categoryColor(name: string): string {
  return Object.hasOwn(CATEGORY_COLORS, name) ? CATEGORY_COLORS[name as UnitCategory] : '#595959';
}

function nodeOption(branch: OrgBranch, expanded: ReadonlySet<string> | null, color: string): TreeNodeOption {
  const hasChildren = branch.children.length > 0;
  const node: TreeNodeOption = {
    name: branch.kind === 'unit' ? branch.name : `${branch.name}（${String(branch.size)}）`,
    value: branch.key,
  };
  if (expanded !== null && hasChildren) node.collapsed = !expanded.has(branch.key);
  if (branch.kind === 'root') {
    node.symbolSize = 12;
    node.itemStyle = { color: '#0f3d7a', borderColor: '#0f3d7a' };
    node.label = {
      color: '#fff',
      backgroundColor: '#0f3d7a',
      fontSize: 15,
      fontWeight: 'bold',
      padding: [6, 10],
      borderRadius: 4,
    };
  } else if (branch.kind === 'category') {
    node.symbolSize = 10;
    node.itemStyle = { color, borderColor: color };
    node.label = {
      color,
      backgroundColor: '#fff',
      borderColor: color,
      borderWidth: 1,
      fontSize: 13,
      fontWeight: 'bold',
      padding: [4, 8],
      borderRadius: 3,
    };
  } else {
    node.itemStyle = { borderColor: color, color: hasChildren ? color : '#fff' };
    node.label = {
      backgroundColor: '#fff',
      borderColor: hasChildren ? color : '#d5dbe5',
      borderWidth: 1,
      padding: [2, 6],
      borderRadius: 2,
      fontSize: 12,
      color: '#1f1f1f',
      width: 200,
      overflow: 'truncate',
    };
  }
  if (hasChildren) node.children = branch.children.map((child) => nodeOption(child, expanded, color));
  return node;
}

/**
 * The chart option. With `expanded` null the tree opens to INITIAL_DEPTH (initialTreeDepth);
 * otherwise every node with children is expanded or collapsed as the set says.
 */
export function orgChartOption(
  root: OrgBranch,
  expanded: ReadonlySet<string> | null,
  opts: { roam: boolean; tooltip?: (key: string) => string },
): ChartOption {
  const data = nodeOption(root, expanded, '#0f3d7a');
  data.children = root.children.map((category) =>
    nodeOption(category, expanded, categoryColor(category.name)),
  );
  const tooltip = opts.tooltip;
  return {
    backgroundColor: '#ffffff',
    tooltip: tooltip
      ? {
          trigger: 'item',
          triggerOn: 'mousemove',
          confine: true,
          formatter: (params) => {
            const one = Array.isArray(params) ? params[0] : params;
            return one && typeof one.value === 'string' ? tooltip(one.value) : '';
          },
        }
      : undefined,
    series: [
      {
        type: 'tree',
        data: [data],
        layout: 'orthogonal',
        orient: 'LR',
        edgeShape: 'polyline',
        // Labels sit right of their node; the fork is past the longest label so no line crosses one.
        edgeForkPosition: '90%',
        top: MARGIN.top,
        bottom: MARGIN.bottom,
        left: MARGIN.left,
        right: MARGIN.right,
        symbol: 'circle',
        symbolSize: 7,
        initialTreeDepth: INITIAL_DEPTH,
        expandAndCollapse: true,
        roam: opts.roam,
        scaleLimit: { min: 0.2, max: 4 },
        lineStyle: { color: '#a9b8cc', width: 1 },
        label: { position: 'right', align: 'left', verticalAlign: 'middle', distance: 6, fontSize: 12 },
        leaves: { label: { position: 'right', align: 'left', verticalAlign: 'middle' } },
        emphasis: { focus: 'ancestor' },
        animationDuration: 300,
        animationDurationUpdate: 300,
      },
    ],
  };
}
