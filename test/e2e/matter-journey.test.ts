// The procedure in real Chromium: a 部门联络员 files a 调剂, the office assesses, decides and
// implements it, and the new quotas show on the unit page and behind the report's figure.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loggedIn, SCREENSHOT_DIR, seededWebServer } from '../support/browser.ts';
import type { TestDb } from '../support/databases.ts';

describe('matter journey in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let units: Map<string, number>;
  let matterUrl = '';

  beforeAll(async () => {
    ({ t, app, baseUrl, units } = await seededWebServer([
      { username: 'liaison', role: 'liaison', unitCode: 'A03' },
      { username: 'clerk', role: 'clerk' },
      { username: 'admin', role: 'admin' },
    ]));
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  const as = (username: string): Promise<Page> => loggedIn(browser, baseUrl, username);

  /** Picks an option of an antd Select or TreeSelect by typing part of its text. */
  async function choose(page: Page, testId: string, text: string): Promise<void> {
    await page.getByTestId(testId).click();
    await page.keyboard.type(text);
    const option = page
      .locator('.ant-select-dropdown:visible')
      .locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper', { hasText: text });
    await option.last().click();
  }

  /** An antd InputNumber's input, whether the test id sits on the input or on its wrapper. */
  const numberInput = (page: Page, testId: string) =>
    page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

  async function act(page: Page, button: string, fill?: () => Promise<void>): Promise<void> {
    await page.getByTestId(button).click();
    if (fill) await fill();
    await page.getByTestId('modal-ok').click();
  }

  const state = (page: Page) => page.getByTestId('matter-state').textContent();

  it('lets a liaison file a 调剂 between the units of their department', async () => {
    const page = await as('liaison');
    await page.goto(`${baseUrl}/matters/new`);
    await page.getByTestId('matter-title').fill('第一中学调剂4名事业编制至职业教育学校');
    await page.getByTestId('matter-reasons').fill('职业教育学校扩大招生，教师不足');
    await choose(page, 'matter-add-change', '调剂');
    await choose(page, 'transfer-quota-type', '事业编制');
    await choose(page, 'transfer-line-0-unit', '第一中学');
    await page.getByTestId('transfer-line-0-direction').getByText('调出').click();
    await numberInput(page, 'transfer-line-0-amount').fill('4');
    await choose(page, 'transfer-line-1-unit', '职业教育学校');
    await page.getByTestId('transfer-line-1-direction').getByText('调入').click();
    await numberInput(page, 'transfer-line-1-amount').fill('4');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'matter-new.png'), fullPage: true });
    await page.getByTestId('matter-submit').click();
    await page.waitForURL(/\/matters\/\d+$/, { timeout: 15_000 });
    matterUrl = page.url();
    await expect.poll(() => state(page)).toContain('动议');
    await page.context().close();
  });

  it('is assessed, decided and implemented by the office', async () => {
    const clerk = await as('clerk');
    await clerk.goto(matterUrl);
    await act(clerk, 'matter-assess');
    await expect.poll(() => state(clerk), { timeout: 15_000 }).toContain('已论证');
    await clerk.context().close();

    const admin = await as('admin');
    await admin.goto(matterUrl);
    await act(admin, 'matter-decide', () => admin.getByTestId('decide-doc-no').fill('永编发〔2026〕21号'));
    await expect.poll(() => state(admin), { timeout: 15_000 }).toContain('已决定');
    await act(admin, 'matter-implement');
    await expect.poll(() => state(admin), { timeout: 15_000 }).toContain('已实施');
    await admin.screenshot({ path: path.join(SCREENSHOT_DIR, 'matter-implemented.png'), fullPage: true });

    await admin.goto(`${baseUrl}/units/${units.get('640121/B02') ?? 0}`);
    await expect
      .poll(async () => (await admin.textContent('body')) ?? '', { timeout: 15_000 })
      .toContain('永宁县职业教育学校');
    const figures = admin.locator('table').filter({ hasText: '事业编制' }).first();
    await expect.poll(async () => (await figures.textContent()) ?? '').toContain('44');
    await admin.getByRole('tab', { name: '沿革（文号链）' }).click();
    const chain = admin.getByTestId('unit-history');
    await expect
      .poll(async () => (await chain.textContent()) ?? '', { timeout: 15_000 })
      .toContain('事业编制核定 44 名（永编发〔2026〕21号）');

    await admin.goto(`${baseUrl}/reports`);
    await admin.getByTestId('figure-institutionQuota').click();
    const drill = admin.getByTestId('drill-table');
    await expect
      .poll(async () => (await drill.textContent()) ?? '', { timeout: 15_000 })
      .toContain('永宁县职业教育学校');
    const row = drill.locator('tr', { hasText: '永宁县职业教育学校' });
    expect(await row.textContent()).toContain('44');
    const first = drill.locator('tr', { hasText: '永宁县第一中学' });
    expect(await first.textContent()).toContain('111');
    await admin.screenshot({ path: path.join(SCREENSHOT_DIR, 'matter-report.png'), fullPage: true });
    await admin.context().close();
  });
});
