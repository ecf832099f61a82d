// The measured indicators' arithmetic, every expected number by hand.
import { describe, expect, it } from 'vitest';
import {
  annualReportsOnTime,
  institutionLimitBreach,
  leaderPostsExceeded,
  matterRecordFaults,
  placementStints,
  quotaUseRatio,
  realNameDifferences,
  type LimitUnit,
  type PlacementHistoryRow,
} from './measure-rules.ts';
import { overQuotaEntries } from './plan-rules.ts';

const row = (
  id: number,
  personId: number,
  unitId: number,
  enteredOn: string | null,
  leftOn: string | null = null,
  status = '在编',
): PlacementHistoryRow => ({
  id,
  personId,
  personName: `人${personId}`,
  unitId,
  quotaType: '事业编制',
  status,
  enteredOn,
  leftOn,
});

describe('placement history as stints', () => {
  it('ends a stint when the person is placed elsewhere, and merges the rows of one stint', () => {
    const stints = placementStints([
      // 人1: unit 10 from 2023-02-01, moved to unit 20 on 2023-09-01.
      row(1, 1, 10, '2023-02-01'),
      row(5, 1, 20, '2023-09-01'),
      // 人2: unit 10 from 2020-01-01, 下编 recorded as a second row of the same stint.
      row(2, 2, 10, '2020-01-01'),
      row(6, 2, 10, '2020-01-01', '2023-05-31', '已出编'),
      // 人3: 待入编 first (no quota occupied), then 在编.
      row(3, 3, 10, null, null, '待入编'),
      row(7, 3, 10, '2023-04-01'),
    ]);
    expect(stints.map((s) => [s.id, s.unitId, s.enteredOn, s.leftOn])).toEqual([
      [2, 10, '2020-01-01', '2023-05-31'],
      [1, 10, '2023-02-01', '2023-09-01'],
      [7, 10, '2023-04-01', null],
      [5, 20, '2023-09-01', null],
    ]);
  });

  it('counts a person who entered while over quota and later moved away', () => {
    // Unit 10, 核定 1 from 2019: 人2 there since 2020; 人1 enters 2023-02-01 (1 ≥ 1 → 超编), then moves.
    const stints = placementStints([
      row(1, 1, 10, '2023-02-01'),
      row(5, 1, 20, '2023-09-01'),
      row(2, 2, 10, '2020-01-01'),
    ]);
    const quotas = [
      { unitId: 10, quotaType: '事业编制', source: '', approved: 1, effectiveFrom: '2019-01-01' },
    ];
    const r = overQuotaEntries(stints, quotas, 10, { from: '2023-01-01', to: '2023-12-31' });
    expect(r.occurrences).toBe(1);
    expect(r.rows).toEqual([
      {
        text: '2023-02-01 人1进入（事业编制），此前实有 1 名，核定 1 名',
        ref: { table: 'placements', id: 1 },
      },
    ]);
    // Once moved, 人1 no longer fills unit 10: a later entry finds only 人2.
    const later = placementStints([
      row(1, 1, 10, '2023-02-01'),
      row(5, 1, 20, '2023-09-01'),
      row(2, 2, 10, '2020-01-01'),
      row(8, 4, 10, '2023-10-01'),
    ]);
    expect(
      overQuotaEntries(later, quotas, 10, { from: '2023-01-01', to: '2023-12-31' }).rows.map((x) => x.text),
    ).toEqual([
      '2023-02-01 人1进入（事业编制），此前实有 1 名，核定 1 名',
      '2023-10-01 人4进入（事业编制），此前实有 1 名，核定 1 名',
    ]);
  });
});

describe('超职数配备', () => {
  it('counts each person beyond the approved posts of a level; an empty post offsets nothing', () => {
    // 正科 核定 1 实配 2 → 1 over; 副科 核定 3 实配 1 → none (the 2 empty posts do not offset).
    const r = leaderPostsExceeded(7, { 正科: { approved: 1, filled: 2 }, 副科: { approved: 3, filled: 1 } }, [
      { name: '张三', level: '正科' },
      { name: '李四', level: '正科' },
      { name: '王五', level: '副科' },
    ]);
    expect(r).toEqual({
      occurrences: 1,
      rows: [
        { text: '正科领导职数核定 1 名，实配 2 名（张三、李四），超配 1 名', ref: { table: 'units', id: 7 } },
      ],
    });
    expect(
      leaderPostsExceeded(7, { 正科: { approved: 0, filled: 1 }, 副科: { approved: 0, filled: 2 } }, [])
        .occurrences,
    ).toBe(3);
  });
});

describe('编制使用率 (100 % − 空编率)', () => {
  it('adds 空编 per type, never offsetting an excess against a vacancy', () => {
    // 行政 核定 10 实有 7 → 空编 3; 事业 核定 5 实有 6 → 空编 0 (超编 1 offsets nothing).
    // 空编率 3 ÷ 15 = 20 % → 使用率 80 %.
    const r = quotaUseRatio(3, {
      行政编制: { approved: 10, actual: 7 },
      事业编制: { approved: 5, actual: 6 },
      聘用编制: { approved: 0, actual: 0 },
    });
    expect(r?.percent).toBe(80);
    expect(r?.rows.map((x) => x.text)).toEqual([
      '行政编制：核定 10 名，实有 7 名，空编 3 名',
      '事业编制：核定 5 名，实有 6 名，空编 0 名',
      '空编率 20%（空编 3 ÷ 核定 15），编制使用率 80%',
    ]);
    // 核定 3 实有 2: 空编率 33.33 %, 使用率 66.67 %.
    expect(
      quotaUseRatio(3, {
        行政编制: { approved: 0, actual: 0 },
        事业编制: { approved: 3, actual: 2 },
        聘用编制: { approved: 0, actual: 0 },
      })?.percent,
    ).toBe(66.67);
    const none = { approved: 0, actual: 0 };
    expect(quotaUseRatio(3, { 行政编制: none, 事业编制: none, 聘用编制: none })).toBeNull();
  });
});

describe('机构限额', () => {
  const organ = (id: number, name: string): LimitUnit => ({
    id,
    name,
    category: '政府工作部门',
    affiliation: null,
    countsTowardDirectLimit: false,
  });
  const limits = [{ kind: '党政机构', cap: 2, source: '某编〔2019〕1号' }];
  const unitsAtEnd = [organ(1, '甲局'), organ(2, '乙局'), organ(3, '丙局')];

  it('vetoes the unit under which an institution was set up while the county is over its cap', () => {
    const r = institutionLimitBreach({
      limits,
      unitsAtEnd,
      existedBefore: new Set([1, 2]),
      subtree: new Set([3]),
      evaluatedUnitId: 3,
    });
    expect(r).toEqual({
      triggered: true,
      rows: [
        {
          text: '评估期内设立丙局，全县党政机构 3 个，机构限额 2 个（某编〔2019〕1号），突破限额',
          ref: { table: 'units', id: 3 },
        },
      ],
    });
  });

  it('does not veto a unit that set nothing up, nor when the county keeps its cap', () => {
    expect(
      institutionLimitBreach({
        limits,
        unitsAtEnd,
        existedBefore: new Set([1, 2]),
        subtree: new Set([1]),
        evaluatedUnitId: 1,
      })?.triggered,
    ).toBe(false);
    const kept = institutionLimitBreach({
      limits: [{ ...limits[0], kind: '党政机构', cap: 3, source: 's' }],
      unitsAtEnd,
      existedBefore: new Set([1, 2]),
      subtree: new Set([3]),
      evaluatedUnitId: 3,
    });
    expect(kept).toEqual({
      triggered: false,
      rows: [
        {
          text: '评估期内设立 1 个，全县党政机构 3 个，机构限额 3 个（s），未突破',
          ref: { table: 'units', id: 3 },
        },
      ],
    });
    expect(
      institutionLimitBreach({
        limits: [],
        unitsAtEnd,
        existedBefore: new Set(),
        subtree: new Set([3]),
        evaluatedUnitId: 3,
      }),
    ).toBeNull();
  });
});

describe('matters without 文号 or recorded late', () => {
  it('counts each faulty matter once, naming its faults', () => {
    const r = matterRecordFaults(
      [
        { id: 1, title: '核增编制', docNo: null, decidedOn: '2023-03-01' },
        { id: 2, title: '更名', docNo: '永编〔2023〕2号', decidedOn: '2023-04-01' },
        { id: 3, title: '撤销', docNo: ' ', decidedOn: '2023-05-01' },
        { id: 4, title: '设立', docNo: '永编〔2023〕4号', decidedOn: '2023-06-01' },
      ],
      new Map([
        [2, { daysLate: 3, implemented: true }],
        [3, { daysLate: 10, implemented: false }],
      ]),
    );
    expect(r.occurrences).toBe(3);
    expect(r.rows).toEqual([
      { text: '2023-03-01“核增编制”：未载明批准文号', ref: { table: 'matters', id: 1 } },
      { text: '2023-04-01“更名”：组织实施录入不及时（逾期 3 个工作日）', ref: { table: 'matters', id: 2 } },
      {
        text: '2023-05-01“撤销”：未载明批准文号；决定后逾期 10 个工作日未组织实施',
        ref: { table: 'matters', id: 3 },
      },
    ]);
  });
});

describe('实名制 differences', () => {
  it('is one occurrence per difference, with its list and kind', () => {
    expect(
      realNameDifferences([
        { id: 9, source: '财政', comparedOn: '2023-12-01', kind: 'not_on_list', name: '甲一' },
        { id: 11, source: '人社', comparedOn: '2023-11-01', kind: 'other_quota_type', name: '乙二' },
      ]),
    ).toEqual({
      occurrences: 2,
      rows: [
        {
          text: '2023-12-01 财政名单比对：甲一，编制内有、名单无',
          ref: { table: 'reconciliation_items', id: 9 },
        },
        {
          text: '2023-11-01 人社名单比对：乙二，编制类型不一致',
          ref: { table: 'reconciliation_items', id: 11 },
        },
      ],
    });
  });
});

describe('annual reports on time', () => {
  it('is the share filed within the window of those expected to file', () => {
    // Expected for 2022: 甲 (on time), 乙 (late), 丙 (none); 丁 registered 2023 and 戊 cancelled
    // in 2022 are not. 1 ÷ 3 = 33.33 %.
    const r = annualReportsOnTime(
      [
        {
          registrationId: 1,
          name: '甲',
          registeredOn: '2015-01-01',
          cancelledOn: null,
          report: { submittedOn: '2023-03-01', late: false },
        },
        {
          registrationId: 2,
          name: '乙',
          registeredOn: '2015-01-01',
          cancelledOn: null,
          report: { submittedOn: '2023-04-10', late: true },
        },
        { registrationId: 3, name: '丙', registeredOn: '2022-12-31', cancelledOn: null, report: null },
        { registrationId: 4, name: '丁', registeredOn: '2023-01-01', cancelledOn: null, report: null },
        {
          registrationId: 5,
          name: '戊',
          registeredOn: '2015-01-01',
          cancelledOn: '2022-12-31',
          report: null,
        },
      ],
      2022,
    );
    expect(r?.percent).toBe(33.33);
    expect(r?.rows).toEqual([
      { text: '甲：2022年度报告2023-03-01 按时报送', ref: { table: 'registrations', id: 1 } },
      { text: '乙：2022年度报告2023-04-10 逾期报送', ref: { table: 'registrations', id: 2 } },
      { text: '丙：2022年度报告未报送', ref: { table: 'registrations', id: 3 } },
    ]);
    expect(annualReportsOnTime([], 2022)).toBeNull();
  });
});
