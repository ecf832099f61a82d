import { describe, expect, it } from 'vitest';
import { checkDomainName, renewalDue, requiredSuffix } from './rules.ts';

const school = {
  name: '永宁县第一中学',
  shortName: '永宁一中',
  category: '事业单位',
  administrativeFunctions: false,
  regionNames: ['永宁县'],
};
const bureau = {
  name: '教育局',
  shortName: null,
  category: '政府工作部门',
  administrativeFunctions: false,
  regionNames: ['永宁县'],
};

describe('中文域名 naming', () => {
  it('requires .政务 for organs and institutions with administrative functions, .公益 for the others', () => {
    expect(requiredSuffix(bureau)).toBe('.政务');
    expect(requiredSuffix(school)).toBe('.公益');
    expect(requiredSuffix({ ...school, administrativeFunctions: true })).toBe('.政务');
    expect(checkDomainName('永宁县第一中学.政务', school)).toEqual(['不承担行政职能的事业单位应使用 .公益']);
    expect(checkDomainName('教育局.公益', bureau)[0]).toMatch(/党政机关应使用 \.政务/);
  });

  it('accepts the full name, the standard short name, or either with the region prefix', () => {
    expect(checkDomainName('永宁县第一中学.公益', school)).toEqual([]);
    expect(checkDomainName('永宁一中.公益', school)).toEqual([]);
    expect(checkDomainName('永宁县教育局.政务', bureau)).toEqual([]);
    expect(checkDomainName('一中.公益', school)[0]).toMatch(/全称或规范简称/);
    expect(checkDomainName('永宁县第一中学.com', school)).toEqual(['域名应以 .政务 或 .公益 结尾']);
  });

  it('is due for renewal by the date given', () => {
    expect(renewalDue('2026-05-01', '2026-05-31')).toBe(true);
    expect(renewalDue('2026-07-01', '2026-05-31')).toBe(false);
  });
});
