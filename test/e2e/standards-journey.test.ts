// The standards page in real Chromium: a what-if on the 高中 ratio changes the shortfall on
// screen and nothing in the database.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loggedIn, SCREENSHOT_DIR, seededWebServer } from '../support/browser.ts';
import type { TestDb } from '../support/databases.ts';
import { tableCounts } from '../support/fixtures.ts';

describe('standards journey in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ t, app, baseUrl } = await seededWebServer([
      { username: 'clerk', displayName: '王业务', role: 'clerk' },
    ]));
    browser = await launchBrowser();
    page = await loggedIn(browser, baseUrl, 'clerk');
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  const numberInput = (testId: string) =>
    page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

  it('changes the school shortfall in a what-if, saving nothing', async () => {
    await page.goto(`${baseUrl}/standards?year=2023`);
    const shortfall = page.getByTestId('standards-school-shortfall');
    // 2023: 第一中学 1800/12.5 + 900/13.5 = 210.67 → 211, 职业教育学校 600/12.5 = 48; 核定 115 + 40.
    await expect
      .poll(async () => (await shortfall.textContent())?.trim(), { timeout: 30_000 })
      .toContain('104');
    await expect
      .poll(async () => (await page.getByTestId('standards-text').textContent()) ?? '')
      .toContain('中小学教职工编制还缺配104名');
    const before = await tableCounts(t.ctx.db.kysely);
    await numberInput('whatif-senior').fill('10');
    await page.getByTestId('whatif-run').click();
    const result = page.getByTestId('whatif-result');
    // 1800/10 + 66.67 = 246.67 → 247, 600/10 = 60: 307 − 155 = 152.
    await expect.poll(async () => (await result.textContent()) ?? '', { timeout: 15_000 }).toContain('152');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'standards-whatif.png'), fullPage: true });
    expect(await tableCounts(t.ctx.db.kysely)).toEqual(before);
    expect((await shortfall.textContent())?.trim()).toContain('104');
  });
});
