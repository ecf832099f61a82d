import { describe, expect, it } from 'vitest';
import type { Change } from '../../api/index.ts';
import {
  fromChange,
  idNumberProblem,
  isDraftError,
  newDraft,
  plannedUnits,
  REDACTED_ID,
  toChange,
  toChanges,
  transferBalance,
} from './drafts.ts';

describe('drafts of a matter’s changes', () => {
  it('starts a transfer with one line out and one in, and a liaison’s card on their own unit', () => {
    expect(newDraft('transfer', 7)).toEqual({
      kind: 'transfer',
      lines: [{ direction: 'out' }, { direction: 'in' }],
    });
    expect(newDraft('quotaAdd', 7)).toEqual({ kind: 'quotaAdd', unitId: 7 });
    expect(newDraft('quotaAdd', null)).toEqual({ kind: 'quotaAdd', unitId: undefined });
    expect(newDraft('establish', 3)).toEqual({ kind: 'establish', parentUnitId: 3 });
  });

  it('turns a filled card into the change the server takes: a transfer’s lines signed by direction', () => {
    const change = toChange(
      {
        kind: 'transfer',
        quotaType: '事业编制',
        lines: [
          { unitId: 1, direction: 'out', amount: 3 },
          { unitId: 2, direction: 'in', amount: 3 },
        ],
      },
      0,
    );
    expect(change).toEqual({
      kind: 'transfer',
      quotaType: '事业编制',
      lines: [
        { unitId: 1, delta: -3 },
        { unitId: 2, delta: 3 },
      ],
    });
    // … and back: the card shows the amounts unsigned with their direction.
    expect(fromChange(change)).toEqual({
      kind: 'transfer',
      quotaType: '事业编制',
      lines: [
        { unitId: 1, direction: 'out', amount: 3 },
        { unitId: 2, direction: 'in', amount: 3 },
      ],
    });
  });

  it('names the card and the missing field in Chinese', () => {
    try {
      toChanges([
        { kind: 'rename', unitId: 4, name: ' 永宁县第一高级中学 ' },
        { kind: 'quotaAdd', unitId: 5, quotaType: '行政编制' },
      ]);
      expect.unreachable('a card without its number must be refused');
    } catch (error) {
      expect(isDraftError(error)).toBe(true);
      expect((error as Error).message).toBe('第 2 项变更：请填写数量');
    }
    expect(toChange({ kind: 'rename', unitId: 4, name: ' 永宁县第一高级中学 ' }, 0)).toEqual({
      kind: 'rename',
      unitId: 4,
      name: '永宁县第一高级中学',
    });
  });

  it('asks for a sealed 身份证号 again instead of sending the mask back', () => {
    const sealed = {
      kind: 'enter',
      personId: null,
      idNumber: REDACTED_ID,
      name: '陈静',
      unitId: 5,
      quotaType: '事业编制',
      channel: '招聘',
      leadershipLevel: '无',
      planMatterId: null,
    } as const satisfies Change;
    const draft = fromChange(sealed);
    expect(draft).toMatchObject({ kind: 'enter', personMode: 'new', personName: '陈静' });
    expect(draft.idNumber).toBeUndefined();
  });

  it('balances a transfer only when what leaves equals what arrives', () => {
    expect(transferBalance(undefined)).toEqual({ out: 0, into: 0, balanced: false });
    expect(
      transferBalance([
        { direction: 'out', amount: 2 },
        { direction: 'out', amount: 1 },
        { direction: 'in', amount: 3 },
        { direction: 'in' },
      ]),
    ).toEqual({ out: 3, into: 3, balanced: true });
    expect(
      transferBalance([
        { direction: 'out', amount: 2 },
        { direction: 'in', amount: 1 },
      ]).balanced,
    ).toBe(false);
  });

  it('checks a 身份证号 by GB 11643', () => {
    expect(idNumberProblem('64012119800101001X')).toBeNull();
    expect(idNumberProblem('64012119800101001x')).toBeNull();
    expect(idNumberProblem('640121198001010011')).toBe('身份证号校验位不正确，请核对');
    expect(idNumberProblem('6401211980')).toBe('身份证号应为18位，最后一位可为数字或X');
  });

  it('offers the units the cards set up as -1, -2 … (the n-th 机构设立), named as new', () => {
    const units = plannedUnits([
      { kind: 'posts', unitId: 4 },
      { kind: 'establish', code: 'A06', name: '社会工作部', category: '党委工作机关' },
      { kind: 'establish', name: '' },
      { kind: 'establish', code: 'A08', name: '信访局', category: '政府工作部门', parentUnitId: 2 },
    ]);
    expect(units.map((u) => [u.id, u.name, u.parentId])).toEqual([
      [-1, '社会工作部（本次新设）', null],
      [-3, '信访局（本次新设）', 2],
    ]);
  });

  it('turns a 职责划转 card into the change and back', () => {
    const change: Change = { kind: 'duty', fromUnitId: 3, toUnitId: -1, duty: '负责信访工作' };
    expect(toChange({ kind: 'duty', unitId: 3, intoUnitId: -1, duty: ' 负责信访工作 ' }, 0)).toEqual(change);
    expect(toChange(fromChange(change), 0)).toEqual(change);
    expect(() => toChange({ kind: 'duty', unitId: 3, intoUnitId: -1 }, 1)).toThrow(
      '第 2 项变更：请填写划转的职责',
    );
  });
});
