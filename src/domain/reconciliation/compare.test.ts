import { describe, expect, it } from 'vitest';
import {
  compareWithLedger,
  countDifferences,
  quotaClass,
  unitKey,
  type LedgerRow,
  type ListRow,
} from './compare.ts';

const REGIONS = ['永宁县', '银川市', '宁夏回族自治区'];

function ledger(n: number, unitName: string, quotaType: string, extra: Partial<LedgerRow> = {}): LedgerRow {
  return {
    personId: n,
    idHash: `h${n}`,
    idMasked: `m${n}`,
    name: `人${n}`,
    unitId: 100 + n,
    unitName,
    quotaType,
    status: '在编',
    ...extra,
  };
}

function row(rowNumber: number, n: number, unitName: string, quotaType: string | null = null): ListRow {
  return { rowNumber, idHash: `h${n}`, idMasked: `m${n}`, name: `人${n}`, unitName, quotaType };
}

describe('unitKey', () => {
  const key = (name: string) => unitKey(name, REGIONS);

  it('drops the county prefix, in full, without its level, or as the bare level', () => {
    expect(key('永宁县教育局')).toBe('教育局');
    expect(key('教育局')).toBe('教育局');
    expect(key('县教育局')).toBe('教育局');
    expect(key('永宁教育局')).toBe('教育局');
    expect(key('银川市永宁县教育局')).toBe('教育局');
  });

  it('drops 中共 and the Party committee’s 委 after the county', () => {
    for (const name of ['中共永宁县委组织部', '永宁县委组织部', '县委组织部', '组织部'])
      expect(key(name)).toBe('组织部');
    expect(key('中共永宁县纪律检查委员会')).toBe('纪律检查委员会');
  });

  it('ignores spaces and full-width forms', () => {
    expect(key(' 永宁县 第一中学 ')).toBe(key('永宁县第一中学'));
    expect(key('永宁县第１中学（初中部）')).toBe(key('永宁县第1中学(初中部)'));
    expect(key('永宁县\u3000教育局')).toBe('教育局');
  });

  it('keeps different units apart', () => {
    expect(key('永宁县教育局')).not.toBe(key('永宁县卫生健康局'));
    expect(key('县委办公室')).not.toBe(key('县政府办公室'));
    expect(key('望洪镇卫生院')).not.toBe(key('望洪镇'));
  });

  it('never strips a name to nothing', () => {
    for (const name of ['永宁县', '中共', '县', '县委']) expect(key(name)).not.toBe('');
  });

  it('does not eat a 市 that begins the unit name in a county-level city', () => {
    const city = ['灵武市', '银川市'];
    expect(unitKey('灵武市市场监督管理局', city)).toBe(unitKey('市场监督管理局', city));
  });
});

describe('quotaClass', () => {
  it('counts 政法专项编制 as 行政 and reads short forms', () => {
    expect(quotaClass('行政编制')).toBe('行政');
    expect(quotaClass('政法专项编制')).toBe('行政');
    expect(quotaClass('行政')).toBe('行政');
    expect(quotaClass('事业编制')).toBe('事业');
    expect(quotaClass(' 事业 ')).toBe('事业');
    expect(quotaClass('聘用编制')).toBe('聘用');
    expect(quotaClass('工勤')).toBeNull();
  });
});

describe('compareWithLedger', () => {
  const people = [
    ledger(1, '永宁县教育局', '行政编制'),
    ledger(2, '永宁县教育局', '行政编制'),
    ledger(3, '永宁县第一中学', '事业编制'),
    ledger(4, '中共永宁县纪律检查委员会', '政法专项编制', { unitAliases: ['永宁县监察委员会'] }),
    ledger(5, '望洪镇卫生院', '事业编制'),
  ];

  it('finds every kind of difference', () => {
    const r = compareWithLedger({
      regionNames: REGIONS,
      ledger: people,
      list: [
        row(2, 1, '教育局', '行政编制'),
        row(3, 2, '永宁县第一中学', '行政编制'),
        row(4, 3, '永宁县第一中学', '行政编制'),
        row(5, 4, '永宁县监察委员会', '行政编制'),
        row(6, 9, '永宁县教育局'),
        row(7, 1, '教育局'),
      ],
      offEstablishment: new Map([['h9', { unitId: 7, quotaType: '事业编制', note: '实名库中已出编' }]]),
    });
    expect(r.matched).toBe(2);
    expect(r.differences.map((d) => [d.kind, d.rowNumber, d.name])).toEqual([
      ['not_on_establishment', 6, '人9'],
      ['not_on_list', null, '人5'],
      ['other_unit', 3, '人2'],
      ['other_quota_type', 4, '人3'],
      ['invalid_row', 7, '人1'],
    ]);
    const [notOn, missing, other, quota, dup] = r.differences;
    expect(notOn).toMatchObject({ ledgerUnitId: 7, ledgerQuotaType: '事业编制', note: '实名库中已出编' });
    expect(missing).toMatchObject({ ledgerUnitId: 105, listUnit: null, idHash: 'h5', idMasked: 'm5' });
    expect(other).toMatchObject({ ledgerUnitId: 102, listUnit: '永宁县第一中学' });
    expect(other?.note).toContain('永宁县教育局');
    expect(quota?.note).toBe('编制类型：名单为行政编制，实名库为事业编制');
    expect(dup?.note).toBe('第7行 身份证号: 与第2行重复');
  });

  it('explains a listed person it does not know at all', () => {
    const r = compareWithLedger({ regionNames: REGIONS, ledger: [], list: [row(2, 1, '教育局')] });
    expect(r.differences).toEqual([
      {
        kind: 'not_on_establishment',
        rowNumber: 2,
        name: '人1',
        idMasked: 'm1',
        idHash: 'h1',
        listUnit: '教育局',
        ledgerUnitId: null,
        listQuotaType: null,
        ledgerQuotaType: null,
        note: '实名库中无此人',
      },
    ]);
  });

  it('does not compare quota types the list leaves out, and reports the ones it cannot read', () => {
    const r = compareWithLedger({
      regionNames: REGIONS,
      ledger: people.slice(0, 3),
      list: [row(2, 1, '教育局', null), row(3, 2, '教育局', '工勤'), row(4, 3, '教育局', '工勤')],
    });
    expect(r.matched).toBe(1);
    expect(r.differences.map((d) => [d.kind, d.rowNumber])).toEqual([
      ['other_unit', 4],
      ['invalid_row', 3],
    ]);
    expect(r.differences[0]?.note).toContain('编制类型“工勤”无法识别');
    expect(r.differences[1]?.note).toBe(
      '第3行 编制类型: “工勤”无法识别，应为行政编制、政法专项编制、事业编制或聘用编制',
    );
  });

  it('notes a different name on an existing difference', () => {
    const r = compareWithLedger({
      regionNames: REGIONS,
      ledger: [ledger(1, '永宁县教育局', '行政编制')],
      list: [{ ...row(2, 1, '望洪镇'), name: '别名' }],
    });
    expect(r.differences[0]?.note).toBe('实名库单位为“永宁县教育局”；姓名不一致（实名库为“人1”）');
  });

  it('counts the differences of each kind', () => {
    const r = compareWithLedger({ regionNames: REGIONS, ledger: people, list: [row(2, 1, '教育局')] });
    expect(countDifferences(r.differences, { listRows: 1, ledgerPeople: 5, matched: r.matched })).toEqual({
      listRows: 1,
      ledgerPeople: 5,
      matched: 1,
      not_on_establishment: 0,
      not_on_list: 4,
      other_unit: 0,
      other_quota_type: 0,
      invalid_row: 0,
    });
  });
});
