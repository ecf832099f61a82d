// Steps the 评估问效 journeys share: dates around today, picking in an antd Select, and the
// screenshots at both widths with the check that no table is wider than its frame.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { todayInChina } from '../../src/context.ts';
import { screenshotPath, settled } from './browser.ts';

const today = todayInChina();

/** Today (China time) moved by `days`, as YYYY-MM-DD. */
export const shift = (days: number): string =>
  new Date(Date.parse(today) + days * 86_400_000).toISOString().slice(0, 10);

/** Picks an option of an antd Select by its title. */
export async function pick(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .getByTitle(option, { exact: true })
    .click();
}

/** Every table's content fits its frame: no column is cut off or scrolled away. */
export async function expectNoTableOverflow(page: Page): Promise<void> {
  const overflowing = await page
    .locator('.bz-content .ant-table-content, .ant-drawer .ant-table-content')
    .evaluateAll((els) =>
      els
        .filter((e) => e.getClientRects().length > 0 && e.scrollWidth > e.clientWidth + 1)
        .map((e) => `${String(e.scrollWidth)}>${String(e.clientWidth)}`),
    );
  expect(overflowing).toEqual([]);
}

/** Screenshots at 1366 and 1920 px under `folder`, each checked for overflowing tables. */
export async function shootBoth(page: Page, folder: string, name: string): Promise<void> {
  for (const width of [1366, 1920]) {
    await page.setViewportSize({ width, height: 1000 });
    await settled(page);
    await page.screenshot({ path: screenshotPath(folder, `${name}-${String(width)}`), fullPage: true });
    await expectNoTableOverflow(page);
  }
}
