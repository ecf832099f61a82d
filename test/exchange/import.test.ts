// Import and export of the exchange format on both databases: all or nothing, every error
// listed, idempotent, and a round trip that gives back identical data.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatRowError } from '../../src/common/exchange.ts';
import { exportWorkbook } from '../../src/domain/exchange/export-workbook.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { openSources } from '../../src/domain/exchange/sources.ts';
import { verifyAuditChain } from '../../src/audit/verify-chain.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, countyCopy, tableCounts, tempDir } from '../support/fixtures.ts';

const actor = { id: null, name: '测试' };

/** Every row of every table in an export, as text, for comparing two exports. */
async function readExport(target: string): Promise<Record<string, Record<string, unknown>[]>> {
  const { sources, errors } = await openSources([target]);
  expect(errors).toEqual([]);
  const out: Record<string, Record<string, unknown>[]> = {};
  for (const s of sources) {
    const rows: Record<string, unknown>[] = [];
    for await (const r of s.rows()) rows.push(r.cells);
    out[s.table] = rows;
  }
  return out;
}

describe.each(DIALECTS)('exchange import on %s', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dialect);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('rejects a set with bad rows, lists every error and writes nothing', async () => {
    const bad = countyCopy({
      '机构.csv': (s) =>
        s +
        '640121,A05,永宁县某某机关,,机关,正科,,,,,,是,,,1984-01-01,\n' +
        '640121,B05,永宁县某中心,Z99,事业单位,副科,部门所属,否,全额拨款,一般,其他,是,,,1999-01-01,\n',
      '人员.csv': (s) => s.replace('640121199003200030', '640121199003200031'),
      '编制.csv': (s) =>
        s.replace('640121,A02,行政编制,15,,2019-01-01', '640121,A02,行政编制,15,,2019-13-45'),
    });
    const before = await tableCounts(t.ctx.db.kysely);
    const result = await importWorkbook(t.ctx, { actor, paths: [bad], dryRun: false, allowedRegions: null });
    expect(result.ok).toBe(false);
    const lines = result.errors.map(formatRowError);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^机构 第11行 机构类别: .*机关.*不是有效的机构类别/),
        '机构 第12行 上级机构编码: 上级机构 Z99 不存在',
        expect.stringMatching(/^人员 第4行 身份证号: .*校验码错误/),
        expect.stringMatching(/^编制 第4行 生效日期: /),
      ]),
    );
    expect(result.errorCount).toBe(4);
    expect(await tableCounts(t.ctx.db.kysely)).toEqual(before);
  });

  it('imports a 身份证号 the standard allows but a person should check, with a warning, not an error', async () => {
    // GB 11643's own specimen, born 1880: valid (the standard), implausible for a roster (a warning).
    const old = countyCopy({ '人员.csv': (s) => s.replace('640121199003200030', '440524188001010014') });
    const result = await importWorkbook(t.ctx, { actor, paths: [old], dryRun: true, allowedRegions: null });
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.warningCount).toBe(1);
    expect(result.warnings.map(formatRowError)).toEqual([
      expect.stringMatching(/^人员 第\d+行 身份证号: 出生于 1880 年，年龄超过 120 岁，请核对$/),
    ]);
  });

  it('imports the corrected set, then changes nothing on a second import', async () => {
    const first = await importWorkbook(t.ctx, {
      actor,
      paths: [COUNTY_DIR],
      dryRun: false,
      allowedRegions: null,
    });
    expect(first.errors).toEqual([]);
    expect(first.ok).toBe(true);
    expect(first.counts['机构']).toEqual({ inserted: 9, updated: 0, unchanged: 0 });
    expect(first.counts['编制']).toEqual({ inserted: 11, updated: 0, unchanged: 0 });
    expect(first.counts['人员']).toEqual({ inserted: 8, updated: 0, unchanged: 0 });
    const after = await tableCounts(t.ctx.db.kysely);
    expect(after.units).toBe(9);
    expect(after.people).toBe(8);

    const second = await importWorkbook(t.ctx, {
      actor,
      paths: [COUNTY_DIR],
      dryRun: false,
      allowedRegions: null,
    });
    expect(second.ok).toBe(true);
    expect(second.counts['机构']).toEqual({ inserted: 0, updated: 0, unchanged: 9 });
    expect(second.counts['人员']).toEqual({ inserted: 0, updated: 0, unchanged: 8 });
    const again = await tableCounts(t.ctx.db.kysely);
    // Only the import's own audit event is new.
    expect({ ...again, audit_events: 0 }).toEqual({ ...after, audit_events: 0 });
    expect(again.audit_events).toBe((after.audit_events ?? 0) + 1);
  });

  it('stores 身份证号 only encrypted, hashed and masked', async () => {
    const rows = await t.ctx.db.kysely.selectFrom('people').selectAll().execute();
    for (const r of rows) {
      expect(JSON.stringify(r)).not.toMatch(/64012119\d{9}[\dX]/);
      expect(r.id_masked).toMatch(/^6401\*{10}\d{3}[\dX]$/);
    }
    const audit = await t.ctx.db.kysely.selectFrom('audit_events').select('payload').execute();
    for (const a of audit) expect(a.payload).not.toMatch(/64012119\d{9}[\dX]/);
  });

  it('records a correction as a new row and keeps the old one', async () => {
    const changed = countyCopy({
      '编制.csv': (s) => s.replace('640121,A02,行政编制,15,', '640121,A02,行政编制,16,'),
      '人员.csv': (s) =>
        s.replace(
          '王强,640121,B01,事业编制,在编,招聘,,2012-09-01',
          '王强,640121,B02,事业编制,在编,招聘,,2012-09-01',
        ),
    });
    const r = await importWorkbook(t.ctx, { actor, paths: [changed], dryRun: false, allowedRegions: null });
    expect(r.ok).toBe(true);
    expect(r.counts['编制']?.updated).toBe(1);
    expect(r.counts['人员']?.updated).toBe(1);
    const quotas = await t.ctx.db.kysely
      .selectFrom('quotas')
      .selectAll()
      .where('approved', 'in', [15, 16])
      .execute();
    // [approved, still in force]: the corrected 15 is kept but retracted, the 16 replaces it.
    expect(quotas.map((q) => [q.approved, q.retracted_at === null]).sort()).toEqual([
      [15, false],
      [16, true],
    ]);
    // Restore the original state for the tests below.
    const back = await importWorkbook(t.ctx, {
      actor,
      paths: [COUNTY_DIR],
      dryRun: false,
      allowedRegions: null,
    });
    expect(back.counts['编制']?.updated).toBe(1);
  });

  it('checks without writing on a dry run', async () => {
    const changed = countyCopy({
      '编制.csv': (s) => s.replace('640121,A03,行政编制,12,', '640121,A03,行政编制,13,'),
    });
    const before = await tableCounts(t.ctx.db.kysely);
    const r = await importWorkbook(t.ctx, { actor, paths: [changed], dryRun: true, allowedRegions: null });
    expect(r.ok).toBe(true);
    expect(r.dryRun).toBe(true);
    expect(r.counts['编制']?.updated).toBe(1);
    expect(await tableCounts(t.ctx.db.kysely)).toEqual(before);
  });

  it('refuses rows of a county the importer may not write', async () => {
    const r = await importWorkbook(t.ctx, {
      actor,
      paths: [COUNTY_DIR],
      dryRun: false,
      allowedRegions: ['640122'],
    });
    expect(r.ok).toBe(false);
    expect(r.errors[0]?.reason).toContain('无权导入行政区划 640121');
  });

  it('round-trips: export → import into an empty database → export gives identical data', async () => {
    for (const ext of ['xlsx', 'csv'] as const) {
      const dir = tempDir();
      const first = ext === 'xlsx' ? path.join(dir, 'a.xlsx') : path.join(dir, 'a');
      await exportWorkbook(t.ctx, { actor, regionCode: '640121', out: first });
      const fresh = await openTestDb(dialect);
      try {
        const r = await importWorkbook(fresh.ctx, {
          actor,
          paths: [first],
          dryRun: false,
          allowedRegions: null,
        });
        expect(r.errors).toEqual([]);
        const second = ext === 'xlsx' ? path.join(dir, 'b.xlsx') : path.join(dir, 'b');
        await exportWorkbook(fresh.ctx, { actor, regionCode: '640121', out: second });
        const a = await readExport(first);
        const b = await readExport(second);
        expect(b).toEqual(a);
        expect(a['人员']).toHaveLength(8);
        expect(a['编制']).toHaveLength(11);
      } finally {
        await fresh.destroy();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('keeps an intact audit chain', async () => {
    const v = await verifyAuditChain(t.ctx.db.kysely, t.ctx.auditKeys);
    expect(v).toMatchObject({ ok: true });
  });
});
