// The staffing standards on both databases, over test/fixtures/county plus
// test/fixtures/standards (a kindergarten C01, an empty school C02, a farm health centre C03,
// service populations). Every expected number is computed by hand below.
//
// 2023 (核定 and 实有 on 2023-12-31; 2014 unified ratios, 四舍五入):
//   B01 1800÷12.5 + 900÷13.5 = 144 + 66.67 = 210.67 → 211; 核定 110 + 5 (周转池) = 115; 实有 2
//       (王强; 刘洋 leaves 2024-03-31); 缺配 96
//   B02 600÷12.5 = 48; 核定 40; 缺配 8
//   C02 no students → 0; 核定 3; 超配 3
//   中小学 Σ 259 − Σ 158 → 缺配 101 (the units' own gaps add to 104: C02's 3 cover part)
//   C01 200÷7 = 28.57 → 29; 核定 3
//   B03 no 2023 service population: 2022's 38 600 × 1‰ = 38.6 → 39; 核定 25; 实有 1 (赵敏); 缺配 14
//   C03 9 400 × 1‰ = 9.4 → 9; 核定 12; 超配 3
//   基层卫生院 Σ 48 − Σ 37 → 缺配 11
// 2022 (on 2022-12-31): no student numbers up to 2022 → every school 0; B01 核定 100 (the
//   2023-09-01 rows are not yet in force); 中小学 Σ 0 − 143 → 缺配 0; B03 39, C03 no population up
//   to 2022 → 0; Σ 39 − 37 → 缺配 2.
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandardsResult } from '../../src/common/standards.ts';
import type { Database } from '../../src/db/database.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { computeStandards, defaultStandardsYear } from '../../src/domain/standards/compute-standards.ts';
import { saveStandard } from '../../src/domain/standards/save-standard.ts';
import { verifyAuditChain } from '../../src/audit/verify-chain.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR } from '../support/fixtures.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REGION = '640121';
const TODAY = '2026-01-15';
const STANDARDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/standards');
const TABLES = [
  'units',
  'unit_versions',
  'quotas',
  'placements',
  'region_population',
  'student_counts',
  'standards',
  'audit_events',
] as const;

async function counts(db: Kysely<Database>): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    out[t] = Number(r.rows[0]?.n ?? 0);
  }
  return out;
}

function kind(r: StandardsResult, key: 'school' | 'kindergarten' | 'healthCentre') {
  const k = r.kinds.find((x) => x.key === key);
  if (!k) throw new Error(`no kind ${key}`);
  return k;
}

/** code → [requirement, 核定, 实有, 缺配, 超配] */
function table(r: StandardsResult, key: 'school' | 'kindergarten' | 'healthCentre') {
  return Object.fromEntries(
    kind(r, key).rows.map((u) => [u.code, [u.requirement, u.approved, u.actual, u.shortfall, u.surplus]]),
  );
}

describe.each(DIALECTS)('staffing standards on %s', (dialect) => {
  let t: TestDb;
  const principals: Record<'clerk' | 'leader' | 'helan', Principal> = {} as never;
  const compute = (year: number, overrides?: Parameters<typeof computeStandards>[1]['overrides']) =>
    computeStandards(t.ctx.db.kysely, {
      regionCode: REGION,
      year,
      today: TODAY,
      ...(overrides ? { overrides } : {}),
    });

  beforeAll(async () => {
    t = await openTestDb(dialect);
    const actor = { id: null, name: '测试' };
    for (const dir of [COUNTY_DIR, STANDARDS_DIR]) {
      const r = await importWorkbook(t.ctx, { actor, paths: [dir], dryRun: false, allowedRegions: null });
      expect(r.errors).toEqual([]);
      expect(r.ok).toBe(true);
    }
    await ensureRegion(t.ctx, { code: '640122', actor });
    for (const [username, role, regionCode] of [
      ['clerk', 'clerk', REGION],
      ['leader', 'leader', REGION],
      ['helan', 'clerk', '640122'],
    ] as const) {
      const { id } = await createUser(t.ctx, {
        actor,
        username,
        displayName: username,
        role,
        regionCode,
        unitId: null,
        password: 'Standard-Pass-2026',
      });
      principals[username] = {
        userId: id,
        username,
        displayName: username,
        role,
        regionCode,
        unitId: null,
        mustChangePassword: false,
      };
    }
  });

  afterAll(async () => {
    await t?.destroy();
  });

  it('measures 2023 against the shipped national standards', async () => {
    const r = await compute(2023);
    expect(r.asOf).toBe('2023-12-31');
    expect(r.whatIf).toBe(false);
    expect(table(r, 'school')).toEqual({
      B01: [211, 115, 2, 96, 0],
      B02: [48, 40, 0, 8, 0],
      C02: [0, 3, 0, 0, 3],
    });
    expect(kind(r, 'school').totals).toEqual({
      units: 3,
      requirement: 259,
      approved: 158,
      actual: 2,
      unitShortfall: 104,
      unitSurplus: 3,
      shortfall: 101,
      surplus: 0,
    });
    expect(table(r, 'kindergarten')).toEqual({ C01: [29, 3, 0, 26, 0] });
    expect(table(r, 'healthCentre')).toEqual({ B03: [39, 25, 1, 14, 0], C03: [9, 12, 0, 0, 3] });
    expect(kind(r, 'healthCentre').totals).toMatchObject({ requirement: 48, approved: 37, shortfall: 11 });
    expect(r.text).toEqual([
      '按照2023年12月底学生数和中小学教职工编制标准计算，中小学教职工编制还缺配101名，基层卫生院编制缺11名。',
      '按照2023年12月底在园幼儿数和幼儿园教职工配备标准计算，全县幼儿园按标准应配教职工29名，核定编制3名。',
    ]);
  });

  it('shows the rows behind each number', async () => {
    const r = await compute(2023);
    const b01 = kind(r, 'school').rows.find((u) => u.code === 'B01');
    expect(b01).toMatchObject({
      name: '永宁县第一中学',
      approvedPool: 5,
      formula: '1800÷12.5 + 900÷13.5 = 210.67，四舍五入 211',
      inputs: { year: 2023, senior: 1800, junior: 900, primary: null, overridden: false },
    });
    expect(b01?.inputs.sourceRowId).toEqual(expect.any(Number));
    expect(kind(r, 'school').applied).toMatchObject({
      origin: 'default',
      id: null,
      standard: { version: 0, sourceDocument: expect.stringContaining('中央编办发〔2014〕72号') },
    });
    const b03 = kind(r, 'healthCentre').rows.find((u) => u.code === 'B03');
    expect(b03?.inputs).toMatchObject({ year: 2022, servicePopulation: 38_600 });
    expect(b03?.formula).toBe('38600×1‰ = 38.6，四舍五入 39');
    expect(r.notes).toContain('望洪镇卫生院（B03）无2023年服务人口，取2022年数');
    // B04 (一般) and the organs are measured by no standard.
    expect(r.kinds.flatMap((k) => k.rows.map((u) => u.code)).sort()).toEqual([
      'B01',
      'B02',
      'B03',
      'C01',
      'C02',
      'C03',
    ]);
  });

  it('measures a past year with the quotas and inputs of that year', async () => {
    const r = await compute(2022);
    expect(r.asOf).toBe('2022-12-31');
    expect(table(r, 'school')).toEqual({
      B01: [0, 100, 2, 0, 100],
      B02: [0, 40, 0, 0, 40],
      C02: [0, 3, 0, 0, 3],
    });
    expect(kind(r, 'school').totals).toMatchObject({
      requirement: 0,
      approved: 143,
      shortfall: 0,
      surplus: 143,
    });
    expect(table(r, 'healthCentre')).toEqual({ B03: [39, 25, 1, 14, 0], C03: [0, 12, 0, 0, 12] });
    expect(r.text[0]).toBe(
      '按照2022年12月底学生数和中小学教职工编制标准计算，中小学教职工编制还缺配0名，基层卫生院编制缺2名。',
    );
    expect(r.notes).toContain('永宁县第一中学（B01）无2022年及以前的学生数，应配按 0 计算');
    // Today's figures for the current year; no year after it.
    expect((await compute(2026)).asOf).toBe(TODAY);
    await expect(compute(2027)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(
      computeStandards(t.ctx.db.kysely, { regionCode: '640100', year: 2023, today: TODAY }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await defaultStandardsYear(t.ctx.db.kysely, REGION, TODAY)).toBe(2023);
  });

  it('answers a what-if and changes nothing', async () => {
    const before = await counts(t.ctx.db.kysely);
    const r = await compute(2023, {
      standards: { school: { ratios: { senior: 11 } } },
      students: { B02: { senior: 700 }, ZZZ: { primary: 10 } },
      population: { C03: 15_000 },
    });
    // B01 1800÷11 + 900÷13.5 = 163.64 + 66.67 = 230.30 → 230; B02 700÷11 = 63.64 → 64; C02 0:
    // Σ 294 − 158 = 136. C03 15 000 × 1‰ = 15: Σ 39 + 15 = 54 − 37 = 17.
    expect(r.whatIf).toBe(true);
    expect(table(r, 'school')).toEqual({
      B01: [230, 115, 2, 115, 0],
      B02: [64, 40, 0, 24, 0],
      C02: [0, 3, 0, 0, 3],
    });
    expect(kind(r, 'school').applied).toMatchObject({
      overridden: true,
      standard: { rule: { ratios: { senior: 11, junior: 13.5, primary: 19 } } },
    });
    expect(kind(r, 'school').rows.find((u) => u.code === 'B02')?.inputs).toMatchObject({
      senior: 700,
      overridden: true,
    });
    expect(table(r, 'healthCentre')).toEqual({ B03: [39, 25, 1, 14, 0], C03: [15, 12, 0, 3, 0] });
    expect(r.text[0]).toBe(
      '按照2023年12月底学生数和中小学教职工编制标准计算，中小学教职工编制还缺配136名，基层卫生院编制缺17名。',
    );
    expect(r.notes.some((n) => n.includes('ZZZ'))).toBe(true);
    expect(await counts(t.ctx.db.kysely)).toEqual(before);
    // And the saved result is as it was.
    expect((await compute(2023)).text[0]).toContain('还缺配101名');
  });

  it('saves a new version that changes the result, with an audit event', async () => {
    const before = await counts(t.ctx.db.kysely);
    const input = {
      key: 'school',
      name: '永宁县中小学教职工编制标准（寄宿制调整）',
      sourceDocument: '永编发〔2023〕12号',
      validFrom: '2023-01-01',
      validTo: null,
      rounding: 'ceil',
      rule: { ratios: { senior: 12, junior: 13, primary: 18 } },
    };
    await expect(
      saveStandard(t.ctx, { principal: principals.leader, regionCode: REGION, standard: input }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      saveStandard(t.ctx, { principal: principals.helan, regionCode: REGION, standard: input }),
    ).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(
      saveStandard(t.ctx, {
        principal: principals.clerk,
        regionCode: REGION,
        standard: { ...input, rule: { ratios: { senior: 0, junior: 13, primary: 18 } } },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await counts(t.ctx.db.kysely)).toEqual(before);

    const saved = await saveStandard(t.ctx, {
      principal: principals.clerk,
      regionCode: REGION,
      standard: input,
    });
    expect(saved).toMatchObject({ version: 1, key: 'school', recordedBy: principals.clerk.userId });
    // B01 1800÷12 + 900÷13 = 150 + 69.23 = 219.23 → ceil 220; B02 600÷12 = 50; C02 0:
    // Σ 270 − 158 = 112.
    const r = await compute(2023);
    expect(table(r, 'school')).toEqual({
      B01: [220, 115, 2, 105, 0],
      B02: [50, 40, 0, 10, 0],
      C02: [0, 3, 0, 0, 3],
    });
    expect(kind(r, 'school').applied).toMatchObject({
      origin: 'region',
      id: saved.id,
      standard: { version: 1 },
    });
    expect(r.text[0]).toContain('还缺配112名');
    // 2022 still follows the national standard: the new version starts on 2023-01-01.
    expect(kind(await compute(2022), 'school').applied?.origin).toBe('default');

    // A second version: nothing overwritten, the audit event carries the previous one.
    const v2 = await saveStandard(t.ctx, {
      principal: principals.clerk,
      regionCode: REGION,
      standard: { ...input, rounding: 'floor' },
    });
    expect(v2.version).toBe(2);
    // floor: 219 + 50 + 0 = 269 − 158 = 111
    expect((await compute(2023)).text[0]).toContain('还缺配111名');

    const after = await counts(t.ctx.db.kysely);
    expect(after).toEqual({
      ...before,
      standards: (before.standards ?? 0) + 2,
      audit_events: (before.audit_events ?? 0) + 2,
    });
    const events = await t.ctx.db.kysely
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'standard.save')
      .orderBy('id')
      .execute();
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({
      entity_type: 'standard',
      entity_id: String(saved.id),
      region_code: REGION,
    });
    expect(JSON.parse(events[0]?.payload ?? '{}')).toMatchObject({
      before: null,
      after: { version: 1, rounding: 'ceil' },
    });
    expect(JSON.parse(events[1]?.payload ?? '{}')).toMatchObject({
      before: { version: 1, rounding: 'ceil' },
      after: { version: 2, rounding: 'floor' },
    });
    expect((await verifyAuditChain(t.ctx.db.kysely, t.ctx.auditKeys)).ok).toBe(true);
  });
});
