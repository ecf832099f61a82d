import { describe, expect, it } from 'vitest';
import type { Principal } from '../accounts/policies.ts';
import { availableActions, mayAct, waitsFor } from './procedure.ts';

const who = (role: Principal['role'], userId = 1): Principal => ({
  userId,
  username: role,
  displayName: role,
  role,
  regionCode: '640121',
  unitId: null,
  mustChangePassword: false,
});

describe('matter procedure', () => {
  it('lets a liaison propose but not assess', () => {
    expect(mayAct(who('liaison'), 'propose', null)).toBe(true);
    expect(mayAct(who('leader'), 'propose', null)).toBe(false);
    expect(mayAct(who('liaison'), 'assess', { state: 'proposed', proposerId: 1 })).toBe(false);
    expect(mayAct(who('clerk'), 'assess', { state: 'proposed', proposerId: 1 })).toBe(true);
  });

  it('follows 动议 → 论证 → 审议决定 → 组织实施 and nothing else', () => {
    const admin = who('admin');
    expect(availableActions(admin, { state: 'proposed', proposerId: 2 })).toEqual([
      'assess',
      'return',
      'reject',
    ]);
    expect(availableActions(admin, { state: 'assessed', proposerId: 2 })).toEqual([
      'decide',
      'return',
      'reject',
    ]);
    expect(availableActions(admin, { state: 'decided', proposerId: 2 })).toEqual([
      'implement',
      'return',
      'reject',
    ]);
    expect(availableActions(admin, { state: 'implemented', proposerId: 2 })).toEqual([]);
    expect(availableActions(admin, { state: 'rejected', proposerId: 2 })).toEqual([]);
    expect(mayAct(who('clerk'), 'decide', { state: 'assessed', proposerId: 2 })).toBe(false);
    expect(mayAct(admin, 'implement', { state: 'assessed', proposerId: 2 })).toBe(false);
  });

  it('lets the proposer resubmit a returned matter', () => {
    expect(mayAct(who('liaison', 7), 'resubmit', { state: 'returned', proposerId: 7 })).toBe(true);
    expect(mayAct(who('liaison', 8), 'resubmit', { state: 'returned', proposerId: 7 })).toBe(false);
    expect(waitsFor(who('liaison', 7), { state: 'returned', proposerId: 7 })).toBe(true);
    expect(waitsFor(who('clerk'), { state: 'proposed', proposerId: 7 })).toBe(true);
    expect(waitsFor(who('leader'), { state: 'proposed', proposerId: 7 })).toBe(false);
  });
});
