// The 首页 tells the server's truth in real Chromium, as an admin, a liaison and a city user: the
// figures are the overview's (the report's), the unit count names its basis, a liaison's page is
// about his unit, a city's names the counties without data and compares them; a unit page starts
// a matter for that unit, pre-filled; the audit log reads in Chinese.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverviewResponse } from '../../src/common/wire.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { getOverview } from '../../src/domain/registry/overview.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import {
  JOURNEY_PASSWORD,
  launchBrowser,
  loggedIn,
  SCREENSHOT_DIR,
  seededWebServer,
  settled,
} from '../support/browser.ts';
import type { TestDb } from '../support/databases.ts';

const formatted = (n: number) => n.toLocaleString('zh-CN');

describe('home page truth journey in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let units: Map<string, number>;
  let county: OverviewResponse;

  beforeAll(async () => {
    ({ t, app, baseUrl, units } = await seededWebServer([
      { username: 'admin', role: 'admin', displayName: '李管理' },
      { username: 'liaison', role: 'liaison', unitCode: 'A03' },
      { username: 'auditor', role: 'auditor' },
    ]));
    const actor = { id: null, name: '测试' };
    await ensureRegion(t.ctx, { code: '640100', actor });
    await createUser(t.ctx, {
      actor,
      username: 'city',
      displayName: 'city',
      role: 'viewer',
      regionCode: '640100',
      unitId: null,
      password: JOURNEY_PASSWORD,
    });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const principal = {
      userId: 0,
      username: 't',
      displayName: 't',
      role: 'admin' as const,
      regionCode: '640121',
      unitId: null,
      mustChangePassword: false,
    };
    county = await getOverview(t.ctx, { principal, regionCode: '640121', asOf: today });
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: path.join(SCREENSHOT_DIR, name), fullPage: true });

  it('shows an admin the server’s figures and the unit count with its basis', async () => {
    const page = await loggedIn(browser, baseUrl, 'admin');
    const cards = page.getByTestId('overview-figures');
    await cards.waitFor();
    const total = cards.locator('.bz-figure-card-total');
    await expect.poll(() => total.textContent()).toContain(`实际空编${formatted(county.total.realVacant)}`);
    expect(await total.textContent()).toContain(`核定${formatted(county.total.approved)}`);
    const count = page.getByTestId('unit-count');
    expect(await count.textContent()).toContain(`共 ${String(county.unitCount)} 个`);
    await page.getByText(county.unitBasis).first().waitFor();
    await settled(page); // the lazy charts drawn
    await shot(page, 'home-admin.png');
    await page.close();
  });

  it('gives a liaison a home page about his unit', async () => {
    const page = await loggedIn(browser, baseUrl, 'liaison');
    await page.getByText('首页 · 永宁县教育局').first().waitFor();
    await page.getByTestId('overview-figures').waitFor();
    await shot(page, 'home-liaison.png');
    await page.close();
  });

  it('tells a city user which counties have data and compares them', async () => {
    const page = await loggedIn(browser, baseUrl, 'city');
    const coverage = page.getByTestId('county-coverage');
    await coverage.waitFor();
    const text = (await coverage.textContent()) ?? '';
    expect(text).toContain('银川市下辖 6 个县级行政区，其中 1 个已有数据');
    expect(text).toContain('贺兰县');
    expect(await page.getByTestId('overview-figures').textContent()).toContain('全市合计');
    await page.getByTestId('home-counties').getByText('永宁县').first().waitFor();
    await settled(page);
    await shot(page, 'home-city.png');
    await page.close();
  });

  it('starts a matter for a unit from its page, pre-filled', async () => {
    const page = await loggedIn(browser, baseUrl, 'admin');
    await page.goto(`${baseUrl}/units/${String(units.get('640121/A03'))}`);
    await page.getByTestId('unit-new-matter').click();
    await page.waitForURL((u) => u.pathname === '/matters/new');
    await expect
      .poll(() => page.getByTestId('matter-title').inputValue())
      .toBe('关于永宁县教育局机构编制事项的请示');
    await page.close();
  });

  it('shows the audit log in Chinese', async () => {
    const page = await loggedIn(browser, baseUrl, 'auditor');
    await page.goto(`${baseUrl}/audit`);
    await page.locator('.ant-tag', { hasText: '登录' }).first().waitFor();
    expect(await page.locator('.ant-tag', { hasText: 'user.login' }).count()).toBe(0);
    await shot(page, 'audit-chinese.png');
    await page.close();
  });
});
