import { describe, expect, it } from 'vitest';
import { aheadRequests, opensOnChart } from './page-data-ahead.ts';

const office = { permissions: { readLedger: true, readReports: true }, inCounty: true };

describe('the requests asked ahead of a page', () => {
  it('asks the default view of each page the bench found slow, and the shell count for every page', () => {
    expect(aheadRequests('/', '', office)).toEqual(['waiting', 'overview', 'unitFigures', 'history']);
    expect(aheadRequests('/population', '', office)).toEqual(['waiting', 'population']);
    expect(aheadRequests('/full-report', '', office)).toEqual(['waiting', 'fullReport']);
    expect(aheadRequests('/standards', '', office)).toEqual(['waiting', 'standards', 'standardVersions']);
    expect(aheadRequests('/inputs', '', office)).toEqual(['waiting', 'studentInputs', 'populationInputs']);
    expect(aheadRequests('/people', '', office)).toEqual(['waiting']);
  });

  it('asks nothing of a view chosen in the address, below a page, or outside the shell', () => {
    expect(aheadRequests('/standards', '?year=2023', office)).toEqual(['waiting']);
    expect(aheadRequests('/', '?asOf=2024-12-31', office)).toEqual(['waiting']);
    expect(aheadRequests('/units/12', '', office)).toEqual(['waiting']);
    expect(aheadRequests('/login', '', office)).toEqual([]);
    expect(aheadRequests('/change-password', '', office)).toEqual([]);
  });

  it('follows what the user may read and where the page starts', () => {
    // a 部门联络员 reads the ledger of his units, not the county's report
    const liaison = { permissions: { readLedger: true, readReports: false }, inCounty: true };
    expect(aheadRequests('/', '', liaison)).toEqual(['waiting', 'overview']);
    // the 三员 read no business data
    const sysadmin = { permissions: { readLedger: false, readReports: false }, inCounty: true };
    expect(aheadRequests('/', '', sysadmin)).toEqual([]);
    // a city's pages start from the sum over its counties, chosen on the page
    expect(aheadRequests('/population', '', { ...office, inCounty: false })).toEqual(['waiting']);
  });
});

describe('the pages that open on a chart', () => {
  it('are the 首页, 人口与编制 and 编制标准 in their default view', () => {
    expect(['/', '/population', '/standards'].every((p) => opensOnChart(p, ''))).toBe(true);
    expect(opensOnChart('/standards', '?year=2023')).toBe(false);
    expect(opensOnChart('/inputs', '')).toBe(false);
    expect(opensOnChart('/full-report', '')).toBe(false);
  });
});
