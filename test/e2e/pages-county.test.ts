// Every page of the county's office, its liaison and its leader in real Chromium: each menu item
// opened in turn, one real figure or row of the seeded county checked on it, a screenshot saved
// to test-results/screenshots/<role>/<width>/<page>.png at 1366 and 1920 px (kept by CI as an
// artifact); no table column cut off, no request refused, no write button for the leader.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotPath, webJourney, type WebJourney } from '../support/browser.ts';
import { readOnlyProblems } from '../support/page-checks.ts';
import { JOURNEYS, pageFolders, seedJourneyData, visitEveryPage } from '../support/page-journeys.ts';

describe('every page of the county roles in Chromium', () => {
  let w: WebJourney;

  beforeAll(async () => {
    w = await webJourney([
      { username: 'guanli', displayName: '编办管理员', role: 'admin' },
      { username: 'lianluo', displayName: '教育局联络员', role: 'liaison', unitCode: 'A03' },
      { username: 'lingdao', displayName: '县领导', role: 'leader' },
    ]);
    await seedJourneyData(w.t, w.units, { admin: 'guanli', liaison: 'lianluo' });
  });

  afterAll(async () => {
    await w?.close();
  });

  it('has a journey for every page folder of the web', () => {
    const covered = new Set(JOURNEYS.map((j) => j.folder));
    expect(pageFolders().filter((f) => !covered.has(f))).toEqual([]);
  });

  it('opens every page of the 编办管理员', async () => {
    const visited = await visitEveryPage(w.browser, w.baseUrl, {
      username: 'guanli',
      role: 'admin',
      journeys: JOURNEYS,
    });
    expect(visited).toEqual(
      expect.arrayContaining(['home', 'units', 'people', 'matters', 'org-chart', 'account']),
    );
    // 23 pages at two widths on a shared machine.
  }, 300_000);

  it('reaches every menu item of the 编办管理员 in a window 800 px high, the header in view', async () => {
    const page = await w.login('guanli', { width: 1366, height: 800 });
    try {
      const items = page.locator('.ant-layout-sider .ant-menu-item');
      await items.first().waitFor();
      const count = await items.count();
      // The admin's menu is longer than the window: it scrolls on its own, the page does not.
      expect(count).toBeGreaterThan(16);
      for (let i = 0; i < count; i += 1) {
        const item = items.nth(i);
        await item.scrollIntoViewIfNeeded();
        const box = await item.boundingBox();
        expect(box, `菜单第${String(i + 1)}项应可见`).toBeTruthy();
        if (box) {
          expect(box.y).toBeGreaterThanOrEqual(64);
          expect(box.y + box.height).toBeLessThanOrEqual(800);
        }
        expect(await page.evaluate<number>('window.scrollY')).toBe(0);
      }
      const last = items.nth(count - 1);
      await last.click();
      await page.waitForURL((u) => u.pathname === '/export');
      const header = await page.locator('.bz-header').boundingBox();
      expect(header?.y).toBe(0);
      await page.screenshot({ path: screenshotPath('admin', 'menu-800', 1366) });
    } finally {
      await page.context().close();
    }
  });

  it('draws one department of the 基本框架图 and exports it with full names', async () => {
    const page = await w.login('guanli');
    try {
      await page.goto(`${w.baseUrl}/org-chart`);
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
    const visited = await visitEveryPage(w.browser, w.baseUrl, {
      username: 'lianluo',
      role: 'liaison',
      journeys: JOURNEYS,
    });
    expect(visited).toEqual(
      expect.arrayContaining(['home', 'units', 'people', 'matters', 'org-chart', 'account']),
    );
  });

  it('opens every page of the 领导', async () => {
    const visited = await visitEveryPage(w.browser, w.baseUrl, {
      username: 'lingdao',
      role: 'leader',
      journeys: JOURNEYS,
    });
    expect(visited).toEqual(expect.arrayContaining(['home', 'reports', 'account']));
  });

  it('shows the 领导 no write button on a unit page or a matter page, where the office has them', async () => {
    const unit = (code: string) => `/units/${String(w.units.get(`640121/${code}`))}`;
    // Matter 1 proposed by the liaison, matter 2 decided: both still open.
    const paths = [unit('A03'), unit('B01'), '/matters/1', '/matters/2'];
    const leader = await w.login('lingdao');
    try {
      expect(await readOnlyProblems(leader, w.baseUrl, paths)).toEqual([]);
    } finally {
      await leader.context().close();
    }
    // The same pages show the office its buttons: the check sees them.
    const admin = await w.login('guanli');
    try {
      const shown = await readOnlyProblems(admin, w.baseUrl, paths);
      expect(shown).toEqual(expect.arrayContaining(['/matters/1 显示了按钮「上传附件」']));
    } finally {
      await admin.context().close();
    }
  }, 180_000);

  it('opens the 联络员 own unit and matter pages without a refused request', async () => {
    const unit = (code: string) => `/units/${String(w.units.get(`640121/${code}`))}`;
    const page = await w.login('lianluo');
    try {
      const paths = [unit('A03'), unit('B01'), '/matters/1'];
      expect(await readOnlyProblems(page, w.baseUrl, paths, { buttons: false })).toEqual([]);
    } finally {
      await page.context().close();
    }
  }, 180_000);
});
