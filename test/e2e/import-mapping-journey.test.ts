// A clerk imports the office's own 花名册 in real Chromium: choose 本单位格式, let the server
// suggest the mapping (headers, values, 行政区划代码), map the one value it could not guess,
// see the preview turn importable, save the mapping and import through it.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listImportMappings } from '../../src/domain/exchange/list-import-mappings.ts';
import { launchBrowser, loggedIn, seededWebServer, SCREENSHOT_DIR } from '../support/browser.ts';
import type { TestDb } from '../support/databases.ts';
import { tempDir } from '../support/fixtures.ts';
import { OFFICE_PEOPLE, writeOfficeWorkbook } from '../support/office-workbook.ts';

describe('import mapping journey in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ t, app, baseUrl } = await seededWebServer([
      { username: 'yewu', displayName: '业务员', role: 'clerk' },
    ]));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  it('maps an own-layout workbook from suggestions, previews it, saves the mapping and imports', async () => {
    // The third person's 编制性质 is written "行政编": no synonym knows it, the clerk maps it.
    const people = OFFICE_PEOPLE.map((p, i) => (i === 2 ? [...p.slice(0, 3), '行政编', ...p.slice(4)] : p));
    const file = await writeOfficeWorkbook(tempDir(), people);
    const before = await t.ctx.db.kysely
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();

    const page = await loggedIn(browser, baseUrl, 'yewu');
    await page.goto(`${baseUrl}/import`);
    await page.getByTestId('import-format').getByText('本单位格式（经表头映射）').click();
    await page.getByTestId('import-files').setInputFiles(file);
    // The chosen file is in the list before the suggestion is asked for.
    await page.locator('.ant-upload-list-item', { hasText: path.basename(file) }).waitFor();
    await page.getByTestId('mapping-suggest').click();

    // The server reads the workbook and suggests a mapping; should it answer with an error
    // instead, the test says which (a bare timeout once failed CI with nothing to go on).
    const sheet = page.getByTestId('mapping-sheet-花名册');
    const refusal = page.getByTestId('mapping-step').locator('.ant-alert-error');
    await sheet.or(refusal).first().waitFor({ timeout: 60_000 });
    if (await refusal.isVisible()) throw new Error(`识别表头失败：${(await refusal.textContent()) ?? ''}`);
    const preview = page.getByTestId('mapping-preview-花名册');
    await expect.poll(async () => (await preview.textContent()) ?? '').toContain('马小军');
    // Suggested: 单位名称 resolved to the unit's code, 在职 → 在编, 2011.09.01 → 2011-09-01.
    const text = (await preview.textContent()) ?? '';
    expect(text).toContain('A03');
    expect(text).toContain('在编');
    expect(text).toContain('2011-09-01');
    expect(text).toContain('“行政编”不是有效的编制类型');
    expect(await page.getByTestId('mapping-region-花名册').inputValue()).toBe('640121');

    await page.getByTestId('mapping-value-编制类型-行政编').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="行政编制"]').click();
    await page.getByTestId('mapping-refresh').click();
    await expect.poll(async () => await preview.getByText('可导入').count()).toBe(3);

    await page.getByTestId('mapping-name').fill('实名制花名册');
    await page.getByTestId('mapping-save').click();
    await page.getByText('已保存映射“实名制花名册”').waitFor();
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'import-mapping.png'), fullPage: true });

    await page.getByTestId('import-submit').click();
    await page.getByTestId('import-success').waitFor({ timeout: 30_000 });
    const after = await t.ctx.db.kysely
      .selectFrom('people')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 3);
    const saved = await listImportMappings(t.ctx.db.kysely, '640121');
    expect(saved.map((m) => m.name)).toEqual(['实名制花名册']);
    expect(saved[0]?.mapping.sheets.find((s) => s.sheet === '花名册')?.values['编制类型']).toEqual({
      行政: '行政编制',
      行政编: '行政编制',
    });
    await page.context().close();
  });
});
