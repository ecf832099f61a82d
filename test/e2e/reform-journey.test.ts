// 机构改革 in real Chromium: the office creates a project, freezes the baseline, drafts a merger
// that also sets up a new 党委工作机关 and gives it its 职数, sees the 机构限额 breach and the report after the plan,
// adopts the plan and finds its matter waiting for 论证.
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertInstitutionLimit } from '../../src/db/repositories/reform.ts';
import { launchBrowser, loggedIn, SCREENSHOT_DIR, seededWebServer } from '../support/browser.ts';
import type { TestDb } from '../support/databases.ts';

describe('reform journey in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ t, app, baseUrl } = await seededWebServer([{ username: 'clerk', role: 'clerk' }]));
    // The province's cap: 党委工作机关 and 政府工作部门 at most 2 (组织部 and 教育局 today).
    await insertInstitutionLimit(t.ctx.db.kysely, {
      regionCode: '640121',
      kind: '党政机构',
      cap: 2,
      sourceDocument: '宁编发〔2024〕1号',
      effectiveFrom: '2024-01-01',
      at: new Date().toISOString(),
      by: null,
    });
    browser = await launchBrowser();
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  async function choose(page: Page, testId: string, text: string): Promise<void> {
    // The previous dropdown must have finished closing: while it animates out it is still
    // visible, and an option of the same name in it would be clicked as it disappears.
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
    await page.getByTestId(testId).click();
    await page.keyboard.type(text);
    const option = page
      .locator('.ant-select-dropdown:visible')
      .locator('.ant-select-item-option, .ant-select-tree-node-content-wrapper', { hasText: text });
    await option.last().click();
  }
  const text = async (page: Page, testId: string) => (await page.getByTestId(testId).textContent()) ?? '';

  it('freezes a baseline, drafts a merger, sees the breach and the new report, adopts it', async () => {
    const page = await loggedIn(browser, baseUrl, 'clerk');
    await page.getByRole('menuitem', { name: '机构改革' }).click();
    await page.waitForURL(/\/reform$/);

    await page.getByTestId('project-new').click();
    await page.getByTestId('project-name').fill('2026年县级机构改革');
    await page.getByTestId('project-date').fill('2026-01-01');
    await page.getByTestId('project-create').click();
    await page.getByTestId('baseline-freeze').click();
    await page.getByTestId('baseline-freeze-ok').click();
    await expect.poll(() => text(page, 'reform-project'), { timeout: 15_000 }).toContain('已冻结');

    await page.getByTestId('plan-name').fill('方案一：合并学校、组建社会工作部');
    await choose(page, 'matter-add-change', '合并');
    await choose(page, 'change-0-units', '职业教育学校');
    await page.keyboard.press('Escape');
    await choose(page, 'change-0-into', '第一中学');
    await choose(page, 'matter-add-change', '机构设立');
    await page.getByTestId('change-1-code').fill('A05');
    await page.getByTestId('change-1-name').fill('中共永宁县委社会工作部');
    await choose(page, 'change-1-category', '党委工作机关');
    // The unit this plan sets up can be named by the next card: its 职数.
    await choose(page, 'matter-add-change', '领导职数调整');
    await choose(page, 'change-2-unit', '社会工作部（本次新设）');
    await choose(page, 'change-2-level', '正科级');
    await page.getByTestId('change-2-approved').fill('1');
    await page.getByTestId('plan-save').click();

    await expect
      .poll(() => text(page, 'sandbox-breaches'), { timeout: 20_000 })
      .toContain('超过机构限额 2 个（宁编发〔2024〕1号）');
    const figures = await text(page, 'sandbox-figures');
    expect(figures).toContain('事业单位');
    expect(figures).toContain('党政机构');
    const diff = await text(page, 'sandbox-diff');
    expect(diff).toContain('并入永宁县第一中学');
    expect(diff).toContain('新设');
    expect(diff).toContain('0 → 1 / 0');
    await expect.poll(() => page.getByTestId('chart-after').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'reform-sandbox.png'), fullPage: true });

    await page.getByTestId('plan-adopt').click();
    await page.getByTestId('plan-adopt-ok').click();
    await expect.poll(() => text(page, 'reform-matters'), { timeout: 15_000 }).toContain('动议');
    await page.getByTestId('reform-matters').getByRole('link').first().click();
    await page.waitForURL(/\/matters\/\d+$/);
    await expect.poll(() => text(page, 'matter-state'), { timeout: 15_000 }).toContain('动议');
    await expect.poll(async () => (await page.textContent('body')) ?? '').toContain('论证');
    expect((await page.textContent('body')) ?? '').toContain(
      '领导职数调整：新设机构“中共永宁县委社会工作部” 正科级领导职数 1 名',
    );
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'reform-adopted.png'), fullPage: true });
    await page.context().close();
  });
});
