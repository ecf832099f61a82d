// Pickers for the change forms of a matter: units of the region (a liaison sees only their own unit
// and those below it) and people found by name or 身份证号.
import { Select, TreeSelect } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { PersonStatus } from '../../../../src/common/labels.ts';
import { getPerson, listPeople } from '../../api/index.ts';
import type { PersonSummary, UnitNode } from '../../api/index.ts';
import { buildForest, groupByCategory, type UnitBranch } from '../../lib/unitTree.ts';

/** The units a user may name in a proposal: units in force, and for a liaison their subtree only. */
export function proposableUnits(units: readonly UnitNode[], liaisonUnitId: number | null): UnitNode[] {
  const living = units.filter((unit) => unit.exists);
  if (liaisonUnitId === null) return living;
  const children = new Map<number, number[]>();
  for (const unit of living) {
    if (unit.parentId === null) continue;
    const list = children.get(unit.parentId) ?? [];
    list.push(unit.id);
    children.set(unit.parentId, list);
  }
  const allowed = new Set<number>();
  const stack = [liaisonUnitId];
  while (stack.length > 0) {
    const id = stack.pop();
    if (id === undefined || allowed.has(id)) continue;
    allowed.add(id);
    stack.push(...(children.get(id) ?? []));
  }
  return living.filter((unit) => allowed.has(unit.id));
}

interface TreeNode {
  value: string;
  title: string;
  selectable?: boolean;
  checkable?: boolean;
  disabled?: boolean;
  children?: TreeNode[];
}

function toNodes(branches: readonly UnitBranch[]): TreeNode[] {
  return branches.map((branch) => ({
    value: String(branch.unit.id),
    title: branch.unit.name,
    children: branch.children.length > 0 ? toNodes(branch.children) : undefined,
  }));
}

function useUnitTree(units: readonly UnitNode[]): TreeNode[] {
  return useMemo(() => {
    const groups = groupByCategory(buildForest(units));
    // A liaison's subtree is one small branch: no category level above it.
    if (groups.length === 1 && units.length <= 30) return groups.flatMap((g) => toNodes(g.roots));
    return groups.map((group) => ({
      value: `c:${group.category}`,
      title: group.category,
      selectable: false,
      checkable: false,
      disabled: false,
      children: toNodes(group.roots),
    }));
  }, [units]);
}

interface UnitPickerProps {
  units: readonly UnitNode[];
  loading?: boolean;
  /** Injected by Form.Item. */
  value?: number;
  onChange?: (value: number | undefined) => void;
  placeholder?: string;
  testId?: string;
  width?: number | string;
}

/** One unit, searchable by name; works as a Form.Item control. */
export function UnitPicker({ units, loading, value, onChange, placeholder, testId, width }: UnitPickerProps) {
  const treeData = useUnitTree(units);
  return (
    <TreeSelect
      data-testid={testId}
      showSearch
      allowClear
      loading={loading}
      treeData={treeData}
      treeNodeFilterProp="title"
      treeDefaultExpandAll={units.length <= 30}
      value={value === undefined ? undefined : String(value)}
      onChange={(next: string | undefined) => onChange?.(next ? Number(next) : undefined)}
      placeholder={placeholder ?? '请选择机构'}
      style={{ width: width ?? '100%' }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, minWidth: 320 } } }}
      notFoundContent="没有可选的机构"
    />
  );
}

interface UnitsPickerProps {
  units: readonly UnitNode[];
  loading?: boolean;
  value?: number[];
  onChange?: (value: number[]) => void;
  placeholder?: string;
  testId?: string;
}

/** Several units (the units merged away). */
export function UnitsPicker({ units, loading, value, onChange, placeholder, testId }: UnitsPickerProps) {
  const treeData = useUnitTree(units);
  return (
    <TreeSelect
      data-testid={testId}
      multiple
      showSearch
      allowClear
      loading={loading}
      treeData={treeData}
      treeNodeFilterProp="title"
      value={(value ?? []).map(String)}
      onChange={(next: string[]) => onChange?.(next.filter((v) => /^\d+$/.test(v)).map(Number))}
      placeholder={placeholder ?? '请选择机构'}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxHeight: 420, minWidth: 320 } } }}
      notFoundContent="没有可选的机构"
    />
  );
}

function personLabel(person: PersonSummary): string {
  return `${person.name}（${person.idMasked}，${person.unitName}，${person.quotaType}）`;
}

interface PersonPickerProps {
  region: string;
  /** Only people in this state: 待入编 for 上编, 在编 for 下编. */
  status: PersonStatus;
  value?: number;
  onChange?: (value: number | undefined) => void;
  /** Called with the chosen person, e.g. to fill in their unit. */
  onPicked?: (person: PersonSummary) => void;
  placeholder?: string;
  testId?: string;
}

/** A person searched on the server by name or the last digits of the 身份证号. */
export function PersonPicker({
  region,
  status,
  value,
  onChange,
  onPicked,
  placeholder,
  testId,
}: PersonPickerProps) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<PersonSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [known, setKnown] = useState<Map<number, PersonSummary>>(new Map());
  const requestNo = useRef(0);

  useEffect(() => {
    const mine = ++requestNo.current;
    const timer = window.setTimeout(() => {
      setLoading(true);
      listPeople({ region, q: query || undefined, status, page: 1, pageSize: 30 }).then(
        (page) => {
          if (mine !== requestNo.current) return;
          setFound(page.items);
          setLoading(false);
        },
        () => {
          if (mine !== requestNo.current) return;
          setFound([]);
          setLoading(false);
        },
      );
    }, 300);
    return () => window.clearTimeout(timer);
  }, [region, status, query]);

  // A value set from outside (a matter sent back for changes) is shown by name too.
  useEffect(() => {
    if (value === undefined || known.has(value) || found.some((p) => p.id === value)) return undefined;
    let active = true;
    getPerson(value).then(
      (person) => {
        if (active) setKnown((current) => new Map(current).set(person.id, person));
      },
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [value, known, found]);

  const options = useMemo(() => {
    const list = [...found];
    for (const person of known.values()) if (!list.some((p) => p.id === person.id)) list.push(person);
    return list.map((person) => ({ value: person.id, label: personLabel(person) }));
  }, [found, known]);

  return (
    <Select<number>
      data-testid={testId}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      allowClear
      loading={loading}
      value={value}
      options={options}
      onChange={(next: number | undefined) => {
        onChange?.(next);
        const person = found.find((p) => p.id === next);
        if (person) {
          setKnown((current) => new Map(current).set(person.id, person));
          onPicked?.(person);
        }
      }}
      onClear={() => setQuery('')}
      placeholder={placeholder ?? '输入姓名或身份证号后几位查找'}
      notFoundContent={loading ? '正在查找…' : `没有找到${status}人员`}
      style={{ width: '100%' }}
      popupMatchSelectWidth={false}
    />
  );
}
