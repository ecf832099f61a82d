// 评估问效 in real Chromium: the office sets up a plan of three indicators (one measured by the
// ledger: 中小学编制保障率, with the schools behind it), the 教育局's liaison enters his unit's 自评, the office's team scores both
// units on site, and the ranking on the page is the server's (GET …/result); the 自评 form opens
// again with what was saved; the 总结报告 (.docx) and 得分表 (.xlsx) download as real files; the
// office records a finding with a deadline, the liaison reports progress, the office sees 整改中
// and the server's 逾期. Screenshots at 1366 and 1920 px; no table is wider than its frame.
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvaluationFinding } from '../../src/common/wire-evaluation-findings.ts';
import type { EvaluationPlanSummary, EvaluationResult } from '../../src/common/wire-evaluation.ts';
import { todayInChina } from '../../src/context.ts';
import { launchBrowser, loggedIn, seededWebServer } from '../support/browser.ts';
import type { TestDb } from '../support/databases.ts';
import { expectTestIdText } from '../support/page-journeys.ts';
import { pick, shift, shootBoth } from '../support/evaluation-journey.ts';

const TITLE = '永宁县机构编制执行情况评估（旅程）';
const TIMEOUT = 30_000;
const today = todayInChina();
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function openPlan(page: Page): Promise<void> {
  await page.locator('.ant-menu').getByText('评估问效').click();
  await page.waitForURL((u) => u.pathname === '/evaluation');
  await page.getByTestId('evaluation-plans').getByText(TITLE).click();
  await page.getByTestId('plan-view').waitFor({ timeout: TIMEOUT });
}

async function tab(page: Page, name: string): Promise<void> {
  await page.getByTestId('plan-tabs').locator('.ant-tabs-tab').filter({ hasText: name }).click();
}

/** Fills a stage's row: a manual score with its evidence, and the veto answered "未发生". */
async function scoreRow(page: Page, score: number, evidence: string): Promise<void> {
  await pick(page, 'score-value-A2', '未发生');
  await page.getByTestId('score-value-B').fill(String(score));
  await page.getByTestId('score-evidence-B').fill(evidence);
}

describe('评估问效 journey in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let planId = 0;

  beforeAll(async () => {
    ({ t, app, baseUrl } = await seededWebServer([
      { username: 'guanli', displayName: '编办管理员', role: 'admin' },
      { username: 'lianluo', displayName: '教育局联络员', role: 'liaison', unitCode: 'A03' },
    ]));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  it('lets the office set up a plan with a computed indicator', async () => {
    const page = await loggedIn(browser, baseUrl, 'guanli');
    try {
      await page.locator('.ant-menu').getByText('评估问效').click();
      await page.waitForURL((u) => u.pathname === '/evaluation');
      await page.getByTestId('plan-new').click();
      await page.getByTestId('plan-form').waitFor();
      await page.locator('#title').fill(TITLE);
      for (const unit of ['永宁县教育局', '永宁县第一中学']) {
        await page.getByTestId('plan-units').click();
        await page.keyboard.type(unit);
        await page
          .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
          .getByTitle(unit, { exact: true })
          .click();
      }
      await page.locator('#leadingGroup').fill('李明（组长，编办主任）\n王芳（副组长）');
      await page.locator('#selfFrom').fill(shift(-10));
      await page.locator('#selfTo').fill(today);
      await page.locator('#onsiteFrom').fill(today);
      await page.locator('#onsiteTo').fill(shift(10));

      // A 机构编制纪律 (40) = A1 中小学编制保障率 (20, measured: 0.1 a point short of 100 %) +
      // A2 擅自设立机构 (20, veto);
      // B 职责履行 (60, 个性, by hand).
      await page.getByTestId('indicator-add-root').click();
      await page.getByTestId('indicator-name-A').fill('机构编制纪律');
      await page.getByTestId('indicator-points-A').fill('40');
      await page.getByTestId('indicator-add-child-A').click();
      await page.getByTestId('indicator-name-A1').fill('中小学编制保障率');
      await page.getByTestId('indicator-points-A1').fill('20');
      await pick(page, 'indicator-measure-A1', '中小学编制保障率（%）');
      await expect.poll(() => page.getByTestId('indicator-rule-A1').textContent()).toContain('按比例扣分');
      await page.getByTestId('indicator-add-child-A').click();
      await page.getByTestId('indicator-name-A2').fill('擅自设立机构');
      await page.getByTestId('indicator-points-A2').fill('20');
      await pick(page, 'indicator-rule-A2', '一票否优');
      await page.getByTestId('indicator-add-root').click();
      await page.getByTestId('indicator-name-B').fill('职责履行');
      await page.getByTestId('indicator-points-B').fill('60');
      await pick(page, 'indicator-category-B', '个性指标');
      await expectTestIdText(page, 'indicator-total', /一级指标合计100分/);
      await shootBoth(page, 'evaluation', 'plan-editor');

      await page.getByTestId('plan-save').click();
      await page.getByText('已制定评估方案').waitFor();
      await page.getByTestId('plan-view').waitFor();
      await expectTestIdText(
        page,
        'plan-indicators',
        /A1中小学编制保障率共性指标20同分值按比例扣分：目标100%，每差1个百分点扣0.1分，保底0分中小学编制保障率（%）/,
      );

      const plans = (await (
        await page.request.get(`${baseUrl}/api/evaluation/plans?region=640121`)
      ).json()) as EvaluationPlanSummary[];
      planId = plans.find((p) => p.title === TITLE)?.id ?? 0;
      expect(planId).toBeGreaterThan(0);

      // The ledger's measurement of 中小学编制保障率 for each unit, as the server has it.
      await tab(page, '系统测算');
      const measures = (await (
        await page.request.get(`${baseUrl}/api/evaluation/plans/${String(planId)}/measures`)
      ).json()) as {
        computed: {
          unitId: number;
          code: string;
          measurement: { percent?: number };
          rows: { text: string }[];
        }[];
      };
      expect(measures.computed).toHaveLength(2);
      const table = page.getByTestId('evaluation-measures');
      for (const c of measures.computed)
        await expect
          .poll(async () => ((await table.textContent()) ?? '').replace(/\s+/g, ''), { timeout: TIMEOUT })
          .toContain(`A1中小学编制保障率中小学编制保障率（%）${String(c.measurement.percent)}%`);
      // The schools behind the 教育局's ratio, one row each, when its row is opened.
      const first = measures.computed[0];
      expect(first?.rows.length).toBeGreaterThan(0);
      await table.locator('tbody tr.ant-table-row').first().locator('.ant-table-row-expand-icon').click();
      const rows = page.getByTestId(`measure-rows-${String(first?.unitId)}-A1`);
      await expect
        .poll(async () => rows.locator('li').allTextContents())
        .toEqual(first?.rows.map((r) => r.text));
      await shootBoth(page, 'evaluation', 'measures');

      // Revised: the editor opens on the saved plan and its tree, and saves it back.
      await tab(page, '评估方案');
      await page.getByTestId('plan-edit').click();
      await expect.poll(() => page.getByTestId('indicator-name-A1').inputValue()).toBe('中小学编制保障率');
      await page.locator('#leadingGroup').fill('李明（组长，编办主任）\n王芳（副组长）\n赵强（成员）');
      await page.getByTestId('plan-save').click();
      await page.getByText('已修改评估方案').waitFor();
      await expectTestIdText(page, 'plan-view', /赵强（成员）/);
      await expectTestIdText(page, 'plan-indicators', /B职责履行个性指标60同分值人工评分/);
    } finally {
      await page.context().close();
    }
  });

  it('lets the liaison enter his own unit’s 自评, and only his', async () => {
    const page = await loggedIn(browser, baseUrl, 'lianluo');
    try {
      await openPlan(page);
      expect(await page.getByTestId('plan-tabs').locator('.ant-tabs-tab').allTextContents()).toEqual([
        '评估方案',
        '自评',
        '问题整改',
      ]);
      await tab(page, '自评');
      await expectTestIdText(page, 'stage-self-unit', /^永宁县教育局$/);
      await page.getByTestId('stage-self-unit').click();
      await expect
        .poll(() =>
          page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item').count(),
        )
        .toBe(1);
      await page.keyboard.press('Escape');
      await scoreRow(page, 57, '个别处室职责交叉');
      await page.getByTestId('stage-self-submit').click();
      await expectTestIdText(page, 'stage-self-saved', /A2擅自设立机构20—B职责履行57个别处室职责交叉/);
      await shootBoth(page, 'evaluation', 'self');

      // Opened again, the form shows what was saved (GET …/scores), ready to be revised.
      await page.reload();
      await openPlan(page);
      await tab(page, '自评');
      await expectTestIdText(page, 'stage-self-loaded', /已载入保存的自评评分2项/);
      await expect.poll(() => page.getByTestId('score-value-B').inputValue()).toBe('57');
      await expect.poll(() => page.getByTestId('score-evidence-B').inputValue()).toBe('个别处室职责交叉');
      await expectTestIdText(page, 'score-value-A2', /^未发生$/);
      await shootBoth(page, 'evaluation', 'self-reopened');
    } finally {
      await page.context().close();
    }
  });

  it('lets the office score both units on site and shows the server’s ranking', async () => {
    const page = await loggedIn(browser, baseUrl, 'guanli');
    try {
      await openPlan(page);
      await tab(page, '实地评估');
      for (const [unit, score, evidence] of [
        ['永宁县教育局', 52, '抽查台账：3个处室职责交叉'],
        ['永宁县第一中学', 58, '实名制信息更新滞后'],
      ] as const) {
        await pick(page, 'stage-onsite-unit', unit);
        await scoreRow(page, score, evidence);
        await page.getByTestId('stage-onsite-submit').click();
        await expectTestIdText(page, 'stage-onsite-saved', new RegExp(`B职责履行${String(score)}`));
      }
      await shootBoth(page, 'evaluation', 'onsite');

      await tab(page, '评估结果');
      const result = (await (
        await page.request.get(`${baseUrl}/api/evaluation/plans/${String(planId)}/result`)
      ).json()) as EvaluationResult;
      expect(result.incomplete).toEqual([]);
      expect(result.ranking).toHaveLength(2);
      // The on-site score replaced the 自评 (57 → 52) and the ledger scored 中小学编制保障率.
      const bureau = result.ranking.find((u) => u.unitName === '永宁县教育局');
      expect(bureau?.leaves.find((l) => l.code === 'B')).toMatchObject({ score: 52, source: 'onsite' });
      expect(bureau?.leaves.find((l) => l.code === 'A1')?.source).toBe('computed');
      const rows = page.getByTestId('evaluation-ranking').locator('tbody tr.ant-table-row');
      await expect.poll(() => rows.count(), { timeout: TIMEOUT }).toBe(2);
      for (const [index, u] of result.ranking.entries()) {
        const cells = (await rows.nth(index).locator('td').allTextContents()).map((c) => c.trim());
        // The expand column first, then 排名, 单位, 得分.
        expect(cells.slice(1, 4)).toEqual([String(u.rank), u.unitName, `${String(u.total)} / 100`]);
      }
      await page.getByTestId('evaluation-ranking-chart').locator('canvas').waitFor();
      await page.getByTestId('evaluation-indicator-chart').locator('canvas').waitFor();
      await shootBoth(page, 'evaluation', 'result');

      // The documents: the server's files, downloaded through the page.
      for (const [testId, path, type, name] of [
        ['evaluation-download-summary', 'summary.docx', DOCX, /\.docx$/],
        ['evaluation-download-scores', 'scores.xlsx', XLSX, /\.xlsx$/],
        [`evaluation-unit-report-${String(bureau?.unitId)}`, 'report.docx', DOCX, /\.docx$/],
      ] as const) {
        const response = page.waitForResponse((r) => new URL(r.url()).pathname.endsWith(`/${path}`));
        const download = page.waitForEvent('download');
        await page.getByTestId(testId).click();
        const res = await response;
        expect(res.status()).toBe(200);
        expect(res.headers()['content-type']).toBe(type);
        const file = await download;
        expect(file.suggestedFilename()).toMatch(name);
        const bytes = fs.readFileSync(await file.path());
        expect(bytes.length).toBeGreaterThan(1000);
        // Both are zip packages (OOXML): "PK".
        expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      }
    } finally {
      await page.context().close();
    }
  });

  it('lets the office record a finding and the liaison report progress on it', async () => {
    const office = await loggedIn(browser, baseUrl, 'guanli');
    const liaison = await loggedIn(browser, baseUrl, 'lianluo');
    const deadline = shift(-1);
    try {
      await openPlan(office);
      await tab(office, '问题整改');
      await office.getByTestId('finding-new').click();
      await office.getByTestId('finding-form').waitFor();
      await pick(office, 'finding-unit', '永宁县教育局');
      await pick(office, 'finding-indicator', 'B 职责履行');
      await office.getByTestId('finding-text').fill('3个处室职责交叉，三定规定未及时修订');
      await office.getByTestId('finding-measure').fill('修订三定规定，明确处室职责边界');
      await office.getByTestId('finding-deadline').fill(deadline);
      await office.getByTestId('finding-responsible').fill('永宁县教育局');
      await shootBoth(office, 'evaluation', 'finding-form');
      await office.getByTestId('finding-save').click();
      await office.getByText('已登记问题').waitFor();
      const findings = (await (
        await office.request.get(`${baseUrl}/api/evaluation/plans/${String(planId)}/findings`)
      ).json()) as EvaluationFinding[];
      expect(findings).toHaveLength(1);
      const item = findings[0];
      if (item === undefined) throw new Error('no finding');
      // The deadline was yesterday: the server says 逾期, and the page shows it.
      expect(item).toMatchObject({ status: 'open', overdue: true, deadline, indicatorCode: 'B' });
      await expectTestIdText(office, `finding-status-${String(item.id)}`, /^未整改逾期$/);
      await expectTestIdText(
        office,
        'findings-table',
        new RegExp(`永宁县教育局B职责履行3个处室职责交叉，三定规定未及时修订.*${deadline}`),
      );
      await shootBoth(office, 'evaluation', 'findings-office');

      // The liaison: his unit's items only, and he reports progress.
      await openPlan(liaison);
      await tab(liaison, '问题整改');
      await expectTestIdText(liaison, `finding-status-${String(item.id)}`, /^未整改逾期$/);
      expect(await liaison.getByTestId('finding-new').count()).toBe(0);
      expect(await liaison.getByTestId(`finding-edit-${String(item.id)}`).count()).toBe(0);
      await liaison.getByTestId(`finding-report-${String(item.id)}`).click();
      await liaison.getByTestId('progress-form').waitFor();
      await pick(liaison, 'progress-status', '整改中');
      await liaison.getByTestId('progress-note').fill('已起草三定规定修订稿，正在征求意见');
      await shootBoth(liaison, 'evaluation', 'progress-form');
      await liaison.getByTestId('progress-save').click();
      await liaison.getByText('已报告整改进展').waitFor();
      await expectTestIdText(liaison, `finding-status-${String(item.id)}`, /^整改中逾期$/);
      await shootBoth(liaison, 'evaluation', 'findings-liaison');

      // The office sees 整改中 with the liaison's note, as the server has it.
      await office.reload();
      await openPlan(office);
      await tab(office, '问题整改');
      await expectTestIdText(office, `finding-status-${String(item.id)}`, /^整改中逾期$/);
      await expectTestIdText(
        office,
        `finding-progress-text-${String(item.id)}`,
        /^已起草三定规定修订稿，正在征求意见$/,
      );
      const after = (await (
        await office.request.get(`${baseUrl}/api/evaluation/plans/${String(planId)}/findings`)
      ).json()) as EvaluationFinding[];
      expect(after[0]).toMatchObject({
        status: 'inProgress',
        progress: '已起草三定规定修订稿，正在征求意见',
      });
      await shootBoth(office, 'evaluation', 'findings-progress');
    } finally {
      await liaison.context().close();
      await office.context().close();
    }
  });
});
