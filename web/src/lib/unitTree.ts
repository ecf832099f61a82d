import { UNIT_CATEGORIES, type UnitCategory } from '../../../src/common/labels.ts';
import type { UnitNode } from '../api/index.ts';

export interface UnitBranch {
  unit: UnitNode;
  children: UnitBranch[];
}

export interface CategoryGroup {
  category: UnitCategory;
  roots: UnitBranch[];
  /** Units in the group, its sub-units included. */
  size: number;
}

export const unitKey = (id: number): string => `u${String(id)}`;
export const groupKey = (category: string): string => `c:${category}`;

export function parseUnitKey(key: string): number | null {
  const match = /^u(\d+)$/.exec(key);
  return match?.[1] ? Number(match[1]) : null;
}

function byCode(a: UnitBranch, b: UnitBranch): number {
  return a.unit.code.localeCompare(b.unit.code, 'zh-CN', { numeric: true });
}

/**
 * Builds the forest of units from the flat list. Units whose parent is null or not in the list are
 * roots; a unit caught in a parent cycle (bad data) is made a root too, so nothing disappears.
 */
export function buildForest(units: readonly UnitNode[]): UnitBranch[] {
  const branches = new Map<number, UnitBranch>();
  for (const unit of units) branches.set(unit.id, { unit, children: [] });
  const roots: UnitBranch[] = [];
  for (const branch of branches.values()) {
    const parentId = branch.unit.parentId;
    const parent = parentId === null || parentId === branch.unit.id ? undefined : branches.get(parentId);
    if (parent) parent.children.push(branch);
    else roots.push(branch);
  }
  const reached = new Set<number>();
  const visit = (branch: UnitBranch): void => {
    if (reached.has(branch.unit.id)) return;
    reached.add(branch.unit.id);
    branch.children.sort(byCode);
    branch.children.forEach(visit);
  };
  roots.forEach(visit);
  for (const branch of branches.values()) {
    if (!reached.has(branch.unit.id)) {
      // part of a cycle: detach it from its parent and show it as a root
      for (const other of branches.values()) other.children = other.children.filter((c) => c !== branch);
      roots.push(branch);
      visit(branch);
    }
  }
  return roots.sort(byCode);
}

function countBranch(branch: UnitBranch): number {
  return 1 + branch.children.reduce((sum, child) => sum + countBranch(child), 0);
}

/** Roots grouped by category, in the order of domain.md. */
export function groupByCategory(roots: readonly UnitBranch[]): CategoryGroup[] {
  const groups: CategoryGroup[] = [];
  for (const category of UNIT_CATEGORIES) {
    const inGroup = roots.filter((root) => root.unit.category === category);
    if (inGroup.length > 0) {
      groups.push({ category, roots: inGroup, size: inGroup.reduce((sum, r) => sum + countBranch(r), 0) });
    }
  }
  return groups;
}

export function matchesUnit(unit: UnitNode, keyword: string): boolean {
  if (!keyword) return true;
  const needle = keyword.toLowerCase();
  return unit.name.toLowerCase().includes(needle) || unit.code.toLowerCase().includes(needle);
}

/** Keeps the branches that match or hold a match; reports the keys to expand to show the matches. */
export function filterForest(
  roots: readonly UnitBranch[],
  keyword: string,
  expand: Set<string>,
): UnitBranch[] {
  const kept: UnitBranch[] = [];
  for (const branch of roots) {
    const children = filterForest(branch.children, keyword, expand);
    if (children.length > 0) expand.add(unitKey(branch.unit.id));
    if (children.length > 0 || matchesUnit(branch.unit, keyword)) kept.push({ unit: branch.unit, children });
  }
  return kept;
}

/** The keys from the group down to the unit's parent, for expanding the tree to a selected unit. */
export function ancestorKeys(units: readonly UnitNode[], id: number): string[] {
  const byId = new Map(units.map((unit) => [unit.id, unit]));
  const keys: string[] = [];
  const seen = new Set<number>();
  let current = byId.get(id);
  let root = current;
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    root = current;
    const parentId = current.parentId;
    const parent = parentId === null ? undefined : byId.get(parentId);
    if (parent) keys.unshift(unitKey(parent.id));
    current = parent;
  }
  if (root) keys.unshift(groupKey(root.category));
  return keys;
}
