// The procedure of a matter as a state machine (domain.md §9): which action moves a matter
// from which state to which, and who may take it. Declared once; the web is sent the answers.
import type { MatterAction, MatterState } from '../../common/matters.ts';
import type { Role } from '../../common/labels.ts';
import type { Principal } from '../accounts/policies.ts';

interface Transition {
  from: readonly (MatterState | null)[];
  to: MatterState;
  roles: readonly Role[];
  /** The proposer may take it whatever their role (resubmitting their own returned matter). */
  proposerMay?: boolean;
}

const OFFICE: readonly Role[] = ['admin', 'clerk'];

export const TRANSITIONS: Record<MatterAction, Transition> = {
  // 动议: anyone in scope who may write, a department's liaison included.
  propose: { from: [null], to: 'proposed', roles: ['admin', 'clerk', 'liaison'] },
  // 论证: the office runs every rule and states its view.
  assess: { from: ['proposed'], to: 'assessed', roles: OFFICE },
  // 审议决定: recorded by the office's administrator for the committee or the authorised office.
  decide: { from: ['assessed'], to: 'decided', roles: ['admin'] },
  // 组织实施: the effects are applied, on the effective date, in one transaction.
  implement: { from: ['decided'], to: 'implemented', roles: OFFICE },
  return: { from: ['proposed', 'assessed', 'decided'], to: 'returned', roles: OFFICE },
  resubmit: { from: ['returned'], to: 'proposed', roles: OFFICE, proposerMay: true },
  reject: { from: ['proposed', 'assessed', 'decided', 'returned'], to: 'rejected', roles: ['admin'] },
};

export interface MatterRef {
  state: MatterState;
  proposerId: number;
}

/** Whether the principal may take the action on the matter now (state and role). */
export function mayAct(p: Principal, action: MatterAction, matter: MatterRef | null): boolean {
  const t = TRANSITIONS[action];
  if (!t.from.includes(matter?.state ?? null)) return false;
  if (t.roles.includes(p.role)) return true;
  return t.proposerMay === true && matter !== null && matter.proposerId === p.userId;
}

/** The actions the principal may take on the matter now: the buttons the web shows. */
export function availableActions(p: Principal, matter: MatterRef): MatterAction[] {
  return (Object.keys(TRANSITIONS) as MatterAction[]).filter((a) => a !== 'propose' && mayAct(p, a, matter));
}

/** Whether a matter in this state waits for something the principal can do. */
export function waitsFor(p: Principal, matter: MatterRef): boolean {
  return availableActions(p, matter).some((a) => a !== 'return' && a !== 'reject');
}
