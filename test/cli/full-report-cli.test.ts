// `bianzhi report full` as a user runs it (the compiled build), on both databases: the county's
// 全年汇报 written as a .docx whose section 一 is, line for line, what `report basic` prints for
// the same date, with the 数据来源 appendix; a second rendering lists no changed figure.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, cliDatabase } from '../support/cli.ts';
import { DIALECTS } from '../support/databases.ts';
import { tempDir } from '../support/fixtures.ts';
import { unzip } from '../support/zip.ts';

const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/report-county');

function docxText(file: string): string {
  const xml = unzip(fs.readFileSync(file)).get('word/document.xml')?.toString('utf8') ?? '';
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');
}

describe.each(DIALECTS)('bianzhi report full on %s', (dialect) => {
  let env: Record<string, string>;
  let drop = async (): Promise<void> => undefined;
  const dir = tempDir();

  beforeAll(async () => {
    ({ env, drop } = await cliDatabase(dialect, dir, 'bianzhi_full'));
    expect(cli(['import', FIXTURE], env).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await drop();
  });

  it('writes the .docx with the 基本情况 figures of the same date and their sources', () => {
    const basic = cli(['report', 'basic', '--region', '640121', '--as-of', '2023-06-30'], env);
    expect(basic.code).toBe(0);
    const file = path.join(dir, '全年汇报.docx');
    const r = cli(['report', 'full', '--region', '640121', '--as-of', '2023-06-30', '--out', file], env);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain(`已写入 ${file}`);
    const text = docxText(file);
    expect(text).toContain('永宁县2023年机构编制工作情况汇报');
    expect(text).toContain('（数据截至2023年6月30日）');
    for (const line of basic.out.trim().split('\n')) expect(text).toContain(line.trim());
    expect(text).toContain('附：数据来源');
    expect(text).toContain('基本情况报告（统计报表）');
    expect(text).not.toContain('{{');
    const again = cli(['report', 'full', '--region', '640121', '--as-of', '2023-06-30', '--out', file], env);
    expect(again.code).toBe(0);
    expect(again.out).not.toContain('变化的数字');
  });

  it('refuses a bad date and a file that is not .docx', () => {
    expect(
      cli(['report', 'full', '--region', '640121', '--as-of', '2023-02-30', '--out', 'x.docx'], env).code,
    ).toBe(2);
    expect(cli(['report', 'full', '--region', '640121', '--out', 'x.pdf'], env).code).toBe(2);
  });
});
