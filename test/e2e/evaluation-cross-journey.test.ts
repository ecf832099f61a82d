// 交叉互评 in real Chromium: the office of 永宁县 (640121) sets a plan whose 交叉互评 stage is open
// today, with stage weights (and keeps them when it revises the plan); a clerk of 贺兰县 (640122)
// tells his user number; the office grants him; he sees the task, opens it and scores the unit in
// 交叉互评; the office reads the ranking with each stage's total and the weighted total, equal to
// GET …/result. Screenshots at 1366 and 1920 px; no table is wider than its frame.
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  EvaluationPlan,
  EvaluationPlanSummary,
  EvaluationResult,
} from '../../src/common/wire-evaluation.ts';
import { todayInChina } from '../../src/context.ts';
import { launchBrowser, loggedIn, seededWebServer } from '../support/browser.ts';
import type { TestDb } from '../support/databases.ts';
import { expectTestIdText } from '../support/page-journeys.ts';
import { pick, shift, shootBoth } from '../support/evaluation-journey.ts';

const TITLE = '永宁县机构编制执行情况评估（交叉互评旅程）';
const UNIT = '永宁县教育局';
const TIMEOUT = 30_000;
const today = todayInChina();

async function openEvaluation(page: Page): Promise<void> {
  await page.locator('.ant-menu').getByText('评估问效').click();
  await page.waitForURL((u) => u.pathname === '/evaluation');
}

async function openPlan(page: Page): Promise<void> {
  await openEvaluation(page);
  await page.getByTestId('evaluation-plans').getByText(TITLE).click();
  await page.getByTestId('plan-view').waitFor({ timeout: TIMEOUT });
}

async function tab(page: Page, tabsId: string, name: string): Promise<void> {
  await page.getByTestId(tabsId).locator('.ant-tabs-tab').filter({ hasText: name }).click();
}

/** Scores the one indicator (A, by hand) of the unit at a stage and waits for the saved row. */
async function scoreUnit(page: Page, stage: string, score: number, evidence: string): Promise<void> {
  await pick(page, `stage-${stage}-unit`, UNIT);
  await page.getByTestId('score-value-A').fill(String(score));
  await page.getByTestId('score-evidence-A').fill(evidence);
  await page.getByTestId(`stage-${stage}-submit`).click();
  await expectTestIdText(page, `stage-${stage}-saved`, new RegExp(`A职责履行${String(score)}`));
}

describe('交叉互评 journey in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let planId = 0;
  let clerkId = '';

  beforeAll(async () => {
    ({ t, app, baseUrl } = await seededWebServer([
      { username: 'guanli', displayName: '编办管理员', role: 'admin' },
      { username: 'hexian', displayName: '贺兰县业务员', role: 'clerk', regionCode: '640122' },
    ]));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  it('lets the office set a weighted plan with a 交叉互评 stage, and keeps the weights on revision', async () => {
    const page = await loggedIn(browser, baseUrl, 'guanli');
    try {
      await openEvaluation(page);
      await page.getByTestId('plan-new').click();
      await page.getByTestId('plan-form').waitFor();
      await page.locator('#title').fill(TITLE);
      await page.getByTestId('plan-units').click();
      await page.keyboard.type(UNIT);
      await page
        .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
        .getByTitle(UNIT, { exact: true })
        .click();
      await page.locator('#selfFrom').fill(shift(-10));
      await page.locator('#selfTo').fill(today);
      await page.locator('#onsiteFrom').fill(today);
      // 实地评估 ends the day 交叉互评 begins: all three stages are open today.
      await page.locator('#onsiteTo').fill(today);
      await page.locator('#crossFrom').fill(today);
      await page.locator('#crossTo').fill(shift(10));
      await page.getByTestId('plan-weighted').click();
      await page.getByTestId('plan-weightSelf').fill('20');
      await page.getByTestId('plan-weightOnsite').fill('40');
      await page.getByTestId('plan-weightCross').fill('40');
      await page.getByTestId('indicator-add-root').click();
      await page.getByTestId('indicator-name-A').fill('职责履行');
      await page.getByTestId('indicator-points-A').fill('100');
      await shootBoth(page, 'evaluation-cross', 'plan-editor');
      await page.getByTestId('plan-save').click();
      await page.getByText('已制定评估方案').waitFor();
      await page.getByTestId('plan-view').waitFor();

      const plans = (await (
        await page.request.get(`${baseUrl}/api/evaluation/plans?region=640121`)
      ).json()) as EvaluationPlanSummary[];
      planId = plans.find((p) => p.title === TITLE)?.id ?? 0;
      expect(planId).toBeGreaterThan(0);
      const readPlan = async () =>
        (await (
          await page.request.get(`${baseUrl}/api/evaluation/plans/${String(planId)}`)
        ).json()) as EvaluationPlan;
      expect((await readPlan()).stageWeights).toEqual({ self: 20, onsite: 40, cross: 40 });

      // Revised in the web (another field changed): the weights stay.
      await page.getByTestId('plan-edit').click();
      await expect.poll(() => page.getByTestId('plan-weightCross').inputValue()).toBe('40');
      await page.locator('#leadingGroup').fill('李明（组长，编办主任）');
      await page.getByTestId('plan-save').click();
      await page.getByText('已修改评估方案').waitFor();
      await expectTestIdText(page, 'plan-view', /李明（组长，编办主任）/);
      const revised = await readPlan();
      expect(revised.leadingGroup).toBe('李明（组长，编办主任）');
      expect(revised.stageWeights).toEqual({ self: 20, onsite: 40, cross: 40 });

      // The office's own stages: 自评 for the unit, then 实地评估.
      await tab(page, 'plan-tabs', '自评');
      await scoreUnit(page, 'self', 95, '自查：职责基本清晰');
      await tab(page, 'plan-tabs', '实地评估');
      await scoreUnit(page, 'onsite', 80, '抽查台账：2个处室职责交叉');
    } finally {
      await page.context().close();
    }
  });

  it('shows the other county’s clerk his user number and no task yet', async () => {
    const page = await loggedIn(browser, baseUrl, 'hexian');
    try {
      await openEvaluation(page);
      const text = (await page.getByTestId('cross-my-id').textContent()) ?? '';
      clerkId = /本人用户编号 (\d+)/.exec(text)?.[1] ?? '';
      expect(clerkId).not.toBe('');
      await expectTestIdText(page, 'cross-tasks', /暂无交叉互评任务/);
    } finally {
      await page.context().close();
    }
  });

  it('lets the office grant him by that number', async () => {
    const page = await loggedIn(browser, baseUrl, 'guanli');
    try {
      await openPlan(page);
      await tab(page, 'plan-tabs', '交叉互评');
      // Not a number: the page asks again. A user of this county: the server's Chinese reason.
      await page.getByTestId('cross-user-id').fill('abc');
      await page.getByTestId('cross-grant').click();
      await page.getByText('请填写对方县评估人员的用户编号（正整数）').waitFor();
      const me = (await (await page.request.get(`${baseUrl}/api/auth/me`)).json()) as {
        user: { id: number };
      };
      await page.getByTestId('cross-user-id').fill(String(me.user.id));
      await page.getByTestId('cross-grant').click();
      // The one refusal for a missing id and a user who may not be granted (it never tells which).
      await page.getByText('授权失败：不能授权该用户：交叉互评人员应为其他县（市、区）未停用的').waitFor();
      await page.getByTestId('cross-user-id').fill(clerkId);
      await page.getByTestId('cross-grant').click();
      await page.getByText('已授权 贺兰县业务员 为交叉互评人员').waitFor();
      await expectTestIdText(
        page,
        'cross-evaluator-list',
        new RegExp(`贺兰县业务员（hexian）${clerkId}宁夏回族自治区银川市贺兰县.*${shift(10)}有效撤销`),
      );
      await shootBoth(page, 'evaluation-cross', 'evaluators');
    } finally {
      await page.context().close();
    }
  });

  it('lets the clerk see the task and score the unit in 交叉互评', async () => {
    const page = await loggedIn(browser, baseUrl, 'hexian');
    try {
      await openEvaluation(page);
      const tasks = page.getByTestId('cross-tasks');
      await expectTestIdText(
        page,
        'cross-tasks',
        new RegExp(`${TITLE}宁夏回族自治区银川市永宁县${UNIT}${today}至${shift(10)}进行中`),
      );
      await tasks.getByText(TITLE).click();
      await page.getByTestId('cross-task-detail').waitFor({ timeout: TIMEOUT });
      await scoreUnit(page, 'cross', 90, '交叉检查：职责清单公开');
      await shootBoth(page, 'evaluation-cross', 'cross-scoring');
    } finally {
      await page.context().close();
    }
  });

  it('shows the office each stage’s total and the weighted total as the server computes them', async () => {
    const page = await loggedIn(browser, baseUrl, 'guanli');
    try {
      await openPlan(page);
      await tab(page, 'plan-tabs', '评估结果');
      const result = (await (
        await page.request.get(`${baseUrl}/api/evaluation/plans/${String(planId)}/result`)
      ).json()) as EvaluationResult;
      expect(result.incomplete).toEqual([]);
      const [unit] = result.ranking;
      // (20×95 + 40×80 + 40×90) ÷ 100 = 87.
      expect(unit?.total).toBe(87);
      expect(unit?.stages?.map((s) => s.total)).toEqual([95, 80, 90]);
      const rows = page.getByTestId('evaluation-ranking').locator('tbody tr.ant-table-row');
      await expect.poll(() => rows.count(), { timeout: TIMEOUT }).toBe(1);
      const cells = (await rows.first().locator('td').allTextContents()).map((c) => c.trim());
      expect(cells.slice(1, 7)).toEqual([
        String(unit?.rank),
        UNIT,
        `${String(unit?.total)} / 100`,
        ...(unit?.stages ?? []).map((s) => String(s.total)),
      ]);
      const heads = await page.getByTestId('evaluation-ranking').locator('thead th').allTextContents();
      expect(heads).toEqual(expect.arrayContaining(['自评权重 20', '实地评估权重 40', '交叉互评权重 40']));
      await expectTestIdText(page, 'evaluation-weights', /自评20、实地评估40、交叉互评40/);
      await shootBoth(page, 'evaluation-cross', 'result');
    } finally {
      await page.context().close();
    }
  });
});
