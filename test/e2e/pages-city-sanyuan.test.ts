// Every page of the city's read-only user and of the 三员 (系统管理员, 安全管理员, 安全审计员) in
// real Chromium, and the login page: each menu item opened in turn, one real figure or row
// checked on it, a screenshot saved to test-results/screenshots/<role>/<width>/<page>.png at 1366
// and 1920 px; no table column cut off, no request refused, no write button for the city user or
// the auditor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webJourney, type WebJourney } from '../support/browser.ts';
import { readOnlyProblems } from '../support/page-checks.ts';
import { JOURNEYS, seedJourneyData, visitEveryPage, visitLoginPage } from '../support/page-journeys.ts';

describe('every page of the city user and the 三员 in Chromium', () => {
  let w: WebJourney;

  beforeAll(async () => {
    w = await webJourney([
      { username: 'shiji', displayName: '银川市编办', role: 'viewer', regionCode: '640100' },
      { username: 'xitong', displayName: '系统管理员', role: 'sysadmin' },
      { username: 'anquan', displayName: '安全管理员', role: 'secadmin' },
      { username: 'shenji', displayName: '安全审计员', role: 'auditor' },
      { username: 'guanli', displayName: '编办管理员', role: 'admin' },
      { username: 'lianluo', displayName: '教育局联络员', role: 'liaison', unitCode: 'A03' },
    ]);
    await seedJourneyData(w.t, w.units, { admin: 'guanli', liaison: 'lianluo' });
  });

  afterAll(async () => {
    await w?.close();
  });

  it('shows the login page', async () => {
    await visitLoginPage(w.browser, w.baseUrl);
  });

  it('opens every page of the city user', async () => {
    const visited = await visitEveryPage(w.browser, w.baseUrl, {
      username: 'shiji',
      role: 'city',
      journeys: JOURNEYS,
    });
    expect(visited).toEqual(expect.arrayContaining(['home', 'units', 'reports', 'account']));
  });

  it('opens every page of the 系统管理员', async () => {
    const visited = await visitEveryPage(w.browser, w.baseUrl, {
      username: 'xitong',
      role: 'sysadmin',
      journeys: JOURNEYS,
    });
    expect(visited).toEqual(expect.arrayContaining(['home', 'users', 'account']));
  });

  it('opens every page of the 安全管理员', async () => {
    const visited = await visitEveryPage(w.browser, w.baseUrl, {
      username: 'anquan',
      role: 'secadmin',
      journeys: JOURNEYS,
    });
    expect(visited).toEqual(expect.arrayContaining(['home', 'security', 'account']));
  });

  it('opens every page of the 安全审计员', async () => {
    const visited = await visitEveryPage(w.browser, w.baseUrl, {
      username: 'shenji',
      role: 'auditor',
      journeys: JOURNEYS,
    });
    expect(visited).toEqual(expect.arrayContaining(['home', 'audit', 'account']));
  });

  it('shows the city user no write button on a unit page or a matter page', async () => {
    const unit = (code: string) => `/units/${String(w.units.get(`640121/${code}`))}`;
    const page = await w.login('shiji');
    try {
      const paths = [unit('A03'), unit('B01'), '/matters/1', '/matters/2'];
      expect(await readOnlyProblems(page, w.baseUrl, paths)).toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 180_000);
});
