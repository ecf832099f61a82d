// 事项办理: lists (mine / waiting for me / all) and one matter with its steps and documents.
import {
  CHANGE_KINDS,
  MATTER_ACTIONS,
  MATTER_STATES,
  type MatterAction,
  type MatterState,
} from '../../common/matters.ts';
import type { MatterDetail, MatterList, MatterSummary } from '../../common/wire-matters.ts';
import type { AppContext } from '../../context.ts';
import { todayInChina } from '../../context.ts';
import { attachmentsOf } from '../../db/repositories/attachments.ts';
import {
  listMatters as listRows,
  countMatters,
  stepsOf,
  type MatterRow,
} from '../../db/repositories/matters.ts';
import type { Principal } from '../accounts/policies.ts';
import { authorize } from '../accounts/authorize.ts';
import { roleMay } from '../accounts/permissions.ts';
import { describeChanges, redactChanges } from './describe-changes.ts';
import { loadMatter } from './matter-access.ts';
import { refOf } from './record-step.ts';
import { availableActions, mayAttach, nextStep, TRANSITIONS, waitsFor } from './procedure.ts';
import { parseChanges } from './snapshot.ts';

function summary(p: Principal, m: MatterRow): MatterSummary {
  const state = m.state as MatterState;
  return {
    id: m.id,
    regionCode: m.regionCode,
    title: m.title,
    state,
    stateLabel: MATTER_STATES[state],
    kinds: [...new Set(parseChanges(m.changes).map((c) => CHANGE_KINDS[c.kind]))],
    proposerName: m.proposerName,
    docNo: m.docNo,
    effectiveOn: m.effectiveOn,
    updatedAt: m.updatedAt,
    waitingForMe: waitsFor(p, {
      state,
      regionCode: m.regionCode,
      proposerId: m.proposerId,
      proposerUnitId: m.proposerUnitId,
    }),
  };
}

/**
 * The filter of the matters waiting for this principal: the states their role acts on (a
 * liaison's list is already limited to their own matters).
 */
function waitingFilter(p: Principal): { states: string[]; ownStates: string[]; userId: number } {
  const acting = (Object.keys(TRANSITIONS) as MatterAction[]).filter(
    (a) => a !== 'propose' && a !== 'return' && a !== 'reject',
  );
  const states = new Set<string>();
  for (const a of acting) {
    if (!roleMay(p.role, TRANSITIONS[a].permission)) continue;
    for (const s of TRANSITIONS[a].from) if (s !== null) states.add(s);
  }
  return { states: [...states], ownStates: [], userId: p.userId };
}

export async function listMatters(
  ctx: AppContext,
  opts: {
    principal: Principal;
    region: string;
    view: 'mine' | 'waiting' | 'all';
    state?: MatterState;
    page: number;
    pageSize: number;
  },
): Promise<MatterList> {
  const p = opts.principal;
  await authorize(ctx.db.kysely, p, 'matter.read', { region: opts.region });
  const { total, rows } = await listRows(ctx.db.kysely, {
    regionCodes: [opts.region],
    states: opts.state ? [opts.state] : null,
    // A liaison sees only their own matters, whatever the view.
    proposerId: opts.view === 'mine' || p.role === 'liaison' ? p.userId : null,
    waitingFor: opts.view === 'waiting' ? waitingFilter(p) : null,
    limit: opts.pageSize,
    offset: (opts.page - 1) * opts.pageSize,
  });
  return { total, items: rows.map((m) => summary(p, m)) };
}

export async function countWaiting(
  ctx: AppContext,
  opts: { principal: Principal; region: string },
): Promise<number> {
  await authorize(ctx.db.kysely, opts.principal, 'matter.read', { region: opts.region });
  return countMatters(ctx.db.kysely, {
    regionCodes: [opts.region],
    states: null,
    proposerId: opts.principal.role === 'liaison' ? opts.principal.userId : null,
    waitingFor: waitingFilter(opts.principal),
  });
}

export async function getMatter(
  ctx: AppContext,
  opts: { principal: Principal; matterId: number },
): Promise<MatterDetail> {
  const db = ctx.db.kysely;
  const m = await loadMatter(db, opts.principal, opts.matterId);
  const [steps, attachments, changeTexts] = await Promise.all([
    stepsOf(db, m.row.id),
    attachmentsOf(db, 'matter', [m.row.id]),
    describeChanges(db, m.changes, m.row.effectiveOn ?? todayInChina()),
  ]);
  const next = nextStep(m.row.state as MatterState);
  return {
    ...summary(opts.principal, m.row),
    reasons: m.row.reasons,
    changes: redactChanges(m.changes),
    changeTexts,
    exceptionReason: m.row.exceptionReason,
    decisionBody: m.row.decisionBody,
    decidedOn: m.row.decidedOn,
    steps: steps.map((s) => ({
      id: s.id,
      action: s.action as MatterAction,
      actionLabel: MATTER_ACTIONS[s.action as MatterAction] ?? s.action,
      fromState: s.fromState ? (MATTER_STATES[s.fromState as MatterState] ?? s.fromState) : null,
      toState: MATTER_STATES[s.toState as MatterState] ?? s.toState,
      actorName: s.actorName,
      at: s.at,
      comment: s.comment,
      ruleResults: s.ruleResults ? JSON.parse(s.ruleResults) : null,
    })),
    attachments: (attachments.get(m.row.id) ?? []).map((a) => ({
      id: a.id,
      stepId: a.stepId,
      fileName: a.fileName,
      size: a.size,
      sha256: a.sha256,
      uploadedAt: a.uploadedAt,
    })),
    actions: availableActions(opts.principal, refOf(m)),
    mayAttach: mayAttach(opts.principal, refOf(m)),
    nextStep: next ? { action: next.action, label: next.label, who: next.who } : null,
  };
}
