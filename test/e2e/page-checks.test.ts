// The checks the page journeys make (test/support/page-checks.ts) find what they are for: a
// column cut off by a box that does not scroll, a title cut by an ellipsis, a page wider than the
// window, a write button; and pass a table that scrolls sideways to its last column.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { cutOffColumns, pageOverflow, writeButtons } from '../support/page-checks.ts';

const table = (overflow: string, titleStyle = '') => `
  <div class="ant-table-wrapper" style="width: 300px">
    <div class="ant-table-content" style="overflow-x: ${overflow}">
      <table style="width: 600px; border-collapse: collapse">
        <thead><tr>
          <th style="width: 200px; padding: 4px">机构名称</th>
          <th style="width: 200px; padding: 4px">编制类型</th>
          <th style="width: 200px; padding: 4px; ${titleStyle}">实际空编</th>
        </tr></thead>
        <tbody><tr><td>永宁县教育局</td><td>行政编制</td><td>3</td></tr></tbody>
      </table>
    </div>
  </div>`;

describe('the page checks of the journeys', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('passes a table that scrolls sideways to its last column', async () => {
    await page.setContent(`<body style="margin: 0">${table('auto')}</body>`);
    expect(await cutOffColumns(page)).toEqual([]);
    expect(await pageOverflow(page)).toBe(0);
  });

  it('finds the columns a box that does not scroll cuts off', async () => {
    await page.setContent(`<body style="margin: 0">${table('hidden')}</body>`);
    expect(await cutOffColumns(page)).toEqual([
      '表1「编制类型」被ant-table-content裁切',
      '表1「实际空编」被ant-table-content裁切',
    ]);
  });

  it('finds a title cut by an ellipsis and a page wider than the window', async () => {
    await page.setContent(
      `<body style="margin: 0"><div style="width: 1200px">${table(
        'auto',
        'max-width: 20px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap',
      )}</div></body>`,
    );
    expect(await cutOffColumns(page)).toEqual(['表1「实际空编」标题显示不全']);
    expect(await pageOverflow(page)).toBe(400);
  });

  it('names the write buttons in the content and not the reading ones', async () => {
    await page.setContent(`
      <div class="bz-content">
        <button>查询</button><button>导出 Excel</button><button>新建动议</button>
        <a class="ant-btn">保 存</a><button style="display: none">删除</button>
      </div>
      <button>修改密码</button>`);
    expect(await writeButtons(page)).toEqual(['新建动议', '保存']);
  });
});
