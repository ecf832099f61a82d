// 法规制度 in real Chromium: a clerk adds a document and finds it by its 文号, reads its full text,
// attaches a PDF to it, records a 宣讲 session and sees the year's count; a liaison reads the
// library and downloads the attachment but has no form and no upload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, webJourney, type WebJourney } from '../support/browser.ts';

/** The smallest PDF a reader accepts (the server's type check reads the %PDF signature). */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

describe('法规制度 journey in Chromium', () => {
  let w: WebJourney;

  beforeAll(async () => {
    w = await webJourney([
      { username: 'keyuan', displayName: '科员', role: 'clerk' },
      { username: 'lianluo', displayName: '联络员', role: 'liaison', unitCode: 'B01' },
    ]);
  });

  afterAll(async () => {
    await w?.close();
  });

  it('lets a clerk add, find and read a document, and record a 宣讲', async () => {
    const page = await w.login('keyuan');
    await page.locator('.ant-menu').getByText('法规制度').click();
    await page.waitForURL((u) => u.pathname === '/library');
    await page.locator('#title').fill('机构编制工作条例');
    await page.locator('#docNo').fill('中办发〔2019〕50号');
    await page.locator('#issuer').fill('中共中央办公厅');
    await page.locator('#issuedOn').fill('2019-08-05');
    await page.locator('#fullText').fill('第一条 为了加强党对机构编制工作的集中统一领导。');
    await page.getByTestId('library-save').click();
    await page.getByText('已新增法规制度文件').waitFor();

    await page.getByTestId('library-search').locator('input').fill('〔2019〕50');
    await page.getByTestId('library-search').locator('input').press('Enter');
    const table = page.getByTestId('library-documents');
    await table.getByText('机构编制工作条例').click();
    const drawer = page.locator('.ant-drawer');
    await drawer.getByText('集中统一领导', { exact: false }).waitFor();
    // A PDF attached to the document (the server checks its type by content, not by name).
    await drawer.getByText('暂无附件').waitFor();
    await drawer
      .locator('input[type=file]')
      .setInputFiles({ name: '条例全文.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByText('已上传 条例全文.pdf').waitFor();
    await drawer.getByRole('button', { name: '条例全文.pdf' }).waitFor();
    // The success message sits over the drawer's close button and stays while the pointer is on
    // it: move away and let it go, as a user would, before closing.
    await page.mouse.move(5, 400);
    await page.getByText('已上传 条例全文.pdf').waitFor({ state: 'hidden' });
    await page.locator('.ant-drawer-close').click();

    await page.getByRole('tab', { name: '学习宣讲' }).click();
    await page.locator('#heldOn').fill('2023-06-01');
    await page.locator('#topic').fill('宣讲机构编制工作条例');
    await page.locator('#attendance').fill('120');
    await page.locator('#kind').click();
    await page.locator('.ant-select-dropdown').getByText('宣讲', { exact: true }).click();
    await page.getByRole('button', { name: '记录' }).click();
    await page.getByText('已记录').waitFor();
    const counts = page.getByTestId('training-counts');
    await counts.getByText('2023').waitFor();
    const row = counts.locator('tr', { hasText: '2023' });
    await expect.poll(async () => (await row.locator('td').allTextContents()).join('|')).toBe('2023|0|1|120');
    await page.screenshot({ path: `${SCREENSHOT_DIR}/library.png` });
    await page.context().close();
  });

  it('lets a liaison read the library without the form', async () => {
    const page = await w.login('lianluo');
    await page.locator('.ant-menu').getByText('法规制度').click();
    await page.getByTestId('library-documents').getByText('机构编制工作条例').waitFor();
    expect(await page.getByTestId('library-add').count()).toBe(0);
    // The liaison reads and downloads the attachment but cannot upload.
    await page.getByTestId('library-documents').getByText('机构编制工作条例').click();
    const drawer = page.locator('.ant-drawer');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      drawer.getByRole('button', { name: '条例全文.pdf' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('条例全文.pdf');
    expect(await drawer.getByTestId('library-upload').count()).toBe(0);
    await page.context().close();
  });
});
