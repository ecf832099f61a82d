// The year-end 机构编制统计 on both databases: the tables of the hand-made county, the checks
// passing on consistent data and catching inconsistencies planted directly in the database, the
// lock with its hash, a back-dated change listed as a difference, and the CLI's exit codes.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booted } from '../../src/bootstrap.ts';
import { reportYearendCommand } from '../../src/cli/report-yearend.ts';
import { loadConfig } from '../../src/config.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { computeYearend } from '../../src/domain/yearend/compute-yearend.ts';
import { getYearend } from '../../src/domain/yearend/get-yearend.ts';
import { submitYearend } from '../../src/domain/yearend/submit-yearend.ts';
import { figureValue } from '../../src/common/report-basic.ts';
import { computeBasicFor } from '../../src/domain/reports/get-basic-report.ts';
import type { YearendResponse } from '../../src/common/wire-yearend.ts';
import { json, loginCookie, testApp } from '../support/app.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, tempDir } from '../support/fixtures.ts';

const REGION = '640121';
const YEAR = 2025;

describe.each(DIALECTS)('year-end statistics on %s', (dialect) => {
  let t: TestDb;
  let admin: Principal;
  let clerk: Principal;
  const actor = { id: null, name: '测试' };

  beforeAll(async () => {
    t = await openTestDb(dialect);
    expect(
      (await importWorkbook(t.ctx, { actor, paths: [COUNTY_DIR], dryRun: false, allowedRegions: null })).ok,
    ).toBe(true);
    const users: Principal[] = [];
    for (const role of ['admin', 'clerk'] as const) {
      const { id } = await createUser(t.ctx, {
        actor,
        username: `ye-${role}`,
        displayName: role === 'admin' ? '管理员' : '业务员',
        role,
        regionCode: REGION,
        unitId: null,
        password: 'Year-End-2026',
      });
      users.push({
        userId: id,
        username: `ye-${role}`,
        displayName: role === 'admin' ? '管理员' : '业务员',
        role,
        regionCode: REGION,
        unitId: null,
        mustChangePassword: false,
      });
    }
    [admin, clerk] = users as [Principal, Principal];
  });
  afterAll(async () => {
    await t?.destroy();
  });

  const cell = (
    tables: { key: string; rows: { label: string; values: number[] }[]; total: { values: number[] } }[],
    key: string,
    row: string,
    col: number,
  ) => {
    const tb = tables.find((x) => x.key === key);
    const r = row === '合计' ? tb?.total : tb?.rows.find((x) => x.label === row);
    return r?.values[col];
  };

  it('builds the tables of the county as of 31 December, agreeing with the 基本情况 report', async () => {
    const c = await computeYearend(t.ctx.db.kysely, { regionCode: REGION, year: YEAR });
    expect(c.asOf).toBe('2025-12-31');
    const basic = (await computeBasicFor(t.ctx.db.kysely, { regionCode: REGION, asOf: '2025-12-31' })).report;
    // 表1: 党委工作机关 A02 (正科), 纪检监察机关 A01 (正科), 政府工作部门 A03 (正科)
    expect(cell(c.tables, '表1', '纪检监察机关', 0)).toBe(1);
    expect(cell(c.tables, '表1', '纪检监察机关', 1)).toBe(1);
    expect(cell(c.tables, '表1', '事业单位', 0)).toBe(figureValue(basic, 'institutions'));
    // 表2: A01 holds 行政编制 20 of which 政法专项 3 … the total is the report's.
    expect(cell(c.tables, '表2', '纪检监察机关', 1)).toBe(23);
    expect(cell(c.tables, '表2', '纪检监察机关', 2)).toBe(3);
    expect(cell(c.tables, '表2', '合计', 0)).toBe(figureValue(basic, 'quotaTotal'));
    expect(cell(c.tables, '表3', '合计', 1)).toBe(figureValue(basic, 'totalActual'));
    expect(cell(c.tables, '表3', '行政编制', 2)).toBe(figureValue(basic, 'adminVacant'));
    expect(cell(c.tables, '表4', '合计', 0)).toBeGreaterThan(0);
    expect(c.checks.filter((x) => !x.ok)).toEqual([]);
    expect(c.passed).toBe(true);
    expect(c.checks.some((x) => x.kind === '表内')).toBe(true);
    expect(c.checks.some((x) => x.kind === '表间')).toBe(true);
  });

  it('catches a quota row altered directly in the database, and passes again once it is put back', async () => {
    const db = t.ctx.db.kysely;
    const ids = await unitIdsByCode(db, [REGION]);
    const row = await db
      .selectFrom('quotas')
      .select(['id', 'quota_type'])
      .where('unit_id', '=', ids.get(`${REGION}/B01`) ?? -1)
      .where('quota_type', '=', '事业编制')
      .executeTakeFirstOrThrow();
    await db.updateTable('quotas').set({ quota_type: '事业编' }).where('id', '=', row.id).execute();
    try {
      const c = await computeYearend(db, { regionCode: REGION, year: YEAR });
      expect(c.passed).toBe(false);
      const failed = c.checks.filter((x) => !x.ok).map((x) => x.name);
      expect(failed).toContain('表2 各类别之和等于合计（台账）');
      expect(failed).toContain('上报编制数等于台账和基本情况报告');
      const detail = c.checks.find((x) => x.name === '表2 各类别之和等于合计（台账）')?.failures ?? [];
      expect(detail.some((f) => f.startsWith('事业编制：'))).toBe(true);
    } finally {
      await db.updateTable('quotas').set({ quota_type: row.quota_type }).where('id', '=', row.id).execute();
    }
    expect((await computeYearend(db, { regionCode: REGION, year: YEAR })).passed).toBe(true);
  });

  it('catches a quota row moved onto a unit that does not exist at year end', async () => {
    const db = t.ctx.db.kysely;
    const ids = await unitIdsByCode(db, [REGION]);
    const inner = ids.get(`${REGION}/A03-1`) ?? -1; // 内设机构: holds no quota
    const row = await db
      .selectFrom('quotas')
      .select(['id', 'unit_id', 'approved'])
      .where('unit_id', '=', ids.get(`${REGION}/A03`) ?? -1)
      .executeTakeFirstOrThrow();
    await db.updateTable('quotas').set({ unit_id: inner }).where('id', '=', row.id).execute();
    try {
      const c = await computeYearend(db, { regionCode: REGION, year: YEAR });
      expect(c.passed).toBe(false);
      const check = c.checks.find((x) => x.name === '上报编制数等于台账和基本情况报告');
      expect(check?.ok).toBe(false);
      expect(check?.failures[0]).toContain(`相差 ${row.approved}`);
    } finally {
      await db.updateTable('quotas').set({ unit_id: row.unit_id }).where('id', '=', row.id).execute();
    }
  });

  it('refuses to submit a year that fails its checks, or one not over yet, or by a clerk', async () => {
    const db = t.ctx.db.kysely;
    await expect(submitYearend(t.ctx, { principal: clerk, regionCode: REGION, year: YEAR })).rejects.toThrow(
      /只有编办管理员/,
    );
    await expect(
      submitYearend(t.ctx, { principal: admin, regionCode: REGION, year: 2026, today: '2026-12-02' }),
    ).rejects.toThrow(/尚未结束/);
    const row = await db.selectFrom('quotas').select(['id', 'quota_type']).executeTakeFirstOrThrow();
    await db.updateTable('quotas').set({ quota_type: 'X' }).where('id', '=', row.id).execute();
    try {
      await expect(
        submitYearend(t.ctx, { principal: admin, regionCode: REGION, year: YEAR }),
      ).rejects.toThrow(/校验未通过/);
    } finally {
      await db.updateTable('quotas').set({ quota_type: row.quota_type }).where('id', '=', row.id).execute();
    }
    expect(await db.selectFrom('yearend_submissions').selectAll().execute()).toEqual([]);
  });

  it('locks a submitted year and lists a later back-dated change as differences', async () => {
    const db = t.ctx.db.kysely;
    const s = await submitYearend(t.ctx, { principal: admin, regionCode: REGION, year: YEAR });
    expect(s.hash).toMatch(/^[0-9a-f]{64}$/);
    const events = await db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'yearend.submit')
      .execute();
    expect(events).toHaveLength(1);
    await expect(submitYearend(t.ctx, { principal: admin, regionCode: REGION, year: YEAR })).rejects.toThrow(
      /已上报并锁定/,
    );
    let y = await getYearend(db, { principal: clerk, regionCode: REGION, year: YEAR });
    expect(y.submission?.hashValid).toBe(true);
    expect(y.differences).toEqual([]);
    const before = cell(y.tables, '表2', '纪检监察机关', 1) ?? 0;

    // A back-dated correction, recorded now, in force from mid-2025: 纪委 行政编制 20 → 25.
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, '编制.csv'),
      '行政区划代码,机构编码,编制类型,核定数,来源,生效日期\n640121,A01,行政编制,25,,2025-06-01\n',
    );
    expect(
      (await importWorkbook(t.ctx, { actor, paths: [dir], dryRun: false, allowedRegions: null })).ok,
    ).toBe(true);
    y = await getYearend(db, { principal: clerk, regionCode: REGION, year: YEAR });
    expect(y.passed).toBe(true);
    expect(y.differences).toContainEqual({
      key: '表2|纪检监察机关|行政编制',
      label: '表2 纪检监察机关 行政编制',
      submitted: before,
      now: before + 5,
    });
    expect(y.differences).toContainEqual(expect.objectContaining({ key: '表2|合计|合计' }));
    expect(y.differences.every((d) => d.submitted !== d.now)).toBe(true);

    // The stored figures changed behind the system's back: the hash no longer matches.
    await db
      .updateTable('yearend_submissions')
      .set({ figures: '[]' })
      .where('region_code', '=', REGION)
      .execute();
    y = await getYearend(db, { principal: clerk, regionCode: REGION, year: YEAR });
    expect(y.submission?.hashValid).toBe(false);
  });

  it('CLI: writes the .xlsx in the fixed layout when every check passes, exit 1 listing the failures otherwise', async () => {
    const b: Booted = { config: loadConfig({ DATABASE_URL: t.url }), ctx: t.ctx, close: async () => {} };
    const dir = tempDir();
    const file = path.join(dir, 'yearend.xlsx');
    const lines: string[] = [];
    const run = () =>
      reportYearendCommand(b, { region: REGION, year: String(YEAR), out: file }, (l) => lines.push(l));
    expect(await run()).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['表1', '表2', '表3', '表4', '校验']);
    const t2 = wb.getWorksheet('表2');
    expect(String(t2?.getCell(4, 1).value)).toBe('项目');
    expect(String(t2?.getCell(4, 2).value)).toBe('合计');
    expect(String(t2?.getCell(5, 1).value)).toBe('纪检监察机关');
    const c = await computeYearend(t.ctx.db.kysely, { regionCode: REGION, year: YEAR });
    expect(t2?.getCell(5, 3).value).toBe(cell(c.tables, '表2', '纪检监察机关', 1));
    expect(await reportYearendCommand(b, { region: REGION, year: '25', out: file }, () => undefined)).toBe(2);

    const db = t.ctx.db.kysely;
    const row = await db.selectFrom('quotas').select(['id', 'quota_type']).executeTakeFirstOrThrow();
    await db.updateTable('quotas').set({ quota_type: 'X' }).where('id', '=', row.id).execute();
    const failedFile = path.join(dir, 'failed.xlsx');
    lines.length = 0;
    try {
      expect(
        await reportYearendCommand(b, { region: REGION, year: String(YEAR), out: failedFile }, (l) =>
          lines.push(l),
        ),
      ).toBe(1);
    } finally {
      await db.updateTable('quotas').set({ quota_type: row.quota_type }).where('id', '=', row.id).execute();
    }
    expect(lines[0]).toContain('校验未通过');
    expect(lines.some((l) => l.includes('✗ [表内] 表2 行政、事业、聘用编制之和等于本行合计'))).toBe(true);
    expect(fs.existsSync(failedFile)).toBe(false);
  });

  it('over HTTP: the year with its lock and differences; export refused while a check fails; one submission', async () => {
    const app = await testApp(t);
    try {
      const cookie = await loginCookie(app, 'ye-admin', 'Year-End-2026');
      const get = (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
      const y = json<YearendResponse>(await get(`/api/yearend?region=${REGION}&year=${YEAR}`));
      expect(y.passed).toBe(true);
      expect(y.submission).not.toBeNull();
      expect(y.differences.length).toBeGreaterThan(0);
      const ok = await get(`/api/yearend/export?region=${REGION}&year=${YEAR}`);
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['content-type']).toContain('spreadsheetml');
      expect(ok.rawPayload.subarray(0, 2).toString()).toBe('PK');

      const db = t.ctx.db.kysely;
      const row = await db.selectFrom('quotas').select(['id', 'quota_type']).executeTakeFirstOrThrow();
      await db.updateTable('quotas').set({ quota_type: 'X' }).where('id', '=', row.id).execute();
      try {
        const refused = await get(`/api/yearend/export?region=${REGION}&year=${YEAR}`);
        expect(refused.statusCode).toBe(422);
        expect(refused.body).toContain('校验未通过');
      } finally {
        await db.updateTable('quotas').set({ quota_type: row.quota_type }).where('id', '=', row.id).execute();
      }
      const again = await app.inject({
        method: 'POST',
        url: '/api/yearend/submit',
        headers: { cookie },
        payload: { region: REGION, year: YEAR },
      });
      expect(again.statusCode).toBe(409);
    } finally {
      await app.close();
    }
  });
});
