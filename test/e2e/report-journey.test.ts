// A leader's journey in real Chromium: open 统计报表, click a figure and see exactly the rows
// behind it, download the Word report and the Excel statistics.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loggedIn, SCREENSHOT_DIR, seededWebServer } from '../support/browser.ts';
import type { TestDb } from '../support/databases.ts';
import { tempDir } from '../support/fixtures.ts';

describe('report journey in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ t, app, baseUrl } = await seededWebServer([
      { username: 'leader', displayName: '李县长', role: 'leader' },
    ]));
    browser = await launchBrowser();
    page = await loggedIn(browser, baseUrl, 'leader');
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  it('opens the report and drills a figure down to exactly its people', async () => {
    await page.goto(`${baseUrl}/reports?asOf=2023-01-01`);
    const figure = page.getByTestId('figure-adminActual');
    await figure.waitFor({ timeout: 30_000 });
    expect((await figure.textContent())?.trim()).toBe('3');
    await expect
      .poll(async () => (await page.textContent('body')) ?? '')
      .toContain('永宁县共设置党政机构4个');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'report.png'), fullPage: true });
    await figure.click();
    const drawer = page.getByTestId('drill-drawer');
    await drawer.waitFor();
    const table = page.getByTestId('drill-table');
    await expect
      .poll(async () => table.locator('tbody tr.ant-table-row').count(), { timeout: 15_000 })
      .toBe(3);
    const text = (await table.textContent()) ?? '';
    for (const name of ['张伟', '李娜', '杨磊']) expect(text).toContain(name);
    expect(text).not.toContain('王强');
    expect(text).not.toMatch(/64012119\d{9}[\dX]/);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'report-drill.png'), fullPage: true });
    await page.keyboard.press('Escape');
  });

  it('downloads the Word report and the Excel statistics', async () => {
    const dir = tempDir();
    for (const [testId, ext] of [
      ['report-download-docx', '.docx'],
      ['report-download-xlsx', '.xlsx'],
    ] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
      expect(download.suggestedFilename().endsWith(ext)).toBe(true);
      const file = path.join(dir, `report${ext}`);
      await download.saveAs(file);
      expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    }
  });
});
