// Checks every page journey makes at both screen widths: no table column cut off, no page wider
// than the window, no API answer refused or failed while the page loads as the role, and no write
// button on the pages of a read-only role.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The two screens a page must fit: a common office laptop and a common office monitor. */
export const WIDTHS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;

/**
 * Runs in the page (plain JavaScript: the tests compile without the DOM's types). For every header
 * cell of every table shown: scroll the boxes around it that scroll sideways to it as a user would,
 * then it must lie inside the window and inside every box that clips it, and its title must not be
 * cut short.
 */
const CUT_OFF_SCRIPT = `(() => {
  const problems = [];
  const clipsX = (el) => getComputedStyle(el).overflowX !== 'visible';
  const tables = Array.from(document.querySelectorAll('.ant-table-wrapper'));
  tables.forEach((table, ti) => {
    const box = table.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return; // in a closed tab or panel
    const scrolled = [];
    for (const th of Array.from(table.querySelectorAll('thead th'))) {
      if (th.offsetWidth === 0 || th.getAttribute('aria-hidden') === 'true') continue;
      const name = (th.innerText || th.getAttribute('title') || '').trim().replace(/\\s+/g, '');
      // Scroll the boxes a user can scroll (never one that only hides) sideways to it.
      for (let a = th.parentElement; a && a !== document.body; a = a.parentElement) {
        const ox = getComputedStyle(a).overflowX;
        if (ox !== 'auto' && ox !== 'scroll') continue;
        scrolled.push([a, a.scrollLeft]);
        const left = a.getBoundingClientRect().left + a.clientLeft;
        const right = left + a.clientWidth;
        const before = th.getBoundingClientRect();
        if (before.right > right) a.scrollLeft += before.right - right;
        const after = th.getBoundingClientRect();
        if (after.left < left) a.scrollLeft -= left - after.left;
      }
      const r = th.getBoundingClientRect();
      const label = '表' + (ti + 1) + '「' + (name || '(无标题)') + '」';
      if (r.left < -1 || r.right > window.innerWidth + 1) problems.push(label + '超出窗口');
      for (let a = th.parentElement; a; a = a.parentElement) {
        if (!clipsX(a) || a === document.documentElement || a === document.body) continue;
        const left = a.getBoundingClientRect().left + a.clientLeft;
        if (r.left < left - 1 || r.right > left + a.clientWidth + 1) {
          problems.push(label + '被' + (String(a.className).split(' ')[0] || a.tagName) + '裁切');
          break;
        }
      }
      // The title's text must lie inside the cell's padding (and inside its own box if that clips).
      const title = th.querySelector('.ant-table-column-title') || th;
      const range = document.createRange();
      range.selectNodeContents(title);
      const text = range.getBoundingClientRect();
      const cs = getComputedStyle(th);
      let left = r.left + parseFloat(cs.paddingLeft);
      let right = r.right - parseFloat(cs.paddingRight);
      if (title !== th && clipsX(title)) {
        const own = title.getBoundingClientRect();
        left = Math.max(left, own.left);
        right = Math.min(right, own.right);
      }
      if (text.width > 0 && (text.left < left - 1 || text.right > right + 1))
        problems.push(label + '标题显示不全');
    }
    for (const [el, left] of scrolled.reverse()) el.scrollLeft = left;
  });
  window.scrollTo(0, 0);
  return problems;
})()`;

/** Header cells of the page's tables that cannot be brought fully into view. */
export async function cutOffColumns(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(CUT_OFF_SCRIPT);
}

/** How far the page itself is wider than the window (0 when it fits). */
export async function pageOverflow(page: Page): Promise<number> {
  return page.evaluate<number>('Math.max(0, document.documentElement.scrollWidth - window.innerWidth)');
}

/** What does not fit on the page, each problem prefixed with where it was seen. */
export async function pageMisfits(page: Page, where: string): Promise<string[]> {
  const problems = (await cutOffColumns(page)).map((p) => `${where}：${p}`);
  const overflow = await pageOverflow(page);
  if (overflow > 0) problems.push(`${where}：页面比窗口宽 ${String(overflow)}px`);
  return problems;
}

export async function expectPageFits(page: Page, where: string): Promise<void> {
  expect(await pageMisfits(page, where)).toEqual([]);
}

/**
 * Records every API answer of status 401, 403 or 5xx on the page from now on: a part of a page
 * the role may not use must be hidden, never left failing.
 */
export function recordRefusals(page: Page): string[] {
  const refused: string[] = [];
  page.on('response', (response) => {
    const status = response.status();
    const url = new URL(response.url());
    if (!url.pathname.startsWith('/api/')) return;
    if (status === 401 || status === 403 || status >= 500)
      refused.push(
        `${new URL(page.url()).pathname} 上的请求 ${response.request().method()} ${url.pathname}${url.search} → ${String(status)}`,
      );
  });
  return refused;
}

/** Words of buttons that change data: none may show to a role that only reads. */
const WRITE_WORDS =
  /新建|新增|添加|保存|删除|提交|上传|导入|编辑|修改|受理|核准|审核|退回|驳回|撤销|发起|动议|登记|录入|设置|冻结|采纳|抽取|重置密码|停用|报送|通过|启用|上报|锁定|办结|决定|论证|实施|比对|注销|续费|转让|签收|自查/;

/** The write buttons and links in the page's content (the shell's header and menu left out). */
export async function writeButtons(page: Page): Promise<string[]> {
  const texts = await page
    .locator('.bz-content')
    .locator('button:visible, a.ant-btn:visible, [role="button"]:visible')
    .allInnerTexts();
  return texts.map((t) => t.replace(/\s+/g, '')).filter((t) => WRITE_WORDS.test(t));
}

/**
 * Opens each address (pages reached from a menu page: a unit's page, a matter's page) and returns
 * the requests refused while it loaded and, unless `buttons` is false (a role that may write), the
 * write buttons shown on it.
 */
export async function readOnlyProblems(
  page: Page,
  baseUrl: string,
  paths: readonly string[],
  opts: { buttons: boolean } = { buttons: true },
): Promise<string[]> {
  const refused = recordRefusals(page);
  const problems: string[] = [];
  for (const address of paths) {
    await page.goto(`${baseUrl}${address}`);
    await page.locator('.bz-content').first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('.ant-spin-spinning').count(), { timeout: 30_000 }).toBe(0);
    // The page shows what it opened, not an error or an empty shell.
    await expect.poll(async () => (await page.locator('.bz-content').innerText()).length).toBeGreaterThan(20);
    if (opts.buttons)
      for (const button of await writeButtons(page)) problems.push(`${address} 显示了按钮「${button}」`);
  }
  return [...problems, ...refused];
}
