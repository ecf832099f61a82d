// The standards page in real Chromium: a what-if on the 高中 ratio changes the shortfall on
// screen and nothing in the database.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { launchBrowser, SCREENSHOT_DIR, startWebServer } from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, tableCounts } from '../support/fixtures.ts';

describe('standards journey in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    const actor = { id: null, name: '测试' };
    expect(
      (await importWorkbook(t.ctx, { actor, paths: [COUNTY_DIR], dryRun: false, allowedRegions: null })).ok,
    ).toBe(true);
    await createUser(t.ctx, {
      actor,
      username: 'clerk',
      displayName: '王业务',
      role: 'clerk',
      regionCode: '640121',
      unitId: null,
      password: 'Journey-Pass-2026',
    });
    ({ app, baseUrl } = await startWebServer(t));
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill('clerk');
    await page.getByTestId('login-password').fill('Journey-Pass-2026');
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
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
