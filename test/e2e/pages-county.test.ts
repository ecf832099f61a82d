// Every page of the county's office, its liaison and its leader in real Chromium: each menu item
// opened in turn, one real figure or row of the seeded county checked on it, a screenshot saved
// to test-results/screenshots/<role>/<page>.png (kept by CI as an artifact).
import fs from 'node:fs';
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, loggedIn, screenshotPath, seededWebServer } from '../support/browser.ts';
import type { TestDb } from '../support/databases.ts';
import { JOURNEYS, pageFolders, seedJourneyData, visitEveryPage } from '../support/page-journeys.ts';

describe('every page of the county roles in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    let units: Map<string, number>;
    ({ t, app, baseUrl, units } = await seededWebServer([
      { username: 'guanli', displayName: '编办管理员', role: 'admin' },
      { username: 'lianluo', displayName: '教育局联络员', role: 'liaison', unitCode: 'A03' },
      { username: 'lingdao', displayName: '县领导', role: 'leader' },
    ]));
    await seedJourneyData(t, units, { admin: 'guanli', liaison: 'lianluo' });
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  it('has a journey for every page folder of the web', () => {
    const covered = new Set(JOURNEYS.map((j) => j.folder));
    expect(pageFolders().filter((f) => !covered.has(f))).toEqual([]);
  });

  it('opens every page of the 编办管理员', async () => {
    const visited = await visitEveryPage(browser, baseUrl, {
      username: 'guanli',
      role: 'admin',
      journeys: JOURNEYS,
    });
    expect(visited).toEqual(
      expect.arrayContaining(['home', 'units', 'people', 'matters', 'org-chart', 'account']),
    );
  });

  it('draws one department of the 基本框架图 and exports it with full names', async () => {
    const page = await loggedIn(browser, baseUrl, 'guanli');
    try {
      await page.goto(`${baseUrl}/org-chart`);
      const chart = page.getByTestId('org-chart');
      await expect
        .poll(async () => (await chart.textContent()) ?? '', { timeout: 30_000 })
        .toContain('永宁县教育局');
      await page.getByTestId('org-department').click();
      await page.keyboard.type('教育局');
      await page.keyboard.press('Enter');
      await expect.poll(async () => (await chart.textContent()) ?? '').toContain('永宁县职业教育学校');
      const text = (await chart.textContent()) ?? '';
      expect(text).not.toContain('中共永宁县纪律检查委员会');
      await page.keyboard.press('Escape');
      await page.screenshot({ path: screenshotPath('admin', 'org-chart-department'), fullPage: true });
      for (const [testId, ext] of [
        ['org-export-svg', '.svg'],
        ['org-export-png', '.png'],
      ] as const) {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByTestId(testId).click(),
        ]);
        expect(download.suggestedFilename()).toMatch(
          new RegExp(`^永宁县教育局基本框架图_\\d{4}-\\d{2}-\\d{2}\\${ext}$`),
        );
        const bytes = fs.readFileSync(await download.path());
        if (ext === '.svg') {
          const svg = bytes.toString('utf8');
          for (const name of ['永宁县教育局', '永宁县第一中学', '永宁县职业教育学校'])
            expect(svg).toContain(name);
          expect(svg).not.toContain('…');
        } else {
          expect(bytes.subarray(1, 4).toString()).toBe('PNG');
        }
      }
    } finally {
      await page.context().close();
    }
  });

  it('opens every page of the 联络员', async () => {
    const visited = await visitEveryPage(browser, baseUrl, {
      username: 'lianluo',
      role: 'liaison',
      journeys: JOURNEYS,
    });
    expect(visited).toEqual(
      expect.arrayContaining(['home', 'units', 'people', 'matters', 'org-chart', 'account']),
    );
  });

  it('opens every page of the 领导', async () => {
    const visited = await visitEveryPage(browser, baseUrl, {
      username: 'lingdao',
      role: 'leader',
      journeys: JOURNEYS,
    });
    expect(visited).toEqual(expect.arrayContaining(['home', 'reports', 'account']));
  });
});
