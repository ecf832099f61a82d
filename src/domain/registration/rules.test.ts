import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkUscc } from '../../common/codes/uscc.ts';
import { calendarOf } from '../timeliness/working-days.ts';
import { drawInspectors, drawSample, drawSize, seededShuffle, SeededStream } from './draw.ts';
import {
  annualWindow,
  certificateValidUntil,
  checkSerialRange,
  composeUscc,
  currentDue,
  isLate,
  missingMaterials,
  nextState,
  onTimeRate,
  workingDaysOverdue,
} from './rules.ts';

describe('application state machine', () => {
  it('follows 受理 → 审核 → 核准, flags missing materials and refuses skipped steps', () => {
    expect(nextState('待受理', 'accept')).toEqual({ ok: true, state: '待审核' });
    expect(nextState('待受理', 'accept', { missingMaterials: ['清算报告'] })).toEqual({
      ok: true,
      state: '材料不全',
    });
    expect(nextState('材料不全', 'file')).toEqual({ ok: true, state: '待受理' });
    expect(nextState('待审核', 'review')).toEqual({ ok: true, state: '待核准' });
    expect(nextState('待核准', 'approve')).toEqual({ ok: true, state: '已核准' });
    expect(nextState('待审核', 'approve').ok).toBe(false);
    expect(nextState('已核准', 'return').ok).toBe(false);
    expect(nextState('已退回', 'file')).toEqual({ ok: true, state: '待受理' });
  });

  it('lists the required materials not handed in', () => {
    expect(missingMaterials('证书补领', ['遗失声明'])).toEqual(['证书补领申请书']);
    expect(missingMaterials('证书补领', ['证书补领申请书', ' 遗失声明 '])).toEqual([]);
  });

  it('runs against the deadline of the current step, in working days', () => {
    const cal = calendarOf(['2026-04-06'], []);
    const a = { statutoryDue: '2026-04-01', acceptDue: '2026-04-03', decideDue: '2026-05-20' };
    expect(currentDue({ ...a, state: '待申请' })).toBe('2026-04-01');
    expect(currentDue({ ...a, state: '待受理' })).toBe('2026-04-03');
    expect(currentDue({ ...a, state: '待核准' })).toBe('2026-05-20');
    expect(currentDue({ ...a, state: '已核准' })).toBeNull();
    // 4 Apr and 5 Apr are a weekend, 6 Apr a holiday: 7 Apr is the first working day overdue.
    expect(workingDaysOverdue('2026-04-03', '2026-04-07', cal)).toBe(1);
    expect(workingDaysOverdue(null, '2026-04-07', cal)).toBe(0);
  });
});

describe('certificates and annual reports', () => {
  it('are valid five years', () => {
    expect(certificateValidUntil('2026-03-12')).toBe('2031-03-11');
    expect(certificateValidUntil('2028-02-29')).toBe('2033-02-27');
  });

  it('marks a report after the window late and computes the on-time rate', () => {
    const w = annualWindow(2025, { from: '01-01', to: '03-31' });
    expect(w).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(isLate('2026-03-31', w)).toBe(false);
    expect(isLate('2026-04-01', w)).toBe(true);
    expect(onTimeRate(24, 25)).toBe(96);
    expect(onTimeRate(0, 0)).toBeNull();
  });
});

describe('USCC composition', () => {
  it('composes codes that the validator accepts, for each category', () => {
    const range = { prefix: 'MB', from: 0, to: 999_999 };
    for (const category of ['机关', '事业单位', '群团', '其他'] as const) {
      for (const serial of [0, 1, 9, 123_456, 999_999]) {
        const { uscc, organizationCode } = composeUscc(category, '640121', range, serial);
        expect(checkUscc(uscc)).toEqual({ ok: true });
        expect(uscc.slice(8, 17)).toBe(organizationCode);
      }
    }
    expect(composeUscc('事业单位', '640121', range, 100).uscc.slice(0, 16)).toBe('12640121MB000100');
    expect(() => composeUscc('机关', '640121', { prefix: '', from: 5, to: 9 }, 10)).toThrow();
  });

  it('checks the configured range', () => {
    expect(checkSerialRange({ prefix: 'MB', from: 1, to: 999_999 })).toBeNull();
    expect(checkSerialRange({ prefix: 'MO', from: 1, to: 9 })).toMatch(/不含/);
    expect(checkSerialRange({ prefix: 'MB', from: 1, to: 1_000_000 })).toMatch(/超过/);
    expect(checkSerialRange({ prefix: '', from: 9, to: 1 })).toMatch(/起号/);
  });
});

describe('the reproducible draw', () => {
  const population = Array.from({ length: 200 }, (_, i) => `12640121MB${String(i).padStart(6, '0')}XX`);

  it('is fixed by the seed: same seed, same list; another seed, another list', () => {
    const a = drawSample(population, new Set(), { count: 10 }, '2026-抽查-1');
    const b = drawSample([...population].reverse(), new Set(), { count: 10 }, '2026-抽查-1');
    const c = drawSample(population, new Set(), { count: 10 }, '2026-抽查-2');
    expect(a.drawn).toHaveLength(10);
    expect(b.drawn).toEqual(a.drawn);
    expect(c.drawn).not.toEqual(a.drawn);
  });

  it('never draws an excluded unit and draws by ratio, rounding up', () => {
    const excluded = new Set(population.slice(0, 150));
    for (const seed of ['a', 'b', 'c', 'd']) {
      const { eligible, drawn } = drawSample(population, excluded, { ratio: 0.03 }, seed);
      expect(eligible).toHaveLength(50);
      expect(drawn).toHaveLength(2);
      expect(drawn.some((u) => excluded.has(u))).toBe(false);
    }
    expect(drawSize(25, { ratio: 0.01 })).toBe(1);
    expect(drawSize(0, { ratio: 0.5 })).toBe(0);
    expect(drawSize(5, { count: 9 })).toBe(5);
  });

  it('follows the documented stream (SHA-256 counter mode, rejection, Fisher–Yates)', () => {
    // uniform(2^32) never rejects: it is exactly the first big-endian word of SHA-256("s:0").
    const stream = new SeededStream('s');
    const first = stream.uniform(2 ** 32);
    expect(first).toBe(createHash('sha256').update('s:0').digest().readUInt32BE(0));
    expect(seededShuffle([1, 2, 3, 4, 5], 'x').sort()).toEqual([1, 2, 3, 4, 5]);
    expect(drawInspectors(['乙', '甲', '丙', '丁'], 2, 'x')).toEqual(
      drawInspectors(['丁', '丙', '乙', '甲'], 2, 'x'),
    );
  });
});
