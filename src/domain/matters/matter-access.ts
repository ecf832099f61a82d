// Loading a matter for a principal, and the scope rules that go with matters.
import { Change, type MatterState } from '../../common/matters.ts';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { findMatter, type MatterRow } from '../../db/repositories/matters.ts';
import { subtreeUnitIds } from '../../db/repositories/units.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { Principal } from '../accounts/policies.ts';
import { canReadRegion } from '../accounts/scope.ts';
import { parseChanges } from './snapshot.ts';

export interface LoadedMatter {
  row: MatterRow;
  state: MatterState;
  changes: Change[];
}

export async function loadMatter(db: Executor, p: Principal, id: number): Promise<LoadedMatter> {
  const row = await findMatter(db, id);
  if (!row) throw notFound('事项');
  if (!canReadRegion(p, row.regionCode)) throw forbidden('无权查看该事项');
  // A liaison sees the matters they proposed (and those of their unit).
  if (p.role === 'liaison' && row.proposerId !== p.userId && row.proposerUnitId !== p.unitId) {
    throw forbidden('部门联络员只能查看本单位提出的事项');
  }
  return { row, state: row.state as MatterState, changes: parseChanges(row.changes) };
}

/** The units a change refers to (a new unit: its parent). */
export function unitsReferred(changes: readonly Change[]): number[] {
  return changes.flatMap((c) => {
    switch (c.kind) {
      case 'establish':
        return c.parentUnitId === null ? [] : [c.parentUnitId];
      case 'merge':
        return [...c.unitIds, c.intoUnitId];
      case 'transfer':
        return c.lines.map((l) => l.unitId);
      case 'leave':
        return [];
      default:
        return [c.unitId];
    }
  });
}

/** A liaison proposes only for their unit and the units below it. */
export async function assertMayProposeFor(
  ctx: AppContext,
  p: Principal,
  changes: readonly Change[],
): Promise<void> {
  if (p.role !== 'liaison') return;
  if (p.unitId === null) throw forbidden('部门联络员未指定所属机构');
  const subtree = new Set(await subtreeUnitIds(ctx.db.kysely, p.unitId));
  const outside = unitsReferred(changes).filter((id) => !subtree.has(id));
  if (outside.length > 0) throw forbidden('部门联络员只能为本单位及下属单位提出动议');
  if (changes.some((c) => c.kind === 'establish' && c.parentUnitId === null)) {
    throw forbidden('部门联络员提出设立机构时须指定本单位为上级机构');
  }
}

export function conflict(): AppError {
  return new AppError('CONFLICT', '该事项刚被他人处理，请刷新后重试');
}
