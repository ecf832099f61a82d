// The 基本框架图: the region at the root, the categories of units below it, then the units and their
// sub-units by parent. Only units that exist on the date are drawn; which ones the server says
// (the tree counts nothing itself beyond the branches it is given). Labels carry full names: the
// columns are as wide as the longest visible name, so no name is cut.
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
  /**
   * The same units counted on the server's basis (UNIT_COUNT_BASIS: 内设机构 are drawn but not
   * counted), so the labels agree with the 首页, the report and the header of the chart.
   */
  counted: number;
  children: OrgBranch[];
}

/**
 * How deep the chart opens (the root is depth 0): the region and its categories open, the units
 * showing with their sub-units folded — unless that is more rows than a screen reads, then the
 * categories stay folded too.
 */
export const INITIAL_DEPTH = 2;
/** Above this many rows at INITIAL_DEPTH the chart opens with only the root expanded. */
export const READABLE_ROWS = 60;

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
    counted: (branch.unit.category === '内设机构' ? 0 : 1) + children.reduce((sum, c) => sum + c.counted, 0),
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
      counted: children.reduce((sum, c) => sum + c.counted, 0),
      children,
    };
  });
  return {
    key: 'root',
    name: regionName,
    kind: 'root',
    depth: 0,
    size: existing.length,
    counted: categories.reduce((sum, c) => sum + c.counted, 0),
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

/** The nodes expanded down to `depth` levels below the root (the root counts as 0). */
export function expandedTo(root: OrgBranch, depth: number): Set<string> {
  const keys = new Set<string>();
  const visit = (branch: OrgBranch) => {
    if (branch.depth - root.depth < depth && branch.children.length > 0) keys.add(branch.key);
    branch.children.forEach(visit);
  };
  visit(root);
  return keys;
}

/** The nodes the chart opens with: INITIAL_DEPTH, or only the root when that is unreadably long. */
export function initialExpanded(root: OrgBranch): Set<string> {
  const deep = expandedTo(root, INITIAL_DEPTH);
  return visibleExtent(root, deep).rows <= READABLE_ROWS ? deep : expandedTo(root, 1);
}

/**
 * One department's branch as a tree of its own (its sub-units below it), or null when the key is
 * not a unit of the tree.
 */
export function subtree(root: OrgBranch, key: string): OrgBranch | null {
  const found = indexTree(root).get(key);
  if (!found || found.kind !== 'unit') return null;
  const reroot = (branch: OrgBranch, depth: number): OrgBranch => ({
    ...branch,
    depth,
    children: branch.children.map((child) => reroot(child, depth + 1)),
  });
  return reroot(found, 0);
}

/** The units with sub-units, in the tree's order: the departments a chart can be drawn for. */
export function departments(root: OrgBranch): { key: string; name: string; size: number }[] {
  const out: { key: string; name: string; size: number }[] = [];
  const visit = (branch: OrgBranch) => {
    if (branch.kind === 'unit' && branch.children.length > 0)
      out.push({ key: branch.key, name: branch.name, size: branch.size });
    branch.children.forEach(visit);
  };
  visit(root);
  return out;
}

/** The text of a node's label: a unit's full name, a category or region with its unit count. */
export function labelText(branch: OrgBranch): string {
  return branch.kind === 'unit' ? branch.name : `${branch.name}（${String(branch.counted)}）`;
}

const LABEL_FONT: Record<OrgBranch['kind'], number> = { root: 15, category: 13, unit: 12 };
const LABEL_PADDING: Record<OrgBranch['kind'], number> = { root: 20, category: 16, unit: 12 };

/** The width in pixels a label needs: Chinese characters a full em, Latin letters and digits about 0.6. */
export function labelWidth(branch: OrgBranch): number {
  let ems = 0;
  for (const ch of labelText(branch)) ems += ch.charCodeAt(0) < 0x100 ? 0.6 : 1;
  return Math.ceil(ems * LABEL_FONT[branch.kind]) + LABEL_PADDING[branch.kind] + 2;
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
): { rows: number; levels: number; labelWidth: number } {
  let rows = 0;
  let levels = 0;
  let widest = 0;
  let previousParent: OrgBranch | null = null;
  const walk = (branch: OrgBranch, parent: OrgBranch | null, level: number) => {
    levels = Math.max(levels, level);
    widest = Math.max(widest, labelWidth(branch));
    if (branch.children.length === 0 || !expanded.has(branch.key)) {
      rows += previousParent === null || previousParent === parent ? 1 : 2;
      previousParent = parent;
      return;
    }
    for (const child of branch.children) walk(child, branch, level + 1);
  };
  walk(root, null, 1);
  return { rows, levels, labelWidth: widest };
}

export const ROW_HEIGHT = 24;
/** Room between a label's end and the next column's nodes, for the connecting lines. */
export const EDGE_ROOM = 56;
const MARGIN = { top: 24, bottom: 24, left: 24, right: 24 };

/**
 * The size the drawing needs so that no two labels overlap and none is cut: each column as wide as
 * the widest visible label, the last column's labels inside the right margin.
 */
export function chartSize(extent: { rows: number; levels: number; labelWidth: number }): {
  width: number;
  height: number;
  right: number;
} {
  const column = extent.labelWidth + EDGE_ROOM;
  const right = MARGIN.right + extent.labelWidth + 8;
  return {
    width: Math.max(1, extent.levels - 1) * column + MARGIN.left + right,
    height: extent.rows * ROW_HEIGHT + MARGIN.top + MARGIN.bottom,
    right,
  };
}

/**
 * The scale and offset that fit a drawing into a frame: whole if it can be read (not below
 * `minScale`), never enlarged; centred, or when too tall, with its root (at mid-height, left)
 * in view.
 */
export function fitView(
  drawing: { width: number; height: number },
  frame: { width: number; height: number },
  minScale = 0.6,
): { scale: number; x: number; y: number } {
  const whole = Math.min(1, frame.width / drawing.width, frame.height / drawing.height);
  const scale = Math.max(Math.min(whole, 1), Math.min(minScale, 1));
  const width = drawing.width * scale;
  const height = drawing.height * scale;
  const x = width <= frame.width ? (frame.width - width) / 2 : 0;
  const y = height <= frame.height ? (frame.height - height) / 2 : frame.height / 2 - height / 2;
  return { scale, x, y };
}

/** The view zoomed by `factor` about a point of the frame, within the scale limits. */
export function zoomView(
  view: { scale: number; x: number; y: number },
  factor: number,
  at: { x: number; y: number },
  limits = { min: 0.1, max: 3 },
): { scale: number; x: number; y: number } {
  const scale = Math.min(limits.max, Math.max(limits.min, view.scale * factor));
  const k = scale / view.scale;
  return { scale, x: at.x - (at.x - view.x) * k, y: at.y - (at.y - view.y) * k };
}

function categoryColor(name: string): string {
  return Object.hasOwn(CATEGORY_COLORS, name) ? CATEGORY_COLORS[name as UnitCategory] : '#595959';
}

function nodeOption(branch: OrgBranch, expanded: ReadonlySet<string>, color: string): TreeNodeOption {
  const hasChildren = branch.children.length > 0;
  const node: TreeNodeOption = { name: labelText(branch), value: branch.key };
  if (hasChildren) node.collapsed = !expanded.has(branch.key);
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
    };
  }
  if (hasChildren) node.children = branch.children.map((child) => nodeOption(child, expanded, color));
  return node;
}

/**
 * The chart option: every node with children expanded or collapsed as the set says. The
 * drawing is meant for a box of chartSize(visibleExtent(root, expanded)); the page zooms and pans
 * the box itself, so ECharts' own roam stays off.
 */
export function orgChartOption(
  root: OrgBranch,
  expanded: ReadonlySet<string>,
  opts: { tooltip?: (key: string) => string; animation?: boolean },
): ChartOption {
  const rootColor = root.unit ? categoryColor(root.unit.category) : '#0f3d7a';
  const data = nodeOption(root, expanded, rootColor);
  if (root.kind === 'root')
    data.children = root.children.map((category) =>
      nodeOption(category, expanded, categoryColor(category.name)),
    );
  const { right } = chartSize(visibleExtent(root, expanded));
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
        right,
        symbol: 'circle',
        symbolSize: 7,
        initialTreeDepth: -1,
        // The page toggles nodes itself (and redraws at the new size).
        expandAndCollapse: false,
        roam: false,
        lineStyle: { color: '#a9b8cc', width: 1 },
        label: { position: 'right', align: 'left', verticalAlign: 'middle', distance: 6, fontSize: 12 },
        leaves: { label: { position: 'right', align: 'left', verticalAlign: 'middle' } },
        emphasis: { focus: 'ancestor' },
        animation: opts.animation ?? true,
        animationDuration: 300,
        animationDurationUpdate: 300,
      },
    ],
  };
}
