import { describe, expect, it } from 'vitest';
import { scoreBasisText } from './evaluation.ts';

describe('scoreBasisText', () => {
  it('names the latest-stage order, with 交叉互评 only when the plan has that stage', () => {
    expect(scoreBasisText(null, false)).toBe(
      '每项指标以实地评估得分为准，未经实地评估的由系统依据台账测算，其余采用自评得分',
    );
    expect(scoreBasisText(null, true)).toBe(
      '每项指标以交叉互评得分为准，未经交叉互评的取实地评估得分，未经实地评估的由系统依据台账测算，其余采用自评得分',
    );
  });

  it('names the weighted stages and their weights when the plan sets weights', () => {
    expect(scoreBasisText({ self: 20, onsite: 50, cross: 30 }, true)).toBe(
      '按权重（自评20、实地评估50、交叉互评30）取各阶段得分的加权平均，某阶段未评的指标沿用前一阶段的评分；' +
        '任一计权阶段触发一票否优的，等次受其限制',
    );
    expect(scoreBasisText({ self: 0, onsite: 1, cross: 0 }, false)).toContain('（实地评估1）');
  });
});
