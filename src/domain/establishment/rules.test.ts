import { describe, expect, it } from 'vitest';
import { figure, onEstablishmentOn, reportingType, rowsInForce, unitExistsOn } from './rules.ts';

describe('quota figures', () => {
  it('computes vacancy, excess and real vacancy', () => {
    expect(figure(10, 7, 2)).toEqual({
      approved: 10,
      actual: 7,
      pending: 2,
      vacant: 3,
      over: 0,
      realVacant: 1,
    });
    expect(figure(10, 12, 1)).toEqual({
      approved: 10,
      actual: 12,
      pending: 1,
      vacant: 0,
      over: 2,
      realVacant: 0,
    });
    expect(figure(5, 4, 3).realVacant).toBe(0);
  });

  it('rolls 政法专项 into 行政', () => {
    expect(reportingType('政法专项编制')).toBe('行政编制');
    expect(reportingType('行政编制')).toBe('行政编制');
    expect(reportingType('事业编制')).toBe('事业编制');
    expect(reportingType('聘用编制')).toBe('聘用编制');
  });
});

describe('rows in force', () => {
  const rows = [
    { id: 1, key: 'a', effectiveFrom: '2020-01-01', approved: 5 },
    { id: 2, key: 'a', effectiveFrom: '2023-06-01', approved: 7 },
    { id: 3, key: 'a', effectiveFrom: '2030-01-01', approved: 9 },
    { id: 4, key: 'b', effectiveFrom: '2021-01-01', approved: 2 },
  ];
  it('takes the latest row not after the date, per key', () => {
    const pick = (d: string) =>
      rowsInForce(rows, (r) => r.key, d)
        .map((r) => r.id)
        .sort();
    expect(pick('2019-12-31')).toEqual([]);
    expect(pick('2020-01-01')).toEqual([1]);
    expect(pick('2023-05-31')).toEqual([1, 4]);
    expect(pick('2023-06-01')).toEqual([2, 4]);
    expect(pick('2029-12-31')).toEqual([2, 4]);
  });
});

describe('dates', () => {
  it('knows when a unit exists', () => {
    expect(unitExistsOn({ foundedOn: null, abolishedOn: null }, '2000-01-01')).toBe(true);
    expect(unitExistsOn({ foundedOn: '2025-01-01', abolishedOn: null }, '2024-12-31')).toBe(false);
    expect(unitExistsOn({ foundedOn: '2020-01-01', abolishedOn: '2024-01-01' }, '2024-01-01')).toBe(false);
    expect(unitExistsOn({ foundedOn: '2020-01-01', abolishedOn: '2024-01-01' }, '2023-12-31')).toBe(true);
  });

  it('counts people on the establishment between entry and exit', () => {
    const p = { status: '已出编', enteredOn: '2010-03-01', leftOn: '2024-05-01' };
    expect(onEstablishmentOn(p, '2010-02-28')).toBe(false);
    expect(onEstablishmentOn(p, '2010-03-01')).toBe(true);
    expect(onEstablishmentOn(p, '2024-04-30')).toBe(true);
    expect(onEstablishmentOn(p, '2024-05-01')).toBe(false);
    expect(onEstablishmentOn({ status: '待入编', enteredOn: null, leftOn: null }, '2024-01-01')).toBe(false);
  });
});
