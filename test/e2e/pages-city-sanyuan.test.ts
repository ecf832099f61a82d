// Every page of the city's read-only user and of the 三员 (系统管理员, 安全管理员, 安全审计员) in
// real Chromium, and the login page: each menu item opened in turn, one real figure or row
// checked on it, a screenshot saved to test-results/screenshots/<role>/<page>.png.
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, seededWebServer } from '../support/browser.ts';
import type { TestDb } from '../support/databases.ts';
import { JOURNEYS, seedJourneyData, visitEveryPage, visitLoginPage } from '../support/page-journeys.ts';

describe('every page of the city user and the 三员 in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    let units: Map<string, number>;
    ({ t, app, baseUrl, units } = await seededWebServer([
      { username: 'shiji', displayName: '银川市编办', role: 'viewer', regionCode: '640100' },
      { username: 'xitong', displayName: '系统管理员', role: 'sysadmin' },
      { username: 'anquan', displayName: '安全管理员', role: 'secadmin' },
      { username: 'shenji', displayName: '安全审计员', role: 'auditor' },
      { username: 'guanli', displayName: '编办管理员', role: 'admin' },
      { username: 'lianluo', displayName: '教育局联络员', role: 'liaison', unitCode: 'A03' },
    ]));
    await seedJourneyData(t, units, { admin: 'guanli', liaison: 'lianluo' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  it('shows the login page', async () => {
    await visitLoginPage(browser, baseUrl);
  });

  it('opens every page of the city user', async () => {
    const visited = await visitEveryPage(browser, baseUrl, {
      username: 'shiji',
      role: 'city',
      journeys: JOURNEYS,
    });
    expect(visited).toEqual(expect.arrayContaining(['home', 'units', 'reports', 'account']));
  });

  it('opens every page of the 系统管理员', async () => {
    const visited = await visitEveryPage(browser, baseUrl, {
      username: 'xitong',
      role: 'sysadmin',
      journeys: JOURNEYS,
    });
    expect(visited).toEqual(expect.arrayContaining(['home', 'users', 'account']));
  });

  it('opens every page of the 安全管理员', async () => {
    const visited = await visitEveryPage(browser, baseUrl, {
      username: 'anquan',
      role: 'secadmin',
      journeys: JOURNEYS,
    });
    expect(visited).toEqual(expect.arrayContaining(['home', 'security', 'account']));
  });

  it('opens every page of the 安全审计员', async () => {
    const visited = await visitEveryPage(browser, baseUrl, {
      username: 'shenji',
      role: 'auditor',
      journeys: JOURNEYS,
    });
    expect(visited).toEqual(expect.arrayContaining(['home', 'audit', 'account']));
  });
});
