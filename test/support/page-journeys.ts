// A journey through every page a role has in its menu: open each menu item in turn, check one
// real figure or row of the seeded county on it (test/fixtures/county) and save a screenshot to
// SCREENSHOT_DIR/<role>/<width>/<page>.png at 1366 and 1920 px (page-checks.ts: no table column
// cut off, no API answer refused, no write button for a read-only role). One browser context per
// role, pages visited in sequence, the window resized rather than the browser relaunched.
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { ROLES } from '../../src/common/labels.ts';
import { todayInChina } from '../../src/context.ts';
import { findUserByName } from '../../src/db/repositories/accounts.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { assessMatter } from '../../src/domain/matters/assess-matter.ts';
import { decideMatter } from '../../src/domain/matters/decide-matter.ts';
import { proposeMatter } from '../../src/domain/matters/propose-matter.ts';
import { reconcileList } from '../../src/domain/reconciliation/reconcile-list.ts';
import { registerDomain } from '../../src/domain/domains/register-domain.ts';
import { addLibraryDocument } from '../../src/domain/library/add-library-document.ts';
import { saveEvaluationPlan } from '../../src/domain/evaluation/save-evaluation-plan.ts';
import { scoreEvaluationStage } from '../../src/domain/evaluation/score-evaluation-stage.ts';
import { createProject } from '../../src/domain/reform/manage-projects.ts';
import { drawSpotCheck } from '../../src/domain/registration/draw-spot-check.ts';
import { setRegistrationSettings } from '../../src/domain/registration/settings.ts';
import { loggedIn, screenshotPath, settled } from './browser.ts';
import { WIDTHS, expectPageFits, pageMisfits, recordRefusals, writeButtons } from './page-checks.ts';
import type { TestDb } from './databases.ts';
import { registerSchool } from './registration-factory.ts';
import { COUNTY_DIR } from './fixtures.ts';

/** The role of a journey as the checks tell them apart. */
export type JourneyRole =
  'admin' | 'clerk' | 'liaison' | 'leader' | 'city' | 'sysadmin' | 'secadmin' | 'auditor';

export interface PageJourney {
  /** The folder under web/src/pages. */
  folder: string;
  /** The screenshot's name when a folder holds several pages (default: the folder). */
  shot?: string;
  /** The label of its menu item (null: reached otherwise). */
  menu: string | null;
  /** Its address. */
  path: string;
  /** Checks one real figure or row of the seeded data on the opened page. */
  check: (page: Page, role: JourneyRole) => Promise<void>;
}

const TIMEOUT = 30_000;

/** The text of the page's main content (the shell's header and menu left out). */
async function contentText(page: Page): Promise<string> {
  const main = page.locator('.bz-content');
  return (await main.count()) > 0
    ? ((await main.first().textContent()) ?? '')
    : ((await page.textContent('body')) ?? '');
}

/** Waits until the main content holds every one of the texts. */
export async function expectText(page: Page, ...texts: string[]): Promise<void> {
  for (const text of texts) {
    await expect
      .poll(() => contentText(page), { timeout: TIMEOUT, message: `页面应显示「${text}」` })
      .toContain(text);
  }
}

/** Waits until the element's text, whitespace collapsed, matches. */
export async function expectTestIdText(page: Page, testId: string, pattern: RegExp): Promise<void> {
  const el = page.getByTestId(testId).first();
  await el.waitFor({ timeout: TIMEOUT });
  await expect
    .poll(async () => ((await el.textContent()) ?? '').replace(/\s+/g, ''), {
      timeout: TIMEOUT,
      message: `${testId} 应匹配 ${String(pattern)}`,
    })
    .toMatch(pattern);
}

/** The roles that only read: no button that changes data may show on their pages. */
export const READ_ONLY_ROLES: readonly JourneyRole[] = ['leader', 'city', 'auditor'];

/**
 * Logs in, reads the role's menu, and visits every item of it in order with its journey; the
 * account page (修改密码, in the header) last. Fails on a menu item no journey covers, on an API
 * answer 401/403/5xx while a page loads, on a table column cut off at 1366 or 1920 px and on a
 * write button shown to a read-only role. Returns the folders visited.
 */
export async function visitEveryPage(
  browser: Browser,
  baseUrl: string,
  opts: { username: string; role: JourneyRole; journeys: readonly PageJourney[] },
): Promise<string[]> {
  const page = await loggedIn(browser, baseUrl, opts.username, WIDTHS[0]);
  const refused = recordRefusals(page);
  // Every page's problems gathered, so that one run names all of them.
  const problems: string[] = [];
  const visited: string[] = [];
  try {
    const menu = page.locator('.ant-layout-sider .ant-menu');
    await menu.waitFor({ timeout: TIMEOUT });
    const labels = (await menu.locator('.ant-menu-item .ant-menu-title-content').allTextContents()).map((l) =>
      l.replace(/\s*\d+$/, '').trim(),
    );
    for (const [index, label] of labels.entries()) {
      const journey = opts.journeys.find((j) => j.menu === label);
      if (!journey)
        throw new Error(
          `菜单项「${label}」（${opts.role}）没有页面旅程：请在 test/support/page-journeys.ts 中加上`,
        );
      await menu.locator('.ant-menu-item').nth(index).click();
      await page.waitForURL((u) => u.pathname === journey.path, { timeout: TIMEOUT });
      await visit(page, opts.role, journey, problems);
      visited.push(journey.folder);
    }
    const account = opts.journeys.find((j) => j.folder === 'account');
    if (account) {
      await page.locator('.bz-header').getByText('修改密码').click();
      await page.waitForURL((u) => u.pathname === account.path, { timeout: TIMEOUT });
      await visit(page, opts.role, account, problems);
      visited.push(account.folder);
    }
    expect(
      [...problems, ...refused],
      `${opts.role}：表格列被截断、页面过宽、显示了修改数据的按钮或请求被拒绝`,
    ).toEqual([]);
  } finally {
    await page.context().close();
  }
  return visited;
}

async function visit(page: Page, role: JourneyRole, journey: PageJourney, problems: string[]): Promise<void> {
  await page.setViewportSize(WIDTHS[0]);
  await page.locator('.bz-content, .ant-card').first().waitFor({ timeout: TIMEOUT });
  if (process.env.BIANZHI_JOURNEY_DUMP) {
    fs.mkdirSync(process.env.BIANZHI_JOURNEY_DUMP, { recursive: true });
    await page.waitForTimeout(2500);
    fs.writeFileSync(
      path.join(process.env.BIANZHI_JOURNEY_DUMP, `${role}-${journey.shot ?? journey.folder}.txt`),
      await page.innerText('body'),
    );
  }
  await journey.check(page, role);
  // Let charts finish their animation before the picture is taken.
  await page.waitForLoadState('networkidle');
  // No table or card still fading in under its spinner.
  await expect.poll(() => page.locator('.ant-spin-spinning').count(), { timeout: TIMEOUT }).toBe(0);
  // …and nothing moving any more (the menu's highlight), the layout at rest.
  await settled(page);
  const name = journey.shot ?? journey.folder;
  if (READ_ONLY_ROLES.includes(role))
    for (const button of await writeButtons(page)) problems.push(`「${name}」显示了按钮「${button}」`);
  for (const [i, size] of WIDTHS.entries()) {
    if (i > 0) {
      await page.setViewportSize(size);
      // Tables and charts re-measure on resize.
      await settled(page);
    }
    problems.push(...(await pageMisfits(page, `「${name}」${String(size.width)}px`)));
    await page.screenshot({ path: screenshotPath(role, name, size.width), fullPage: true });
  }
}

/** Every folder under web/src/pages (each must have a journey). */
export function pageFolders(): string[] {
  const dir = path.resolve('web/src/pages');
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** The figures of the county fixture as of today (nothing in it changes after 2024). */
export const SEEDED = {
  /** Title of the matter a liaison proposed (seedJourneyData). */
  proposedTitle: '永宁县第一中学核增事业编制',
  /** Title of the matter decided long ago and not implemented: overdue on 及时性. */
  overdueTitle: '望洪镇卫生院核增事业编制',
  overdueDocNo: '永编发〔2026〕1号',
  /** Sixty days ago: long past the five working days to implement it, whatever today is. */
  overdueDecidedOn: new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10),
  listFile: '人社名单.csv',
  /** The institution registered (设立) by the office: 永宁县第一中学 (B01, under 教育局). */
  registeredName: '永宁县第一中学',
  domain: '永宁县第一中学.公益',
  /** The 教育局's own domain: its liaison sees this one only. */
  bureauDomain: '永宁县教育局.政务',
  spotCheckTitle: '2026年第一批公示信息抽查',
  libraryTitle: '机构编制工作条例',
  libraryDocNo: '中办发〔2019〕50号',
  reformProject: '2026年县级机构改革',
  evaluationTitle: '永宁县机构编制执行情况评估',
} as const;

/**
 * Data no import brings: a matter proposed by the liaison of unit A03 (教育局), a matter decided
 * sixty days ago and never implemented (overdue), and a 人社 list compared with the ledger.
 */
export async function seedJourneyData(
  t: TestDb,
  units: Map<string, number>,
  accounts: { admin: string; liaison: string },
): Promise<void> {
  const principalOf = async (username: string): Promise<Principal> => {
    const u = await findUserByName(t.ctx.db.kysely, username);
    const role = ROLES.find((r) => r === u?.role);
    if (!u || !role) throw new Error(`没有用户 ${username}`);
    return {
      userId: u.id,
      username: u.username,
      displayName: u.display_name,
      role,
      regionCode: u.region_code,
      unitId: u.unit_id,
      mustChangePassword: false,
    };
  };
  const unit = (code: string): number => {
    const id = units.get(`640121/${code}`);
    if (id === undefined) throw new Error(`没有机构 ${code}`);
    return id;
  };
  const admin = await principalOf(accounts.admin);
  const liaison = await principalOf(accounts.liaison);
  await proposeMatter(t.ctx, {
    principal: liaison,
    regionCode: '640121',
    title: SEEDED.proposedTitle,
    reasons: '学生人数增加',
    changes: [{ kind: 'quotaAdd', unitId: unit('B01'), quotaType: '事业编制', amount: 5 }],
  });
  const overdue = await proposeMatter(t.ctx, {
    principal: admin,
    regionCode: '640121',
    title: SEEDED.overdueTitle,
    reasons: '服务人口增加',
    changes: [{ kind: 'quotaAdd', unitId: unit('B03'), quotaType: '事业编制', amount: 2 }],
  });
  await assessMatter(t.ctx, { principal: admin, matterId: overdue, comment: '同意', exceptionReason: null });
  await decideMatter(t.ctx, {
    principal: admin,
    matterId: overdue,
    decisionBody: '县委编委会',
    docNo: SEEDED.overdueDocNo,
    decidedOn: SEEDED.overdueDecidedOn,
    comment: '',
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bianzhi-journey-'));
  const file = path.join(dir, SEEDED.listFile);
  fs.writeFileSync(
    file,
    '身份证号,姓名,单位\n64012119800101001X,张伟,中共永宁县委组织部\n640121199003200030,王强,永宁县第一中学\n',
  );
  await reconcileList(t.ctx, {
    principal: null,
    regionCode: '640121',
    source: '人社',
    file,
    fileName: SEEDED.listFile,
    comparedOn: SEEDED.overdueDecidedOn,
  });
  fs.rmSync(dir, { recursive: true, force: true });

  // 登记管理: the office registers 永宁县第一中学 (设立), gives it a 中文域名 and draws a 抽查.
  await setRegistrationSettings(t.ctx, {
    principal: admin,
    regionCode: '640121',
    settings: {
      acceptDays: 3,
      decideDays: 30,
      usccRange: { prefix: 'MB', from: 100, to: 999_999 },
      annualWindow: { from: '01-01', to: '03-31' },
    },
  });
  await registerSchool(t.ctx, {
    principal: admin,
    unitId: unit('B01'),
    sponsorUnitId: unit('A03'),
    name: SEEDED.registeredName,
  });
  await registerDomain(t.ctx, {
    principal: admin,
    unitId: unit('B01'),
    name: SEEDED.domain,
    registeredOn: '2020-01-01',
    expiresOn: '2028-01-01',
  });
  await registerDomain(t.ctx, {
    principal: admin,
    unitId: unit('A03'),
    name: SEEDED.bureauDomain,
    registeredOn: '2021-03-01',
    expiresOn: '2029-03-01',
  });
  await drawSpotCheck(t.ctx, {
    principal: admin,
    regionCode: '640121',
    year: 2026,
    title: SEEDED.spotCheckTitle,
    size: { count: 1 },
    seed: '永编抽〔2026〕1号',
    inspectorPool: ['李检查', '赵检查'],
    inspectorCount: 1,
  });
  await seedEvaluation(t, admin, [unit('A03'), unit('B01')]);
  // 法规制度 and 机构改革: one document, one project (the newest events of the 审计日志).
  await addLibraryDocument(t.ctx, {
    principal: admin,
    regionCode: '640121',
    document: {
      title: SEEDED.libraryTitle,
      docNo: SEEDED.libraryDocNo,
      issuer: '中共中央办公厅',
      issuedOn: '2019-08-05',
      effectiveOn: '2019-08-05',
      validity: 'valid',
      fullText: '第一条 为了加强党对机构编制工作的集中统一领导。',
    },
  });
  await createProject(t.ctx, {
    principal: admin,
    body: {
      regionCode: '640121',
      name: SEEDED.reformProject,
      scopeUnitIds: null,
      baselineDate: '2026-01-01',
    },
  });
}

/**
 * 评估问效: a plan of two manual indicators (60 + 40 points) for 教育局 and 一中, its 自评 open
 * until today and its 实地评估 from today, scored on site: 教育局 55 + 38 = 93 (优秀, first),
 * 一中 50 + 30 = 80 (良好, second).
 */
async function seedEvaluation(
  t: TestDb,
  admin: Principal,
  [bureau, school]: [number, number],
): Promise<void> {
  const today = todayInChina();
  const shift = (days: number) => new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);
  const plan = await saveEvaluationPlan(t.ctx, {
    principal: admin,
    regionCode: '640121',
    plan: {
      year: Number(today.slice(0, 4)),
      type: 'execution',
      title: SEEDED.evaluationTitle,
      leadingGroup: '李明（组长，编办主任）',
      periodFrom: `${today.slice(0, 4)}-01-01`,
      periodTo: today,
      selfFrom: shift(-30),
      selfTo: today,
      onsiteFrom: today,
      onsiteTo: shift(30),
      crossFrom: null,
      crossTo: null,
      unitIds: [bureau, school],
      indicators: {
        thresholds: { excellent: 0.9, good: 0.8, pass: 0.6 },
        indicators: [
          { code: 'K1', name: '依法履职', category: 'common', points: 60, rule: { kind: 'manual' } },
          { code: 'K2', name: '编制使用', category: 'specific', points: 40, rule: { kind: 'manual' } },
        ],
      },
    },
  });
  const onsite = (unitId: number, k1: number, k2: number) =>
    scoreEvaluationStage(t.ctx, {
      principal: admin,
      planId: plan.id,
      today,
      body: {
        stage: 'onsite',
        unitId,
        scores: [
          { code: 'K1', measurement: { kind: 'manual', score: k1, evidence: '台账不全' } },
          { code: 'K2', measurement: { kind: 'manual', score: k2, evidence: '空编未及时使用' } },
        ],
      },
    });
  await onsite(bureau, 55, 38);
  await onsite(school, 50, 30);
}

const isCounty = (role: JourneyRole): boolean => role !== 'liaison';

/** The journey of every page folder. */
export const JOURNEYS: readonly PageJourney[] = [
  {
    folder: 'home',
    menu: '首页',
    path: '/',
    check: async (page, role) => {
      if (role === 'sysadmin' || role === 'secadmin' || role === 'auditor') {
        await expectText(page, '不查看业务数据');
        return;
      }
      // 核定 260 = 80 行政 + 180 事业 for the county; 167 for the 教育局 and its units.
      await expectTestIdText(page, 'overview-figures', isCounty(role) ? /核定260实有5/ : /核定167实有1/);
    },
  },
  {
    folder: 'units',
    menu: '机构',
    path: '/units',
    check: async (page, role) => {
      await expectText(page, '永宁县教育局');
      if (isCounty(role)) await expectText(page, '中共永宁县委组织部');
      else expect(await contentText(page)).not.toContain('中共永宁县委组织部');
    },
  },
  {
    folder: 'people',
    menu: '人员',
    path: '/people',
    check: async (page, role) => {
      await expectText(page, '王强', '永宁县第一中学');
      if (isCounty(role)) await expectText(page, '张伟', '6401**********001X', '共 8 人');
      else {
        await expectText(page, '共 3 人');
        expect(await contentText(page)).not.toContain('张伟');
      }
    },
  },
  {
    folder: 'matters',
    menu: '事项办理',
    path: '/matters',
    check: async (page) => {
      await page.getByTestId('matters-tab-all').click();
      await expectText(page, SEEDED.proposedTitle);
    },
  },
  {
    folder: 'reports',
    menu: '统计报表',
    path: '/reports',
    check: async (page) => {
      await expectTestIdText(page, 'report-text', /共有行政事业编制260名，其中：行政编制80名/);
    },
  },
  {
    folder: 'work-statistics',
    menu: '工作统计',
    path: '/work-statistics',
    check: async (page) => {
      // 望洪镇 25+30: the township and the health centre it holds.
      await expectTestIdText(page, 'work-text', /乡镇编制总量达55名/);
    },
  },
  {
    folder: 'full-report',
    menu: '全年汇报',
    path: '/full-report',
    check: async (page) => {
      // Section 一 with the figures of the 统计报表 (the same 260 and 80), shown as figure tags.
      await expectText(page, '共有行政事业编制260名，其中：行政编制80名');
      await expectTestIdText(page, 'figure-basic.quotaTotal', /^260$/);
    },
  },
  {
    folder: 'yearend',
    menu: '统计年报',
    path: '/yearend',
    check: async (page) => {
      await expectTestIdText(page, 'yearend-status', /校验全部通过（14项）/);
      // 表2's total row: 260 = 80 行政 (3 政法专项) + 180 事业 + 0 聘用.
      await expectTestIdText(page, 'yearend-表2', /事业单位180001800合计2608031800/);
    },
  },
  {
    folder: 'standards',
    menu: '编制标准',
    path: '/standards',
    check: async (page) => {
      await expectText(page, '中小学（2 所）');
      await expectTestIdText(page, 'standards-summary-school', /应配259核定155/);
    },
  },
  {
    folder: 'population',
    menu: '人口与编制',
    path: '/population',
    check: async (page) => {
      await expectTestIdText(page, 'population-sentence', /人口为32\.2万，较2010年增长47\.37%/);
    },
  },
  {
    folder: 'reconciliation',
    menu: '数据比对',
    path: '/reconciliation',
    check: async (page) => {
      await expectTestIdText(page, 'reconcile-history', /人社名单\.csv/);
    },
  },
  {
    folder: 'timeliness',
    menu: '及时性',
    path: '/timeliness',
    check: async (page) => {
      await expectTestIdText(
        page,
        'timeliness-overdue',
        new RegExp(`${SEEDED.overdueTitle}${SEEDED.overdueDocNo}${SEEDED.overdueDecidedOn}`),
      );
    },
  },
  {
    folder: 'inputs',
    menu: '学生数与人口',
    path: '/inputs',
    check: async (page) => {
      const year = page.getByTestId('inputs-year');
      await year.waitFor({ timeout: TIMEOUT });
      // The fixture's pupils are of 2023 (the page opens on last year).
      await year.fill('2023');
      await year.press('Tab');
      await expectText(page, '永宁县第一中学');
      // The 2023 high-school pupils of 永宁县第一中学, in its input.
      await expect
        .poll(
          () =>
            page.locator('input').evaluateAll((els) => els.map((e) => String(Reflect.get(e, 'value') ?? ''))),
          {
            timeout: TIMEOUT,
          },
        )
        .toContain('1800');
    },
  },
  {
    folder: 'org-chart',
    menu: '基本框架图',
    path: '/org-chart',
    check: async (page, role) => {
      const chart = page.getByTestId('org-chart');
      await chart.waitFor({ timeout: TIMEOUT });
      // The SVG chart holds the full names of the units it draws.
      const chartText = async () => (await chart.textContent()) ?? '';
      await expect.poll(chartText, { timeout: TIMEOUT }).toContain('永宁县教育局');
      if (role === 'liaison') return;
      await expect.poll(chartText).toContain('中共永宁县纪律检查委员会');
      // Fitted on open: the root (the county) lies inside the frame.
      const frame = await page.getByTestId('org-frame').boundingBox();
      const rootLabel = await chart
        .locator('text')
        .filter({ hasText: /^永宁县（/ })
        .first()
        .boundingBox();
      expect(frame && rootLabel).toBeTruthy();
      if (frame && rootLabel) {
        expect(rootLabel.x).toBeGreaterThanOrEqual(frame.x);
        expect(rootLabel.y).toBeGreaterThanOrEqual(frame.y);
        expect(rootLabel.x + rootLabel.width).toBeLessThanOrEqual(frame.x + frame.width);
        expect(rootLabel.y + rootLabel.height).toBeLessThanOrEqual(frame.y + frame.height);
      }
      // The root's count and the header's (the server's, as on the 首页) are the same number.
      const rootText =
        (await chart
          .locator('text')
          .filter({ hasText: /^永宁县（/ })
          .first()
          .textContent()) ?? '';
      const headerText = async () => (await page.getByTestId('org-unit-count').textContent()) ?? '';
      await expect.poll(headerText, { timeout: TIMEOUT }).toMatch(/机构 \d+ 个/);
      expect(/（(\d+)）/.exec(rootText)?.[1]).toBe(/机构 (\d+) 个/.exec(await headerText())?.[1]);
    },
  },
  {
    folder: 'library',
    menu: '法规制度',
    path: '/library',
    check: async (page) => {
      await expectTestIdText(page, 'library-documents', new RegExp(`${SEEDED.libraryTitle}`));
      await expectText(page, SEEDED.libraryDocNo);
    },
  },
  {
    folder: 'evaluation',
    menu: '评估问效',
    path: '/evaluation',
    check: async (page, role) => {
      await page.getByTestId('evaluation-plans').getByText(SEEDED.evaluationTitle).click();
      await page.getByTestId('plan-view').waitFor({ timeout: TIMEOUT });
      await expectText(page, '永宁县教育局', '李明（组长，编办主任）');
      const tabs = page.getByTestId('plan-tabs').locator('.ant-tabs-tab');
      if (role === 'liaison') {
        // The liaison enters his own unit's 自评, reads no ranking, and sees his unit's 问题整改.
        expect(await tabs.allTextContents()).toEqual(['评估方案', '自评', '问题整改']);
        await tabs.filter({ hasText: '自评' }).click();
        await expectTestIdText(page, 'stage-self-unit', /永宁县教育局/);
        return;
      }
      await tabs.filter({ hasText: '评估结果' }).click();
      // The server's ranking: 教育局 55 + 38 = 93 of 100 (优秀) first, 一中 80 (良好) second.
      await expectTestIdText(
        page,
        'evaluation-ranking',
        /1永宁县教育局93\/100优秀.*2永宁县第一中学80\/100良好/,
      );
      await page.getByTestId('evaluation-ranking-chart').locator('canvas').waitFor({ timeout: TIMEOUT });
    },
  },
  {
    folder: 'registration',
    menu: '登记管理',
    path: '/registration',
    check: async (page, role) => {
      if (role === 'liaison') {
        // A liaison reads only their own unit's record: 教育局 has none (一中 is registered).
        await expectText(page, '暂无数据');
        expect(await contentText(page)).not.toContain(SEEDED.registeredName);
        return;
      }
      // The record approved in the set-up, with its 统一社会信用代码 and certificate number.
      await expectText(page, SEEDED.registeredName, '事证第640121000001号');
    },
  },
  {
    folder: 'registration',
    shot: 'annual-reports',
    menu: '年度报告',
    path: '/annual-reports',
    check: async (page) => {
      // The registered school owes last year's report (the 教育局's liaison signs it off).
      await expectText(page, SEEDED.registeredName, '12640121MB1234562H', '未报送');
    },
  },
  {
    folder: 'registration',
    shot: 'spot-checks',
    menu: '抽查',
    path: '/spot-checks',
    check: async (page, role) => {
      if (role === 'liaison') {
        // Only the checks that drew the liaison's own unit: the draw took 一中, not 教育局.
        await expectText(page, '本单位被抽中的抽查', '暂无数据');
        expect(await contentText(page)).not.toContain(SEEDED.spotCheckTitle);
        return;
      }
      await expectText(page, SEEDED.spotCheckTitle, '永编抽〔2026〕1号');
    },
  },
  {
    folder: 'registration',
    shot: 'domains',
    menu: '中文域名',
    path: '/domains',
    check: async (page, role) => {
      await expectText(page, SEEDED.bureauDomain);
      if (role === 'liaison') expect(await contentText(page)).not.toContain(SEEDED.domain);
      else await expectText(page, SEEDED.domain);
    },
  },
  {
    folder: 'reform',
    menu: '机构改革',
    path: '/reform',
    check: async (page) => {
      await expectText(page, SEEDED.reformProject);
    },
  },
  {
    folder: 'import',
    menu: '数据导入',
    path: '/import',
    check: async (page) => {
      // A check-only run of the county's own 机构.csv: every row already there, nothing written.
      await page.getByTestId('import-dry-run').check();
      await page.getByTestId('import-files').setInputFiles(path.join(COUNTY_DIR, '机构.csv'));
      await page.getByTestId('import-submit').click();
      await expectTestIdText(page, 'import-success', /9/);
    },
  },
  {
    folder: 'export',
    menu: '数据导出',
    path: '/export',
    check: async (page) => {
      await expectText(page, '宁夏回族自治区 银川市 永宁县');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-download').click(),
      ]);
      const file = await download.path();
      expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe('PK');
    },
  },
  {
    folder: 'users',
    menu: '用户管理',
    path: '/users',
    check: async (page) => {
      await expectText(page, '安全审计员', '从未登录');
    },
  },
  {
    folder: 'security',
    menu: '安全策略',
    path: '/security',
    check: async (page) => {
      await expect
        .poll(() => page.getByTestId('policy-min-length').inputValue(), { timeout: TIMEOUT })
        .toBe('12');
    },
  },
  {
    folder: 'audit',
    menu: '审计日志',
    path: '/audit',
    check: async (page) => {
      // The newest business events on the first page: the set-up's last two use cases, each
      // with its label (src/common/audit-labels.ts) and the server's summary.
      await expectTestIdText(
        page,
        'audit-table',
        /改革项目改革项目\d+新建机构改革项目\d+《2026年县级机构改革》，底数日期2026-01-01/,
      );
      await expectTestIdText(
        page,
        'audit-table',
        /法规制度法规制度\d+新增法规制度：机构编制工作条例（中办发〔2019〕50号）/,
      );
    },
  },
  {
    folder: 'account',
    menu: null,
    path: '/change-password',
    check: async (page) => {
      // The rule of the policy in force (12 characters by default), and the user's own name.
      await expectText(page, '密码须至少12位');
    },
  },
  {
    folder: 'login',
    menu: null,
    path: '/login',
    check: async (page) => {
      await page.getByTestId('login-username').waitFor({ timeout: TIMEOUT });
    },
  },
];

/** The login page, before anyone is logged in: saved as anonymous/<width>/login.png. */
export async function visitLoginPage(browser: Browser, baseUrl: string): Promise<void> {
  const context = await browser.newContext({ viewport: WIDTHS[0], locale: 'zh-CN', reducedMotion: 'reduce' });
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').waitFor({ timeout: TIMEOUT });
    if (process.env.BIANZHI_JOURNEY_DUMP) {
      fs.writeFileSync(
        path.join(process.env.BIANZHI_JOURNEY_DUMP, `anonymous-login.txt`),
        await page.innerText('body'),
      );
    }
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      await expectPageFits(page, `登录页 ${String(size.width)}px`);
      await page.screenshot({ path: screenshotPath('anonymous', 'login', size.width), fullPage: true });
    }
  } finally {
    await context.close();
  }
}
