// The small sheets (机构 with 牌子, 编制, 领导职数, 人口, 学生数) are written in bulk in the import's
// final transaction: the same rows as row by row, and one audit event per batch of 1,000 rows
// and county that lists each row with its id and before/after snapshot (docs/import.md).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify-chain.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, countyCopy } from '../support/fixtures.ts';

const actor = { id: null, name: '测试' };

interface BatchEvent {
  action: string;
  entityId: string | null;
  regionCode: string | null;
  summary: string;
  payload: {
    before: null;
    after: {
      created: number;
      corrected: number;
      rows: { id: number; before: Record<string, unknown> | null; after: Record<string, unknown> }[];
    };
  };
}

const BATCH_ACTIONS = [
  'unit.import',
  'plaque.import',
  'quota.import',
  'post.import',
  'population.import',
  'students.import',
];
const PER_ROW_ACTIONS = [
  'unit.create',
  'unit.correct',
  'plaque.set',
  'quota.set',
  'post.set',
  'population.set',
  'students.set',
];

describe.each(DIALECTS)('small sheets in bulk on %s', (dialect) => {
  let t: TestDb;
  let seen = 0;
  beforeAll(async () => {
    t = await openTestDb(dialect);
  });
  afterAll(async () => {
    await t?.destroy();
  });

  /** The audit events recorded since the last call, by action. */
  async function newEvents(): Promise<Map<string, BatchEvent[]>> {
    const rows = await t.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['id', 'action', 'entity_id', 'region_code', 'summary', 'payload'])
      .where('id', '>', seen)
      .orderBy('id')
      .execute();
    const out = new Map<string, BatchEvent[]>();
    for (const r of rows) {
      seen = Math.max(seen, r.id);
      const e: BatchEvent = {
        action: r.action,
        entityId: r.entity_id,
        regionCode: r.region_code,
        summary: r.summary,
        payload: JSON.parse(r.payload) as BatchEvent['payload'],
      };
      out.set(r.action, [...(out.get(r.action) ?? []), e]);
    }
    return out;
  }

  function rowsOf(events: Map<string, BatchEvent[]>, action: string): BatchEvent['payload']['after']['rows'] {
    return (events.get(action) ?? []).flatMap((e) => e.payload.after.rows);
  }

  it('writes the fixture county’s rows and lists each of them once in its batch event', async () => {
    const result = await importWorkbook(t.ctx, {
      actor,
      paths: [COUNTY_DIR],
      dryRun: false,
      allowedRegions: null,
    });
    expect(result.ok).toBe(true);
    const db = t.ctx.db.kysely;
    const events = await newEvents();
    for (const a of PER_ROW_ACTIONS) expect(events.get(a)).toBeUndefined();
    // One county, fewer than 1,000 rows per sheet: one event per sheet.
    for (const a of BATCH_ACTIONS) expect(events.get(a)?.length).toBe(1);

    const units = await db
      .selectFrom('units as u')
      .innerJoin('unit_versions as v', 'v.unit_id', 'u.id')
      .select(['u.id', 'u.code', 'v.name', 'v.parent_unit_id', 'v.valid_from', 'v.change_kind'])
      .where('v.retracted_at', 'is', null)
      .execute();
    expect(units).toHaveLength(9);
    const unitRows = rowsOf(events, 'unit.import');
    expect(unitRows).toHaveLength(9);
    const byId = new Map(units.map((u) => [u.id, u]));
    for (const r of unitRows) {
      const u = byId.get(r.id);
      expect(r.before).toBeNull();
      expect(r.after).toMatchObject({
        code: u?.code,
        name: u?.name,
        parentUnitId: u?.parent_unit_id ?? null,
      });
      expect(u?.change_kind).toBe('导入');
    }
    const b01 = units.find((u) => u.code === 'B01');
    expect(b01?.valid_from).toBe('1956-09-01');
    expect(units.find((u) => u.code === 'A03-1')?.parent_unit_id).toBe(
      units.find((u) => u.code === 'A03')?.id,
    );
    expect(events.get('unit.import')?.[0]?.summary).toBe('导入机构：新增 9 条，更正 0 条');

    const plaques = await db.selectFrom('plaques').select(['unit_id', 'name']).execute();
    expect(plaques.map((p) => p.name).sort()).toEqual(['永宁县监察委员会', '永宁开放大学永宁学院'].sort());
    expect(rowsOf(events, 'plaque.import').map((r) => r.after.plaques)).toEqual(
      expect.arrayContaining([['永宁县监察委员会'], ['永宁开放大学永宁学院']]),
    );

    const quotas = await db.selectFrom('quotas').select(['id', 'unit_id', 'approved', 'source']).execute();
    expect(quotas).toHaveLength(11);
    const quotaRows = rowsOf(events, 'quota.import');
    expect(quotaRows.map((r) => r.id).sort((a, b) => a - b)).toEqual(
      quotas.map((q) => q.id).sort((a, b) => a - b),
    );
    for (const r of quotaRows) {
      const q = quotas.find((x) => x.id === r.id);
      expect(r.after).toMatchObject({ approved: q?.approved, source: q?.source });
      expect(Object.keys(r.after).sort()).toEqual(
        ['approved', 'effectiveFrom', 'quotaType', 'source', 'unitCode'].sort(),
      );
    }
    const posts = await db.selectFrom('leadership_posts').select(['id']).execute();
    expect(
      rowsOf(events, 'post.import')
        .map((r) => r.id)
        .sort((a, b) => a - b),
    ).toEqual(posts.map((p) => p.id).sort((a, b) => a - b));
    const population = await db.selectFrom('region_population').select(['id', 'population']).execute();
    expect(population).toHaveLength(3);
    expect(
      rowsOf(events, 'population.import')
        .map((r) => r.id)
        .sort((a, b) => a - b),
    ).toEqual(population.map((p) => p.id).sort((a, b) => a - b));
    const students = await db.selectFrom('student_counts').select(['unit_id', 'senior']).execute();
    expect(students).toHaveLength(2);
    expect(rowsOf(events, 'students.import').map((r) => r.after)).toEqual(
      expect.arrayContaining([
        { unitId: b01?.id, year: 2023, senior: 1800, junior: 900, primary: null, preschool: null },
      ]),
    );
    expect(await verifyAuditChain(db, t.ctx.auditKeys)).toMatchObject({ ok: true });
  });

  it('corrects in bulk: the old rows retracted, before and after in the batch event', async () => {
    const edited = countyCopy({
      '机构.csv': (s) => s.replace('永宁县教育局', '永宁县教育和体育局'),
      '编制.csv': (s) =>
        s.replace('640121,A02,行政编制,15,,2019-01-01', '640121,A02,行政编制,16,,2019-01-01'),
      '领导职数.csv': (s) => s.replace('640121,A02,副科,3,', '640121,A02,副科,2,'),
      '人口.csv': (s) => s.replace('2023,322000', '2023,323000'),
      '学生数.csv': (s) => s.replace('640121,B02,2023,600,', '640121,B02,2023,650,'),
    });
    const result = await importWorkbook(t.ctx, {
      actor,
      paths: [edited],
      dryRun: false,
      allowedRegions: null,
    });
    expect(result.ok).toBe(true);
    const events = await newEvents();
    const db = t.ctx.db.kysely;
    for (const a of ['unit.import', 'quota.import', 'post.import', 'population.import', 'students.import']) {
      const list = events.get(a) ?? [];
      expect(list).toHaveLength(1);
      expect(list[0]?.payload.after).toMatchObject({ created: 0, corrected: 1 });
    }
    expect(events.get('plaque.import')).toBeUndefined();
    const [unit] = rowsOf(events, 'unit.import');
    expect(unit?.before).toMatchObject({ code: 'A03', name: '永宁县教育局' });
    expect(unit?.after).toMatchObject({ code: 'A03', name: '永宁县教育和体育局' });
    const versions = await db
      .selectFrom('unit_versions')
      .select(['name', 'retracted_at', 'change_kind'])
      .where('unit_id', '=', unit?.id ?? 0)
      .orderBy('id')
      .execute();
    expect(versions.map((v) => [v.name, v.retracted_at !== null, v.change_kind])).toEqual([
      ['永宁县教育局', true, '导入'],
      ['永宁县教育和体育局', false, '更正'],
    ]);
    const [quota] = rowsOf(events, 'quota.import');
    expect(quota?.before).toMatchObject({ unitCode: 'A02', approved: 15 });
    expect(quota?.after).toMatchObject({ unitCode: 'A02', approved: 16 });
    const a02 = await db
      .selectFrom('quotas')
      .select(['id', 'approved', 'retracted_at'])
      .where('quota_type', '=', '行政编制')
      .where('approved', 'in', [15, 16])
      .orderBy('id')
      .execute();
    expect(a02.map((q) => [q.approved, q.retracted_at !== null])).toEqual([
      [15, true],
      [16, false],
    ]);
    expect(a02[1]?.id).toBe(quota?.id);
    expect(rowsOf(events, 'post.import')[0]).toMatchObject({
      before: { approved: 3 },
      after: { approved: 2 },
    });
    expect(rowsOf(events, 'population.import')[0]).toMatchObject({
      before: { population: 322000 },
      after: { population: 323000 },
    });
    expect(rowsOf(events, 'students.import')[0]).toMatchObject({
      before: { senior: 600 },
      after: { senior: 650 },
    });
    const live = await db
      .selectFrom('region_population')
      .select('population')
      .where('year', '=', 2023)
      .where('unit_id', 'is', null)
      .where('retracted_at', 'is', null)
      .execute();
    expect(live.map((p) => p.population)).toEqual([323000]);
    expect(await verifyAuditChain(db, t.ctx.auditKeys)).toMatchObject({ ok: true });
  });

  it('splits more than 1,000 rows of a sheet into batches of 1,000, each one event', async () => {
    const n = 1100;
    const codes = Array.from({ length: n }, (_, i) => `X${String(i).padStart(4, '0')}`);
    const edited = countyCopy({
      '机构.csv': (s) =>
        s +
        codes
          .map(
            (c) =>
              `640121,${c},测试中心${c},A02,事业单位,副科,部门所属,否,全额拨款,一般,其他,是,,,1999-01-01,\n`,
          )
          .join(''),
      '编制.csv': (s) => s + codes.map((c) => `640121,${c},事业编制,5,,2020-01-01\n`).join(''),
    });
    const result = await importWorkbook(t.ctx, {
      actor,
      paths: [edited],
      dryRun: false,
      allowedRegions: null,
    });
    expect(result.ok).toBe(true);
    const events = await newEvents();
    // 1,100 new units, and A03 corrected back to the fixture's name: 1,101 rows.
    expect(events.get('unit.import')?.map((e) => e.payload.after.rows.length)).toEqual([1000, 101]);
    expect(events.get('unit.import')?.reduce((n, e) => n + e.payload.after.created, 0)).toBe(n);
    // The fixture's rows come first, A02's 编制 corrected back among them.
    expect(events.get('quota.import')?.map((e) => e.payload.after.rows.length)).toEqual([1000, 101]);
    expect(events.get('quota.import')?.map((e) => e.payload.after.corrected)).toEqual([1, 0]);
    const quotaIds = rowsOf(events, 'quota.import')
      .filter((r) => r.before === null)
      .map((r) => r.id);
    expect(new Set(quotaIds).size).toBe(n);
    const db = t.ctx.db.kysely;
    const made = await db
      .selectFrom('quotas as q')
      .innerJoin('units as u', 'u.id', 'q.unit_id')
      .select(['q.id', 'u.code'])
      .where('u.code', 'like', 'X%')
      .execute();
    expect(made).toHaveLength(n);
    expect(new Set(made.map((q) => q.id))).toEqual(new Set(quotaIds));
    // Every quota event row names the unit its id belongs to.
    const codeOf = new Map(made.map((q) => [q.id, q.code]));
    for (const r of rowsOf(events, 'quota.import').filter((x) => x.before === null))
      expect(r.after.unitCode).toBe(codeOf.get(r.id));
    expect(await verifyAuditChain(db, t.ctx.auditKeys)).toMatchObject({ ok: true });
  });
});
