// Pure rules about a change list itself: the local references to units that the list
// establishes (a negative id -n names the unit of the n-th 设立 earlier in the list), and the
// text of 职责任务 when a responsibility is moved (职责划转) from one unit to another.
import type { Change } from '../../common/matters.ts';

/** Whether a unit id names a unit established earlier in the same change list. */
export const isLocalRef = (id: number): boolean => id < 0;

/** Every unit reference of a change, whatever its field. */
export function unitRefsOf(c: Change): number[] {
  switch (c.kind) {
    case 'establish':
      return c.parentUnitId === null ? [] : [c.parentUnitId];
    case 'merge':
      return [...c.unitIds, c.intoUnitId];
    case 'transfer':
      return c.lines.map((l) => l.unitId);
    case 'duty':
      return [c.fromUnitId, c.toUnitId];
    case 'leave':
      return [];
    default:
      return [c.unitId];
  }
}

/** The change with every unit reference passed through `f`. */
export function mapUnitRefs(c: Change, f: (id: number) => number): Change {
  switch (c.kind) {
    case 'establish':
      return { ...c, parentUnitId: c.parentUnitId === null ? null : f(c.parentUnitId) };
    case 'merge':
      return { ...c, unitIds: c.unitIds.map(f), intoUnitId: f(c.intoUnitId) };
    case 'transfer':
      return { ...c, lines: c.lines.map((l) => ({ ...l, unitId: f(l.unitId) })) };
    case 'duty':
      return { ...c, fromUnitId: f(c.fromUnitId), toUnitId: f(c.toUnitId) };
    case 'leave':
      return c;
    default:
      return { ...c, unitId: f(c.unitId) };
  }
}

/**
 * What is wrong with the list's unit references: each -n must name a 设立 that comes earlier
 * in the list, a 用编计划 names a unit of the ledger (its places outlive the matter), and a
 * 职责划转 moves a duty between two different units.
 */
export function localRefProblems(changes: readonly Change[]): string[] {
  const out: string[] = [];
  let established = 0;
  changes.forEach((c, i) => {
    for (const id of unitRefsOf(c)) {
      if (isLocalRef(id) && -id > established)
        out.push(`第 ${i + 1} 项变更引用的第 ${-id} 个新设机构不在它之前设立`);
    }
    if (c.kind === 'recruitmentPlan' && isLocalRef(c.unitId))
      out.push(`第 ${i + 1} 项变更：用编计划须针对已有机构`);
    if (c.kind === 'duty' && c.fromUnitId === c.toUnitId)
      out.push(`第 ${i + 1} 项变更：职责划转的划出机构和划入机构不能相同`);
    if (c.kind === 'establish') established += 1;
  });
  return out;
}

/** The 设立 changes of the list in order: local reference -n is `establishments(changes)[n - 1]`. */
export function establishments(changes: readonly Change[]): Extract<Change, { kind: 'establish' }>[] {
  return changes.flatMap((c) => (c.kind === 'establish' ? [c] : []));
}

/**
 * The changes with local references replaced by the ids of the units their 设立 created, found
 * by the new unit's code (codes are unique in a county). A reference whose unit is not found is
 * left as it is.
 */
export function resolveByCode(
  changes: readonly Change[],
  idOfCode: (code: string) => number | undefined,
): Change[] {
  const created = establishments(changes).map((e) => idOfCode(e.code));
  return changes.map((c) => mapUnitRefs(c, (id) => (isLocalRef(id) ? (created[-id - 1] ?? id) : id)));
}

const lines = (text: string | null): string[] =>
  (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** A list item's text without its numbering ("1." "（一）" "一、"), for matching. */
const bare = (line: string): string =>
  line.replace(/^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[、.．])\s*/, '').trim();

/**
 * 职责划转 on the texts of 职责任务: the duty leaves the giving unit's text (the line that states
 * it, or the phrase within a line) and is added as a line of the receiving unit's text.
 * `found` is false when the giving unit's text does not state the duty (nothing is moved then).
 */
export function moveDuty(
  fromText: string | null,
  toText: string | null,
  duty: string,
): { from: string | null; to: string | null; found: boolean } {
  const wanted = bare(duty.trim());
  const source = lines(fromText);
  let found = false;
  const kept: string[] = [];
  for (const line of source) {
    if (!found && bare(line) === wanted) {
      found = true;
      continue;
    }
    if (!found && wanted !== '' && line.includes(wanted)) {
      found = true;
      const rest = line
        .replace(wanted, '')
        .replace(/^[；;，,、。\s]+|[；;，,、\s]+$/g, '')
        .replace(/([；;，,、])[；;，,、\s]+/g, '$1');
      if (bare(rest) !== '') kept.push(rest);
      continue;
    }
    kept.push(line);
  }
  if (!found) return { from: fromText, to: toText, found: false };
  const target = lines(toText);
  const to = target.some((l) => bare(l) === wanted) ? target : [...target, wanted];
  return { from: kept.length > 0 ? kept.join('\n') : null, to: to.join('\n'), found: true };
}
