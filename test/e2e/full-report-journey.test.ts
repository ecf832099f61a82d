// The office's 全年汇报 journey in real Chromium: open the page from the menu, see section 一's
// figures equal the 统计报表's for the same date, follow a figure to its rows, edit a paragraph
// (the figures stay as they are), render the .docx and find the edited text with the same figure.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loggedIn, SCREENSHOT_DIR, seededWebServer } from '../support/browser.ts';
import type { TestDb } from '../support/databases.ts';
import { unzip } from '../support/zip.ts';

const AS_OF = '2023-01-01';

describe('全年汇报 journey in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    ({ t, app, baseUrl } = await seededWebServer([
      { username: 'clerk1', displayName: '张科员', role: 'clerk' },
    ]));
    browser = await launchBrowser();
    page = await loggedIn(browser, baseUrl, 'clerk1');
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  const figureText = async (testId: string) => {
    const el = page.getByTestId(testId).first();
    await el.waitFor({ timeout: 30_000 });
    return ((await el.textContent()) ?? '').trim();
  };

  it('shows section 一 with the 统计报表 figures of the same date, each leading to its rows', async () => {
    await page.goto(`${baseUrl}/reports?asOf=${AS_OF}`);
    const reportAdminActual = await figureText('figure-adminActual');
    const reportOrgans = await figureText('figure-partyGovernmentOrgans');
    await page.getByRole('menuitem', { name: '全年汇报' }).click();
    await page.waitForURL((u) => u.pathname === '/full-report');
    await page.goto(`${baseUrl}/full-report?asOf=${AS_OF}`);
    expect(await figureText('figure-basic.adminActual')).toBe(reportAdminActual);
    expect(await figureText('figure-basic.partyGovernmentOrgans')).toBe(reportOrgans);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'full-report.png'), fullPage: true });
    await page.getByTestId('figure-basic.adminActual').first().click();
    const table = page.getByTestId('drill-table');
    await table.waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => table.locator('tbody tr.ant-table-row').count(), { timeout: 15_000 })
      .toBe(Number(reportAdminActual));
    await page.keyboard.press('Escape');
  });

  it('edits a paragraph without touching its figures, renders the .docx and lists no change', async () => {
    const organs = await figureText('figure-basic.partyGovernmentOrgans');
    await page.getByRole('button', { name: '编辑第4段' }).click();
    const editor = page.getByTestId('paragraph-editor');
    const before = await editor.inputValue();
    expect(before).toContain('{{basic.partyGovernmentOrgans}}');
    await editor.fill(`经核实，${before.replace('其中：', '其中，')}`);
    await page.getByRole('button', { name: '保存', exact: true }).click();
    await expect
      .poll(async () => (await page.getByTestId('paragraph-3').textContent()) ?? '', { timeout: 15_000 })
      .toContain(`经核实，永宁县共设置党政机构${organs}个，其中，党委机构`);
    expect(await figureText('figure-basic.partyGovernmentOrgans')).toBe(organs);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '生成 Word' }).click(),
    ]);
    const file = await download.path();
    const xml = unzip(fs.readFileSync(file)).get('word/document.xml')?.toString('utf8') ?? '';
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain(`经核实，永宁县共设置党政机构${organs}个，其中，党委机构`);
    expect(text).toContain('附：数据来源');
    await expect
      .poll(async () => (await page.getByTestId('full-report-changes').textContent()) ?? '', {
        timeout: 15_000,
      })
      .toContain('以来数字没有变化');
  });
});
