import { describe, expect, it } from 'vitest';
import type { MatterState } from '../../common/matters.ts';
import type { Principal } from '../accounts/policies.ts';
import { availableActions, mayAct, mayAttach, nextStep, waitsFor } from './procedure.ts';

const who = (role: Principal['role'], userId = 1, unitId: number | null = null): Principal => ({
  userId,
  username: role,
  displayName: role,
  role,
  regionCode: '640121',
  unitId,
  mustChangePassword: false,
});
const matter = (state: MatterState, proposerId: number, proposerUnitId: number | null = null) => ({
  state,
  proposerId,
  proposerUnitId,
  regionCode: '640121',
});

describe('matter procedure', () => {
  it('lets a liaison propose but not assess', () => {
    expect(mayAct(who('liaison'), 'propose', null)).toBe(true);
    expect(mayAct(who('leader'), 'propose', null)).toBe(false);
    expect(mayAct(who('liaison'), 'assess', matter('proposed', 1))).toBe(false);
    expect(mayAct(who('clerk'), 'assess', matter('proposed', 1))).toBe(true);
  });

  it('follows 动议 → 论证 → 审议决定 → 组织实施 and nothing else', () => {
    const admin = who('admin');
    expect(availableActions(admin, matter('proposed', 2))).toEqual(['assess', 'return', 'reject']);
    expect(availableActions(admin, matter('assessed', 2))).toEqual(['decide', 'return', 'reject']);
    expect(availableActions(admin, matter('decided', 2))).toEqual(['implement', 'return', 'reject']);
    expect(availableActions(admin, matter('implemented', 2))).toEqual([]);
    expect(availableActions(admin, matter('rejected', 2))).toEqual([]);
    expect(mayAct(who('clerk'), 'decide', matter('assessed', 2))).toBe(false);
    expect(mayAct(admin, 'implement', matter('assessed', 2))).toBe(false);
  });

  it('lets the proposer resubmit a returned matter', () => {
    expect(mayAct(who('liaison', 7), 'resubmit', matter('returned', 7))).toBe(true);
    expect(mayAct(who('liaison', 8), 'resubmit', matter('returned', 7))).toBe(false);
    expect(waitsFor(who('liaison', 7), matter('returned', 7))).toBe(true);
    expect(waitsFor(who('clerk'), matter('proposed', 7))).toBe(true);
    expect(waitsFor(who('leader'), matter('proposed', 7))).toBe(false);
    // A liaison of the same unit may; one of another unit or another county's office may not.
    expect(mayAct(who('liaison', 8, 3), 'resubmit', matter('returned', 7, 3))).toBe(true);
    expect(mayAct(who('liaison', 8, 4), 'resubmit', matter('returned', 7, 3))).toBe(false);
    expect(mayAct({ ...who('clerk'), regionCode: '640122' }, 'resubmit', matter('returned', 7))).toBe(false);
  });
});

describe('mayAttach', () => {
  it('lets those who write on an open matter add documents, and no reader', () => {
    expect(mayAttach(who('clerk'), matter('proposed', 7))).toBe(true);
    expect(mayAttach(who('liaison', 8, 3), matter('returned', 7, 3))).toBe(true);
    expect(mayAttach(who('liaison', 8, 4), matter('proposed', 7, 3))).toBe(false);
    expect(mayAttach(who('leader'), matter('proposed', 7))).toBe(false);
    expect(mayAttach({ ...who('viewer'), regionCode: '640100' }, matter('decided', 7))).toBe(false);
    expect(mayAttach(who('admin'), matter('implemented', 7))).toBe(false);
    expect(mayAttach(who('admin'), matter('rejected', 7))).toBe(false);
  });
});

describe('nextStep', () => {
  it('says which step the procedure waits for and which roles take it', () => {
    expect(nextStep('proposed')).toMatchObject({
      action: 'assess',
      label: '论证',
      who: '编办管理员或编办业务员',
    });
    expect(nextStep('assessed')).toMatchObject({ action: 'decide', who: '编办管理员' });
    expect(nextStep('decided')).toMatchObject({ action: 'implement' });
    expect(nextStep('returned')?.who).toContain('提出动议的部门联络员');
    expect(nextStep('implemented')).toBeNull();
    expect(nextStep('rejected')).toBeNull();
  });
});
