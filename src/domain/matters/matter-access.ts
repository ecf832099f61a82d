// Loading a matter for a principal and an action, and authorizing every unit and person its
// changes name: they must belong to the matter's county and to the principal's scope (a
// liaison: their unit subtree) when it is proposed, resubmitted, assessed and implemented.
import { normalizeIdNumber } from '../../common/codes/id-card.ts';
import { Change, type MatterState } from '../../common/matters.ts';
import type { AppContext } from '../../context.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { findMatter, type MatterRow } from '../../db/repositories/matters.ts';
import { peopleByHash } from '../../db/repositories/people.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { blindIndex } from '../../security/field-crypto.ts';
import { authorize, type MatterRef } from '../accounts/authorize.ts';
import type { Action } from '../accounts/permissions.ts';
import type { Principal } from '../accounts/policies.ts';
import { isSealed, unsealIdNumber } from './sealed-id.ts';
import { isLocalRef, localRefProblems, unitRefsOf } from './change-rules.ts';
import { parseChanges } from './snapshot.ts';

export interface LoadedMatter {
  row: MatterRow;
  state: MatterState;
  changes: Change[];
}

/** 404 for an unknown matter, 403 unless the principal may take `action` on it. */
export async function loadMatter(
  db: Executor,
  p: Principal,
  id: number,
  action: Action = 'matter.read',
): Promise<LoadedMatter> {
  const row = await findMatter(db, id);
  if (!row) throw notFound('事项');
  await authorize(db, p, action, { matter: matterRef(row) });
  return { row, state: row.state as MatterState, changes: parseChanges(row.changes) };
}

export function matterRef(row: MatterRow): MatterRef {
  return { regionCode: row.regionCode, proposerId: row.proposerId, proposerUnitId: row.proposerUnitId };
}

/**
 * The units of the ledger a change refers to (a new unit: its parent). A unit established
 * earlier in the same list (a local reference) is not of the ledger yet: its 设立 is checked
 * through its parent, or as a change of the whole county.
 */
export function unitsReferred(changes: readonly Change[]): number[] {
  return changes.flatMap((c) => unitRefsOf(c).filter((id) => !isLocalRef(id)));
}

/** The people a change names by id. */
export function peopleReferred(changes: readonly Change[]): number[] {
  return changes.flatMap((c) =>
    c.kind === 'leave' ? [c.personId] : c.kind === 'enter' && c.personId !== null ? [c.personId] : [],
  );
}

/**
 * The people already in the ledger that a 上编 names by 身份证号 (the entry would take over
 * their record): they are checked like the people named by id.
 */
async function peopleByIdNumber(
  ctx: AppContext,
  db: Executor,
  changes: readonly Change[],
): Promise<number[]> {
  const hashes: string[] = [];
  for (const c of changes) {
    if (c.kind !== 'enter' || c.personId !== null || !c.idNumber) continue;
    let plain: string;
    try {
      plain = isSealed(c.idNumber) ? unsealIdNumber(ctx, c.idNumber) : c.idNumber;
    } catch {
      throw new AppError('VALIDATION', '事项中的身份证号无法解密，请退回后重新填写');
    }
    hashes.push(blindIndex(ctx.keys, normalizeIdNumber(plain)));
  }
  const known = await peopleByHash(db, hashes);
  return [...known.values()].filter((k) => k.placement !== null).map((k) => k.id);
}

/** The recruitment plans a 上编 uses must be matters of the same county. */
async function assertPlansOf(db: Executor, regionCode: string, changes: readonly Change[]): Promise<void> {
  for (const c of changes) {
    if (c.kind !== 'enter' || c.planMatterId === null) continue;
    const plan = await findMatter(db, c.planMatterId);
    if (!plan) throw notFound('招录计划事项');
    if (plan.regionCode !== regionCode) throw forbidden('所用招录计划不属于本事项的行政区划');
  }
}

/**
 * Authorizes `action` on every unit and person the changes name, in the matter's county (or
 * `regionCode` for a new proposal). The refusal names no person.
 */
export async function authorizeChanges(
  ctx: AppContext,
  db: Executor,
  p: Principal,
  action: Action,
  opts: { changes: readonly Change[]; regionCode: string; matter?: MatterRow },
): Promise<void> {
  const refs = localRefProblems(opts.changes);
  if (refs.length > 0) throw new AppError('VALIDATION', refs.join('；'));
  const people = [...peopleReferred(opts.changes), ...(await peopleByIdNumber(ctx, db, opts.changes))];
  await authorize(db, p, action, {
    region: opts.regionCode,
    ...(opts.matter ? { matter: matterRef(opts.matter) } : {}),
    units: unitsReferred(opts.changes),
    people,
    // A new top-level unit concerns the county as a whole.
    wholeRegion: opts.changes.some((c) => c.kind === 'establish' && c.parentUnitId === null),
  });
  await assertPlansOf(db, opts.regionCode, opts.changes);
}

export function conflict(): AppError {
  return new AppError('CONFLICT', '该事项刚被他人处理，请刷新后重试');
}
