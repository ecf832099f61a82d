// The 安全管理员's journey in real Chromium: the menu offers 安全策略 (and no business page), the
// page shows the policy in force, a change is saved and is what the server then enforces.
// A liaison's menu holds no county-wide page (统计报表 is not theirs to open).
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSecurityPolicy } from '../../src/domain/accounts/set-security-policy.ts';
import { launchBrowser, loggedIn, seededWebServer, SCREENSHOT_DIR } from '../support/browser.ts';
import type { TestDb } from '../support/databases.ts';

describe('security policy journey in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ t, app, baseUrl } = await seededWebServer([
      { username: 'anquan', displayName: '安全管理员', role: 'secadmin' },
      { username: 'lianluo', displayName: '联络员', role: 'liaison', unitCode: 'B01' },
    ]));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  it('lets the 安全管理员 raise the minimum password length', async () => {
    const page = await loggedIn(browser, baseUrl, 'anquan');
    const menu = page.locator('.ant-menu');
    await menu.getByText('安全策略').click();
    await page.waitForURL((u) => u.pathname === '/security');
    expect(await menu.getByText('机构').count()).toBe(0);
    const minLength = page.getByTestId('policy-min-length');
    await expect.poll(() => minLength.inputValue()).toBe('12');
    await minLength.fill('14');
    await page.getByTestId('policy-save').click();
    await page.getByText('安全策略已保存').waitFor();
    await page.screenshot({ path: `${SCREENSHOT_DIR}/security-policy.png` });
    const { policy } = await loadSecurityPolicy(t.ctx.db.kysely);
    expect(policy.passwordMinLength).toBe(14);
    await page.context().close();
  });

  it('shows a liaison no county-wide report in the menu', async () => {
    const page = await loggedIn(browser, baseUrl, 'lianluo');
    const menu = page.locator('.ant-menu');
    await menu.getByText('人员').waitFor();
    expect(await menu.getByText('统计报表').count()).toBe(0);
    expect(await menu.getByText('安全策略').count()).toBe(0);
    await page.context().close();
  });
});
