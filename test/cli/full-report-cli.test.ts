// `bianzhi report full` as a user runs it (the compiled build), on both databases: the county's
// 全年汇报 written as a .docx whose section 一 is, line for line, what `report basic` prints for
// the same date, with the 数据来源 appendix; a second rendering lists no changed figure.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, PG_URL, TEST_KEY_HEX } from '../support/databases.ts';
import { tempDir } from '../support/fixtures.ts';
import { unzip } from '../support/zip.ts';

const BIN = path.resolve('bin/bianzhi.mjs');
const FIXTURE = path.resolve(import.meta.dirname, '../fixtures/report-county');

function cli(args: string[], env: Record<string, string>): { code: number; out: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...process.env, ...env, BIANZHI_KEY: TEST_KEY_HEX },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

function docxText(file: string): string {
  const xml = unzip(fs.readFileSync(file)).get('word/document.xml')?.toString('utf8') ?? '';
  return xml
    .split('</w:p>')
    .map((p) => [...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');
}

describe.each(DIALECTS)('bianzhi report full on %s', (dialect) => {
  let env: Record<string, string>;
  let dbName = '';
  const dir = tempDir();

  beforeAll(async () => {
    if (dialect === 'sqlite') {
      env = { DATABASE_URL: `file:${path.join(dir, 'cli.db')}`, BIANZHI_DATA_DIR: dir };
    } else {
      dbName = `bianzhi_full_${crypto.randomBytes(4).toString('hex')}`;
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`create database ${dbName}`);
      await c.end();
      const url = new URL(PG_URL);
      url.pathname = `/${dbName}`;
      env = { DATABASE_URL: url.toString(), BIANZHI_DATA_DIR: dir };
    }
    expect(cli(['import', FIXTURE], env).code).toBe(0);
  }, 120_000);

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (dbName) {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${dbName} with (force)`);
      await c.end();
    }
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
