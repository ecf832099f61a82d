// The annual report's journey in real Chromium: the institution's 经办人 (永宁县第一中学) files its
// report on the 年度报告 page, the 举办单位's liaison (教育局) gives the 保密审查, the office passes
// it, and a visitor without any cookie finds it on the 公示 page /gs/. Screenshots of each page
// (登记管理, 抽查, 中文域名 too) go to test-results/.
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/common/labels.ts';
import { findUserByName } from '../../src/db/repositories/accounts.ts';
import { listAnnualReports } from '../../src/db/repositories/annual-reports.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { registerDomain } from '../../src/domain/domains/register-domain.ts';
import { setRegistrationSettings } from '../../src/domain/registration/settings.ts';
import { launchBrowser, loggedIn, seededWebServer, SCREENSHOT_DIR } from '../support/browser.ts';
import type { TestDb } from '../support/databases.ts';
import { registerSchool } from '../support/registration-factory.ts';

const REGION = '640121';
const SCHOOL = '永宁县第一中学';
const ITEMS = {
  businessActivities: '完成高中教学任务，在校学生 1200 人',
  assetsAndResults: '资产总额 3200 万元',
  changeRegistration: '无',
  performanceAndAwards: '获评市级文明校园',
  litigation: '无',
  complaints: '无',
  donations: '无',
  other: '无',
};

describe('registration journey in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let registrationId: number;
  const year = new Date().getFullYear() - 1;

  beforeAll(async () => {
    let units: Map<string, number>;
    ({ t, app, baseUrl, units } = await seededWebServer([
      { username: 'guanli', displayName: '编办管理员', role: 'admin' },
      { username: 'bianban', displayName: '登记科', role: 'clerk' },
      { username: 'xuexiao', displayName: '一中经办人', role: 'liaison', unitCode: 'B01' },
      { username: 'jiaoyu', displayName: '教育局联络员', role: 'liaison', unitCode: 'A03' },
    ]));
    const unit = (code: string) => units.get(`${REGION}/${code}`) ?? -1;
    const as = async (username: string): Promise<Principal> => {
      const u = await findUserByName(t.ctx.db.kysely, username);
      if (!u) throw new Error(`no user ${username}`);
      return {
        userId: u.id,
        username,
        displayName: username,
        role: u.role as Role,
        regionCode: REGION,
        unitId: u.unit_id,
        mustChangePassword: false,
      };
    };
    const clerk = await as('bianban');
    await setRegistrationSettings(t.ctx, {
      principal: await as('guanli'),
      regionCode: REGION,
      settings: {
        acceptDays: 3,
        decideDays: 30,
        usccRange: { prefix: 'MB', from: 100, to: 999_999 },
        annualWindow: { from: '01-01', to: '03-31' },
      },
    });
    registrationId = await registerSchool(t.ctx, {
      principal: clerk,
      unitId: unit('B01'),
      sponsorUnitId: unit('A03'),
      name: SCHOOL,
    });
    await registerDomain(t.ctx, {
      principal: clerk,
      unitId: unit('B01'),
      name: `${SCHOOL}.公益`,
      registeredOn: '2020-01-01',
      expiresOn: '2028-01-01',
    });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  const openAnnual = async (page: Page) => {
    await page.locator('.ant-menu').getByText('年度报告').click();
    await page.waitForURL((u) => u.pathname === '/annual-reports');
    await page.getByRole('cell', { name: SCHOOL }).waitFor();
  };
  const stateTag = (page: Page) => page.getByTestId(`annual-state-${registrationId}`);

  it('files the report as the institution, signs it off as the 举办单位, passes it as the office', async () => {
    const school = await loggedIn(browser, baseUrl, 'xuexiao');
    await openAnnual(school);
    // The institution may file; it may not sign off or pass its own report.
    expect(await school.getByTestId('annual-sign-off').count()).toBe(0);
    await school.getByTestId('annual-file').click();
    for (const [key, text] of Object.entries(ITEMS)) {
      await school.getByTestId(`annual-item-${key}`).fill(text);
    }
    await school.screenshot({ path: `${SCREENSHOT_DIR}/registration-annual-filing.png` });
    await school.getByTestId('annual-submit').click();
    await school.getByText('年度报告已报送').waitFor();
    await expect.poll(() => stateTag(school).textContent()).toBe('待审查');
    // Filed after 31 March of the following year: accepted and marked 逾期.
    await school.getByText('逾期', { exact: true }).first().waitFor();
    await school.screenshot({ path: `${SCREENSHOT_DIR}/registration-annual-filed.png` });
    expect(await school.getByTestId('annual-file').count()).toBe(0);
    await school.context().close();

    const sponsor = await loggedIn(browser, baseUrl, 'jiaoyu');
    await openAnnual(sponsor);
    expect(await sponsor.getByTestId('annual-pass').count()).toBe(0);
    await sponsor.getByTestId('annual-sign-off').click();
    await sponsor.getByText('保密审查已完成').waitFor();
    await expect.poll(() => stateTag(sponsor).textContent()).toBe('待审核');
    await sponsor.screenshot({ path: `${SCREENSHOT_DIR}/registration-annual-signed-off.png` });
    await sponsor.context().close();

    const office = await loggedIn(browser, baseUrl, 'bianban');
    await openAnnual(office);
    await office.getByTestId('annual-pass').click();
    await office.getByText('已审核通过并公示').waitFor();
    await expect.poll(() => stateTag(office).textContent()).toBe('已公示');
    await office.screenshot({ path: `${SCREENSHOT_DIR}/registration-annual-published.png` });

    const menu = office.locator('.ant-menu');
    await menu.getByText('登记管理').click();
    await office.waitForURL((u) => u.pathname === '/registration');
    await office.getByRole('tab', { name: '登记记录' }).waitFor();
    await office.getByRole('button', { name: '提交登记申请' }).waitFor();
    await office.getByRole('cell', { name: SCHOOL }).click();
    await office.getByText('事业单位法人证书').waitFor();
    await office.getByRole('button', { name: '正本' }).first().waitFor();
    await office.screenshot({ path: `${SCREENSHOT_DIR}/registration-records.png` });
    const download = office.waitForEvent('download');
    await office.getByRole('button', { name: '副本' }).first().click();
    expect((await download).suggestedFilename()).toMatch(/^事业单位法人证书_副本_.+\.docx$/);
    await office.keyboard.press('Escape');
    await menu.getByText('抽查').click();
    await office.waitForURL((u) => u.pathname === '/spot-checks');
    await office.getByRole('button', { name: '新建抽查' }).waitFor();
    await office.screenshot({ path: `${SCREENSHOT_DIR}/registration-spot-checks.png` });
    await menu.getByText('中文域名').click();
    await office.waitForURL((u) => u.pathname === '/domains');
    await office.getByRole('cell', { name: `${SCHOOL}.公益` }).waitFor();
    await expect.poll(() => office.locator('.ant-spin-spinning').count()).toBe(0);
    await office.screenshot({ path: `${SCREENSHOT_DIR}/registration-domains.png` });
    await office.context().close();

    const [report] = (await listAnnualReports(t.ctx.db.kysely, { regionCodes: [REGION], year })).filter(
      (r) => r.registrationId === registrationId,
    );
    expect(report).toMatchObject({ state: '已公示', late: true, year });
  }, 180_000);

  it('shows the published report on the 公示 page to a visitor without a cookie', async () => {
    const context = await browser.newContext({
      locale: 'zh-CN',
      viewport: { width: 1200, height: 900 },
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/gs/`);
    await page.locator('input[name="q"]').fill(SCHOOL);
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL((u) => u.searchParams.get('q') === SCHOOL);
    await page.getByRole('heading', { name: `${SCHOOL} ${year} 年度报告（逾期报送）` }).waitFor();
    await page.getByText(ITEMS.businessActivities).waitFor();
    expect(await page.getByText('王某').count()).toBe(0);
    expect((await context.cookies()).length).toBe(0);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/registration-public.png`, fullPage: true });
    await context.close();
  });
});
