// The administrator's 统计年报 journey in real Chromium: open the page from the menu, see the
// tables and every check passing, download the Excel file, submit and lock the year; then a
// back-dated correction is imported and the page lists the figures it changed.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { launchBrowser, loggedIn, SCREENSHOT_DIR, seededWebServer } from '../support/browser.ts';
import type { TestDb } from '../support/databases.ts';
import { tempDir } from '../support/fixtures.ts';

describe('统计年报 journey in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  const year = new Date().getFullYear() - 1;

  beforeAll(async () => {
    ({ t, app, baseUrl } = await seededWebServer([
      { username: 'admin1', displayName: '王主任', role: 'admin' },
    ]));
    browser = await launchBrowser();
    page = await loggedIn(browser, baseUrl, 'admin1');
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  it('opens 统计年报 from the menu: the tables and every check passing', async () => {
    await page.getByRole('menuitem', { name: '统计年报' }).click();
    await page.waitForURL((u) => u.pathname === '/yearend');
    const status = page.getByTestId('yearend-status');
    await status.waitFor({ timeout: 30_000 });
    expect(await status.textContent()).toContain('校验全部通过');
    const t2 = page.getByTestId('yearend-表2');
    expect(await t2.textContent()).toContain('纪检监察机关');
    const checks = page.getByTestId('yearend-checks');
    expect(await checks.textContent()).not.toContain('不通过');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'yearend.png'), fullPage: true });
  });

  it('downloads the Excel file, submits and locks the year', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出 Excel' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`永宁县${String(year)}年机构编制统计.xlsx`);
    const file = path.join(tempDir(), 'yearend.xlsx');
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');

    await page.getByRole('button', { name: '上报并锁定' }).click();
    await page.getByRole('button', { name: '上报', exact: true }).click();
    const locked = page.getByTestId('yearend-locked');
    await locked.waitFor({ timeout: 15_000 });
    expect(await locked.textContent()).toContain('上报后数字没有变化');
    expect(await page.getByRole('button', { name: '已上报' }).isDisabled()).toBe(true);
  });

  it('lists the figures a later back-dated change altered', async () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, '编制.csv'),
      `行政区划代码,机构编码,编制类型,核定数,来源,生效日期\n640121,A01,行政编制,25,,${String(year)}-06-01\n`,
    );
    const imported = await importWorkbook(t.ctx, {
      actor: { id: null, name: '测试' },
      paths: [dir],
      dryRun: false,
      allowedRegions: null,
    });
    expect(imported.ok).toBe(true);
    await page.reload();
    const differences = page.getByTestId('yearend-differences');
    await differences.waitFor({ timeout: 30_000 });
    const text = (await differences.textContent()) ?? '';
    expect(text).toContain('表2 纪检监察机关 行政编制');
    expect(text).toContain('23');
    expect(text).toContain('28');
    expect(await page.getByTestId('yearend-locked').textContent()).toContain('处数字与上报时不同');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'yearend-differences.png'), fullPage: true });
  });
});
