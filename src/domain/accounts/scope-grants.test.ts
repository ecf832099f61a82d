// Scope grants (交叉互评): what a grant covers, until when, and how refusal() applies it.
import { describe, expect, it } from 'vitest';
import { refusal, type Facts } from './authorize.ts';
import type { Principal } from './policies.ts';
import { grantAnswer, grantCovers, grantInForce, type ScopeGrant } from './scope-grants.ts';
import { PERMISSIONS } from './permissions.ts';

const A = '640121';
const grant: ScopeGrant = {
  id: 5,
  planId: 9,
  regionCode: A,
  unitIds: [11, 12],
  validUntil: '2026-03-20',
  revokedAt: null,
};
const u = (id: number, regionCode = A) => ({ id, regionCode });
const reviewer: Principal = {
  userId: 2,
  username: 'reviewer',
  displayName: 'reviewer',
  role: 'clerk',
  regionCode: '640122',
  unitId: null,
  mustChangePassword: false,
};
const facts = (f: Partial<Facts>, today = '2026-03-15', held: ScopeGrant[] = [grant]): Facts => ({
  units: [],
  subtree: null,
  grants: { held, today },
  ...f,
});

describe('what a 交叉互评 grant covers', () => {
  it('the plan and its units in the evaluated county, nothing else', () => {
    expect(
      grantCovers(grant, { region: A, evaluationPlan: 9, units: [], other: false, wholeRegion: true }),
    ).toBe(true);
    expect(grantCovers(grant, { units: [u(11)], other: false })).toBe(true);
    expect(grantCovers(grant, { region: A, evaluationPlan: 9, units: [u(12)], other: false })).toBe(true);
    // Another unit, another plan, another county, a region alone, a matter or account.
    expect(grantCovers(grant, { units: [u(11), u(13)], other: false })).toBe(false);
    expect(grantCovers(grant, { region: A, evaluationPlan: 8, units: [], other: false })).toBe(false);
    expect(grantCovers(grant, { units: [u(11, '640221')], other: false })).toBe(false);
    expect(grantCovers(grant, { region: '640221', evaluationPlan: 9, units: [], other: false })).toBe(false);
    expect(grantCovers(grant, { region: A, units: [], other: false })).toBe(false);
    expect(grantCovers(grant, { region: A, units: [u(11)], other: false, wholeRegion: true })).toBe(false);
    expect(grantCovers(grant, { units: [u(11)], other: true })).toBe(false);
  });

  it('is in force up to and including the stage’s last day, unless revoked', () => {
    expect(grantInForce(grant, '2026-03-20')).toBe(true);
    expect(grantInForce(grant, '2026-03-21')).toBe(false);
    expect(grantInForce({ ...grant, revokedAt: '2026-03-14T02:00:00.000Z' }, '2026-03-15')).toBe(false);
    expect(grantInForce({ ...grant, validUntil: null }, '2026-03-15')).toBe(false);
  });

  it('explains why a covering grant no longer opens', () => {
    const rule = PERMISSIONS['unit.read'];
    const f = { units: [u(11)], other: false };
    expect(grantAnswer(rule, f, [grant], '2026-03-20')).toEqual({ granted: true, grantId: 5 });
    expect(grantAnswer(rule, f, [grant], '2026-03-21')).toEqual({
      granted: false,
      reason: '交叉互评授权已于 2026-03-20 到期（交叉互评阶段已结束）',
    });
    expect(grantAnswer(rule, f, [{ ...grant, revokedAt: '2026-03-14T02:00:00.000Z' }], '2026-03-15')).toEqual(
      {
        granted: false,
        reason: '交叉互评授权已于 2026-03-14 撤销',
      },
    );
    // Revoked at 00:30 China time on the 15th (16:30 UTC on the 14th): the day said is China's.
    expect(grantAnswer(rule, f, [{ ...grant, revokedAt: '2026-03-14T16:30:00.000Z' }], '2026-03-15')).toEqual(
      { granted: false, reason: '交叉互评授权已于 2026-03-15 撤销' },
    );
    // A revoked grant and a new one: the new one opens.
    const again = { ...grant, id: 6 };
    expect(
      grantAnswer(rule, f, [{ ...grant, revokedAt: '2026-03-14T02:00:00.000Z' }, again], '2026-03-15'),
    ).toEqual({
      granted: true,
      grantId: 6,
    });
    // An action that declares no grant is never opened.
    expect(grantAnswer(PERMISSIONS['person.read'], f, [grant], '2026-03-15')).toEqual({
      granted: false,
      reason: null,
    });
  });
});

describe('refusal() with scope grants', () => {
  it('opens only the actions that declare a grant, on what it covers', () => {
    expect(refusal(reviewer, 'unit.read', facts({ units: [u(11)] }))).toBeNull();
    expect(refusal(reviewer, 'evaluation.read', facts({ region: A, evaluationPlan: 9 }))).toBeNull();
    expect(
      refusal(reviewer, 'evaluation.crossScore', facts({ region: A, evaluationPlan: 9, units: [u(12)] })),
    ).toBeNull();
    expect(refusal(reviewer, 'unit.read', facts({ units: [u(13)] }))).toBe(
      '无权查看其他行政区划的机构或人员',
    );
    expect(refusal(reviewer, 'person.read', facts({ units: [u(11)] }))).toBe(
      '无权查看其他行政区划的机构或人员',
    );
    expect(
      refusal(reviewer, 'evaluation.onsiteScore', facts({ region: A, evaluationPlan: 9, units: [u(11)] })),
    ).toBe('无权修改行政区划 640121 的数据');
    expect(refusal(reviewer, 'evaluation.manage', facts({ region: A, evaluationPlan: 9 }))).not.toBeNull();
    // Without grants loaded (or held), the role's scope alone answers.
    expect(refusal(reviewer, 'unit.read', facts({ units: [u(11)] }, '2026-03-15', []))).not.toBeNull();
    expect(refusal(reviewer, 'unit.read', { units: [u(11)], subtree: null })).not.toBeNull();
  });

  it('refuses 交叉互评 scoring to everyone without a grant, the evaluated county included', () => {
    const clerk = { ...reviewer, regionCode: A };
    expect(
      refusal(
        clerk,
        'evaluation.crossScore',
        facts({ region: A, evaluationPlan: 9, units: [u(11)] }, '2026-03-15', []),
      ),
    ).toBe(PERMISSIONS['evaluation.crossScore'].denied);
    // A role the action does not list is refused before any grant.
    const liaison = { ...reviewer, role: 'liaison' as const };
    expect(
      refusal(liaison, 'evaluation.crossScore', facts({ region: A, evaluationPlan: 9, units: [u(11)] })),
    ).toBe(PERMISSIONS['evaluation.crossScore'].denied);
    // After the stage, the refusal says why.
    expect(refusal(reviewer, 'unit.read', facts({ units: [u(11)] }, '2026-03-21'))).toBe(
      '交叉互评授权已于 2026-03-20 到期（交叉互评阶段已结束）',
    );
  });
});
