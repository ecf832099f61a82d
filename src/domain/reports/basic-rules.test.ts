import { describe, expect, it } from 'vitest';
import { BASIC_PLACES } from '../../common/report-basic.ts';
import {
  basicFigures,
  CONTRIBUTIONS,
  emptyTypeCell,
  type UnitCells,
  type UnitAttributes,
} from './basic-rules.ts';

const unit = (u: Partial<UnitAttributes>): UnitAttributes => ({
  category: '事业单位',
  rank: null,
  affiliation: null,
  countsTowardDirectLimit: false,
  funding: null,
  type: null,
  sector: null,
  ...u,
});

function cells(
  u: Partial<UnitAttributes>,
  by: Partial<Record<'行政编制' | '事业编制' | '聘用编制', [number, number, number, number?]>> = {},
  posts: [number, number, number, number] = [0, 0, 0, 0],
): UnitCells {
  const cell = (v?: [number, number, number, number?]) =>
    v ? { approved: v[0], actual: v[1], pending: v[2], examPending: v[3] ?? 0 } : emptyTypeCell();
  return {
    unit: unit(u),
    byType: {
      行政编制: cell(by['行政编制']),
      事业编制: cell(by['事业编制']),
      聘用编制: cell(by['聘用编制']),
    },
    politicalLegalApproved: 0,
    posts: { 正科: { approved: posts[0], filled: posts[1] }, 副科: { approved: posts[2], filled: posts[3] } },
  };
}

describe('basic report figures', () => {
  it('defines a contribution for every count place of the template', () => {
    const keys = new Set(BASIC_PLACES.filter((p) => p.kind === 'count').map((p) => p.key));
    expect(new Set(Object.keys(CONTRIBUTIONS))).toEqual(keys);
    expect(BASIC_PLACES.filter((p) => p.place > 0)).toHaveLength(71);
  });

  it('sums vacancy per unit: one unit over quota never offsets another', () => {
    const f = basicFigures([
      cells({ category: '政府工作部门' }, { 行政编制: [10, 12, 1, 1] }),
      cells({ category: '政府工作部门' }, { 行政编制: [10, 6, 3, 2] }),
    ]);
    expect(f.adminQuota).toBe(20);
    expect(f.adminActual).toBe(18);
    expect(f.adminVacant).toBe(4); // 0 + 4, not 20 − 18 = 2
    expect(f.adminRealVacant).toBe(1); // 0 + max(0, 10 − 6 − 3)
    expect(f.adminPending).toBe(4);
    expect(f.adminExamPending).toBe(3);
    expect(f.partyGovernmentOrgans).toBe(2);
    expect(f.governmentOrgans).toBe(2);
  });

  it('counts empty leadership posts without offsetting a post filled twice, organs apart from institutions', () => {
    const f = basicFigures([
      cells({ category: '党委工作机关' }, {}, [1, 0, 1, 2]),
      cells({ category: '派出机构' }, {}, [1, 1, 2, 1]),
      cells({ category: '事业单位', rank: '正科' }, {}, [1, 0, 0, 0]),
    ]);
    expect(f.organLeadershipUnfilled).toBe(2);
    expect(f.institutionLeadershipUnfilled).toBe(1);
    expect(f.partyGovernmentOrgans).toBe(1);
    expect(f.dispatchedOrgans).toBe(1);
  });

  it('classifies institutions by rank, affiliation, funding and type', () => {
    const f = basicFigures([
      cells({ affiliation: '部门所属', rank: '正科', countsTowardDirectLimit: true, funding: '全额拨款' }),
      cells({ affiliation: '部门所属', rank: '正科', countsTowardDirectLimit: false, funding: '差额拨款' }),
      cells({ affiliation: '部门派驻乡镇', rank: '副科', funding: '自收自支' }),
      cells(
        { affiliation: '街道所属', rank: '副科', type: '中小学', sector: '教育' },
        { 事业编制: [5, 6, 1] },
      ),
      cells(
        { affiliation: '乡镇所属', rank: '不定级', type: '乡镇卫生院', sector: '卫生健康' },
        { 事业编制: [8, 5, 1] },
      ),
      cells({ category: '内设机构' }, { 事业编制: [3, 3, 0] }),
    ]);
    expect(f.institutions).toBe(5);
    expect(f.instDepartmentInLimitByRank).toBe(1);
    expect(f.instDepartmentInLimit).toBe(1);
    expect(f.instDepartmentOther).toBe(1);
    expect(f.instDepartmentDeputy).toBe(1);
    expect(f.instTownshipDeputy).toBe(1);
    expect(f.instUnranked).toBe(1);
    expect(f.instStationed).toBe(1);
    expect(f.instStreet).toBe(1);
    expect([f.instFullFunding, f.instPartialFunding, f.instSelfFunding]).toEqual([1, 1, 1]);
    expect(f.schoolQuota).toBe(5);
    expect(f.schoolVacant).toBe(0);
    expect(f.healthVacant).toBe(3);
    expect(f.healthRealVacant).toBe(2);
    expect(f.institutionQuota).toBe(13); // the 内设机构 counts nowhere
  });
});
