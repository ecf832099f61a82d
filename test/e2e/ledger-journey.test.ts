// A clerk's journey in real Chromium: log in → find a unit in the tree → open it → import a
// file with one bad row and see the error → fix it and import.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { idCheckChar } from '../../src/demo/generate-county.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { launchBrowser, SCREENSHOT_DIR, startWebServer } from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, tempDir } from '../support/fixtures.ts';

const HEADER =
  '行政区划代码,机构编码,机构名称,上级机构编码,机构类别,机构规格,隶属关系,占直属限额,经费形式,单位类型,所属系统,是否法人,统一社会信用代码,加挂牌子,成立日期,撤销日期\n';

describe('ledger journey in Chromium', () => {
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
    page = await browser.newPage({
      viewport: { width: 1400, height: 900 },
      locale: 'zh-CN',
      reducedMotion: 'reduce',
    });
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  it('logs in', async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill('clerk');
    await page.getByTestId('login-password').fill('Journey-Pass-2026');
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.getByText('王业务').first().waitFor();
  });

  it('finds a unit in the tree and opens it', async () => {
    await page.goto(`${baseUrl}/units`);
    await page.getByTestId('unit-tree-search').fill('第一中学');
    await page.getByText('永宁县第一中学', { exact: false }).first().click();
    await expect
      .poll(async () => page.getByTestId('unit-title').textContent(), { timeout: 15_000 })
      .toContain('永宁县第一中学');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'unit-page.png'), fullPage: true });
    // 核定 as of today: 110 of its own + 5 lent from the turnover pool.
    await expect.poll(async () => (await page.textContent('body')) ?? '').toContain('115');
  });

  it('shows the error of a file with one bad row and imports the corrected file', async () => {
    const bad = tempDir();
    fs.writeFileSync(
      path.join(bad, '机构.csv'),
      HEADER + '640121,A09,永宁县审计局,,政府部门,正科,,,,,,是,,,2001-01-01,\n',
    );
    await page.goto(`${baseUrl}/import`);
    await page.getByTestId('import-files').setInputFiles(path.join(bad, '机构.csv'));
    await page.getByTestId('import-submit').click();
    const errors = page.getByTestId('import-errors');
    await errors.waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await errors.textContent()) ?? '').toContain('机构类别');
    await expect.poll(async () => (await errors.textContent()) ?? '').toContain('政府部门');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'import-errors.png'), fullPage: true });
    const units = await t.ctx.db.kysely
      .selectFrom('units')
      .select('code')
      .where('code', '=', 'A09')
      .execute();
    expect(units).toEqual([]);

    const good = tempDir();
    fs.writeFileSync(
      path.join(good, '机构.csv'),
      HEADER + '640121,A09,永宁县审计局,,政府工作部门,正科,,,,,,是,,,2001-01-01,\n',
    );
    await page.getByTestId('import-files').setInputFiles(path.join(good, '机构.csv'));
    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-success').waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'import-success.png'), fullPage: true });
    const after = await t.ctx.db.kysely
      .selectFrom('units')
      .select('code')
      .where('code', '=', 'A09')
      .execute();
    expect(after).toEqual([{ code: 'A09' }]);

    await page.goto(`${baseUrl}/units`);
    await page.getByTestId('unit-tree-search').fill('审计局');
    await page.getByText('永宁县审计局').first().click();
    await expect
      .poll(async () => page.getByTestId('unit-title').textContent(), { timeout: 15_000 })
      .toContain('永宁县审计局');
  });

  it('cancels a long import, which then writes nothing', async () => {
    const db = t.ctx.db.kysely;
    const people = async () =>
      Number(
        (
          await db
            .selectFrom('people')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirst()
        )?.n,
      );
    const before = await people();
    // 100,000 new people of one unit: seconds of checking and writing slices.
    const dir = tempDir();
    const rows = Array.from({ length: 100_000 }, (_, i) => {
      const born = new Date(Date.UTC(1970, 0, 1 + Math.floor(i / 999))).toISOString().slice(0, 10);
      const first17 = `640121${born.replaceAll('-', '')}${String((i % 999) + 1).padStart(3, '0')}`;
      return `${first17}${idCheckChar(first17)},新人${i},640121,A02,行政编制,在编,考录,无,2020-01-01,`;
    });
    fs.writeFileSync(
      path.join(dir, '人员.csv'),
      '身份证号,姓名,行政区划代码,机构编码,编制类型,人员状态,入编方式,领导职务,入编日期,出编日期\n' +
        rows.join('\n') +
        '\n',
    );
    await page.goto(`${baseUrl}/import`);
    await page.getByTestId('import-files').setInputFiles(path.join(dir, '人员.csv'));
    await page.getByTestId('import-submit').click();
    await expect
      .poll(async () => (await page.getByTestId('import-progress').textContent()) ?? '', { timeout: 30_000 })
      .toContain('人员');
    await page.getByTestId('import-cancel').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: '取消导入' }).click();
    const notice = page.getByTestId('import-notice');
    await notice.waitFor({ timeout: 30_000 });
    await expect.poll(async () => (await notice.textContent()) ?? '').toContain('导入已取消');
    await expect.poll(async () => (await notice.textContent()) ?? '').toContain('未写入任何数据');
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'import-cancelled.png'), fullPage: true });
    // The slices it wrote are gone; nothing is left staged or applying.
    expect(await people()).toBe(before);
    expect(await db.selectFrom('import_placements').select('id').execute()).toEqual([]);
    const applying = await db
      .selectFrom('import_batches')
      .select('id')
      .where('state', '=', 'applying')
      .execute();
    expect(applying).toEqual([]);
  }, 120_000);
});
