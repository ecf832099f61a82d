// `bianzhi reform baseline|compare` as an operator runs them (SQLite file database; the export use
// cases themselves run on both databases in test/reform/reform.test.ts): the 底数台账 and the
// 改革前后对比表 written as .xlsx and .docx, usage errors exit 2, an unfrozen project exits 1.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { freezeBaseline } from '../../src/domain/reform/freeze-baseline.ts';
import { createProject } from '../../src/domain/reform/manage-projects.ts';
import { openTestDb, TEST_KEY_HEX, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, tempDir } from '../support/fixtures.ts';
import { unzip } from '../support/zip.ts';

const BIN = path.resolve('bin/bianzhi.mjs');

describe('reform commands', () => {
  let t: TestDb;
  const dir = tempDir();
  let frozen = 0;
  let open = 0;
  const cli = (args: string[]) => {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: t.url, BIANZHI_DATA_DIR: dir, BIANZHI_KEY: TEST_KEY_HEX },
      encoding: 'utf8',
      timeout: 120_000,
    });
    return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
  };

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    const actor = { id: null, name: '测试' };
    expect(
      (await importWorkbook(t.ctx, { actor, paths: [COUNTY_DIR], dryRun: false, allowedRegions: null })).ok,
    ).toBe(true);
    const { id } = await createUser(t.ctx, {
      actor,
      username: 'clerk',
      displayName: '张科员',
      role: 'clerk',
      regionCode: '640121',
      unitId: null,
      password: 'Reform-Pass-2026',
    });
    const clerk = {
      userId: id,
      username: 'clerk',
      displayName: '张科员',
      role: 'clerk' as const,
      regionCode: '640121',
      unitId: null,
      mustChangePassword: false,
    };
    const body = { regionCode: '640121', scopeUnitIds: null, baselineDate: '2026-01-01' };
    frozen = await createProject(t.ctx, { principal: clerk, body: { ...body, name: '=HYPERLINK("x")改革' } });
    await freezeBaseline(t.ctx, { principal: clerk, projectId: frozen });
    open = await createProject(t.ctx, { principal: clerk, body: { ...body, name: '未冻结的改革' } });
  }, 120_000);
  afterAll(async () => {
    await t?.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes the 底数台账 as .xlsx (text neutralised) and .docx', async () => {
    const xlsx = path.join(dir, '底数.xlsx');
    const r = cli(['reform', 'baseline', '--project', String(frozen), '--out', xlsx]);
    expect(r.out).toContain('已写入');
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.getWorksheet('底数台账');
    const cells: string[] = [];
    ws?.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells[0]?.startsWith("'=HYPERLINK")).toBe(true);
    expect(cells).toContain('中共永宁县委组织部');
    const docx = path.join(dir, '底数.docx');
    expect(cli(['reform', 'baseline', '--project', String(frozen), '--out', docx]).code).toBe(0);
    const xml = unzip(fs.readFileSync(docx)).get('word/document.xml')?.toString('utf8') ?? '';
    expect(xml).toContain('底数台账');
    expect(xml).toContain('永宁县教育局');
  }, 300_000);

  it('writes the 改革前后对比表 and refuses what it cannot do', async () => {
    const out = path.join(dir, '对比.xlsx');
    const r = cli(['reform', 'compare', '--project', String(frozen), '--as-of', '2026-06-30', '--out', out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['改革前后对比表', '机构对应']);
    const unfrozen = cli(['reform', 'compare', '--project', String(open), '--out', out]);
    expect(unfrozen.code).toBe(1);
    expect(unfrozen.out).toContain('尚未冻结底数');
    expect(cli(['reform', 'baseline', '--project', String(frozen), '--out', 'x.pdf']).code).toBe(2);
    expect(cli(['reform', 'compare', '--project', String(frozen)]).code).toBe(2);
  }, 300_000);
});
