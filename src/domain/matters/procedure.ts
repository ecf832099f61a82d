// The procedure of a matter as a state machine (domain.md §9): which action moves a matter
// from which state to which. Who may take each step is the permission table's (permissions.ts);
// the web is sent the answers.
import type { MatterAction, MatterState } from '../../common/matters.ts';
import { refusal, type MatterRef as ScopedMatter } from '../accounts/authorize.ts';
import { ROLE_LABELS, type Role } from '../../common/labels.ts';
import { MATTER_ACTIONS } from '../../common/matter-labels.ts';
import { PERMISSIONS, type Action } from '../accounts/permissions.ts';
import type { Principal } from '../accounts/policies.ts';

interface Transition {
  from: readonly (MatterState | null)[];
  to: MatterState;
  /** The action of the permission table that says who may take the step. */
  permission: Action;
}

export const TRANSITIONS: Record<MatterAction, Transition> = {
  // 动议: anyone in scope who may write, a department's liaison included.
  propose: { from: [null], to: 'proposed', permission: 'matter.propose' },
  // 论证: the office runs every rule and states its view.
  assess: { from: ['proposed'], to: 'assessed', permission: 'matter.assess' },
  // 审议决定: recorded by the office's administrator for the committee or the authorised office.
  decide: { from: ['assessed'], to: 'decided', permission: 'matter.decide' },
  // 组织实施: the effects are applied, on the effective date, in one transaction.
  implement: { from: ['decided'], to: 'implemented', permission: 'matter.implement' },
  return: { from: ['proposed', 'assessed', 'decided'], to: 'returned', permission: 'matter.return' },
  // The office, or the liaison whose unit proposed it, resubmits a returned matter.
  resubmit: { from: ['returned'], to: 'proposed', permission: 'matter.resubmit' },
  reject: {
    from: ['proposed', 'assessed', 'decided', 'returned'],
    to: 'rejected',
    permission: 'matter.reject',
  },
};

export interface MatterRef extends ScopedMatter {
  state: MatterState;
}

/** Whether the principal may ever take the action on this matter (role and matter scope). */
export function mayTake(p: Principal, action: MatterAction, matter: ScopedMatter | null): boolean {
  const facts = { units: [], subtree: null, ...(matter ? { matter } : {}) };
  return refusal(p, TRANSITIONS[action].permission, facts) === null;
}

/** Whether the principal may take the action on the matter now (state, role and scope). */
export function mayAct(p: Principal, action: MatterAction, matter: MatterRef | null): boolean {
  if (!TRANSITIONS[action].from.includes(matter?.state ?? null)) return false;
  return mayTake(p, action, matter);
}

/** The actions the principal may take on the matter now: the buttons the web shows. */
export function availableActions(p: Principal, matter: MatterRef): MatterAction[] {
  return (Object.keys(TRANSITIONS) as MatterAction[]).filter((a) => a !== 'propose' && mayAct(p, a, matter));
}

/**
 * Whether the principal may add a document to the matter now: it is not closed, and 上传附件 is
 * theirs on it (the office, or a liaison of the proposing unit): the web shows the button only then.
 */
export function mayAttach(p: Principal, matter: MatterRef): boolean {
  if (matter.state === 'implemented' || matter.state === 'rejected') return false;
  return refusal(p, 'matter.attach', { units: [], subtree: null, matter }) === null;
}

/** Whether a matter in this state waits for something the principal can do. */
export function waitsFor(p: Principal, matter: MatterRef): boolean {
  return availableActions(p, matter).some((a) => a !== 'return' && a !== 'reject');
}

/** The step that moves a matter on from its state, and the roles that take it (the table's). */
export function nextStep(
  state: MatterState,
): { action: MatterAction; label: string; roles: Role[]; who: string } | null {
  const forward = (Object.keys(TRANSITIONS) as MatterAction[]).find(
    (a) => a !== 'return' && a !== 'reject' && TRANSITIONS[a].from.includes(state),
  );
  if (forward === undefined) return null;
  const roles = [...(PERMISSIONS[TRANSITIONS[forward].permission].roles as readonly Role[])];
  const who = roles
    .map((r) => (r === 'liaison' && forward === 'resubmit' ? '提出动议的部门联络员' : ROLE_LABELS[r]))
    .join('或');
  return { action: forward, label: MATTER_ACTIONS[forward], roles, who };
}
