// 及时性 and the standards' input forms on both databases: a matter decided long ago and not
// implemented is overdue by the right number of working days; a change of the county's
// setting takes effect; an implementation recorded late is listed; and the forms of 学生数
// and 人口 correct a figure by retracting the old row, for the own county only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../src/common/matters.ts';
import { verifyAuditChain } from '../../src/audit/verify-chain.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { populationHistory, studentHistory } from '../../src/db/repositories/inputs.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { assessMatter } from '../../src/domain/matters/assess-matter.ts';
import { decideMatter } from '../../src/domain/matters/decide-matter.ts';
import { implementMatter } from '../../src/domain/matters/implement-matter.ts';
import { getMatter } from '../../src/domain/matters/list-matters.ts';
import { proposeMatter } from '../../src/domain/matters/propose-matter.ts';
import {
  populationInputs,
  setPopulation,
  setStudentCounts,
  studentInputs,
} from '../../src/domain/standards/set-inputs.ts';
import { timelinessReport } from '../../src/domain/timeliness/overdue.ts';
import { loadTimelinessSettings, setTimelinessSettings } from '../../src/domain/timeliness/settings.ts';
import { addWorkingDays, calendarOf, workingDaysBetween } from '../../src/domain/timeliness/working-days.ts';
import { todayInChina } from '../../src/context.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR } from '../support/fixtures.ts';

const REGION = '640121';
const OTHER = '640122';

describe.each(DIALECTS)('timeliness and inputs on %s', (dialect) => {
  let t: TestDb;
  let unit: (code: string) => number;
  const principals: Record<'clerk' | 'admin' | 'other' | 'leader', Principal> = {} as never;
  let seq = 1;

  beforeAll(async () => {
    t = await openTestDb(dialect);
    const actor = { id: null, name: '测试' };
    expect(
      (await importWorkbook(t.ctx, { actor, paths: [COUNTY_DIR], dryRun: false, allowedRegions: null })).ok,
    ).toBe(true);
    const ids = await unitIdsByCode(t.ctx.db.kysely, [REGION]);
    unit = (code) => ids.get(`${REGION}/${code}`) ?? -1;
    for (const [username, role, regionCode] of [
      ['clerk', 'clerk', REGION],
      ['admin', 'admin', REGION],
      ['leader', 'leader', REGION],
    ] as const) {
      const { id } = await createUser(t.ctx, {
        actor,
        username,
        displayName: username,
        role,
        regionCode,
        unitId: null,
        password: 'Timely-Pass-2026',
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
    // An administrator of the neighbouring county (never stored: refused before any write).
    principals.other = { ...principals.admin, username: 'other', regionCode: OTHER };
  });
  afterAll(async () => {
    await t?.destroy();
  });

  async function decided(decidedOn: string, changes: Change[]): Promise<number> {
    const id = await proposeMatter(t.ctx, {
      principal: principals.clerk,
      regionCode: REGION,
      title: `及时性事项 ${seq}`,
      reasons: '工作需要',
      changes,
    });
    await assessMatter(t.ctx, {
      principal: principals.clerk,
      matterId: id,
      comment: '同意',
      exceptionReason: null,
    });
    await decideMatter(t.ctx, {
      principal: principals.admin,
      matterId: id,
      decisionBody: '县委编委会',
      docNo: `永编发〔2026〕${100 + seq++}号`,
      decidedOn,
      comment: '',
    });
    return id;
  }

  it('lists a decided matter not implemented in time, by working days, and follows the setting', async () => {
    expect(await loadTimelinessSettings(t.ctx.db.kysely, REGION)).toMatchObject({
      workingDays: 5,
      holidays: [],
    });
    // Decided on Monday 2 March 2026; 5 working days later is Monday 9 March.
    const id = await decided('2026-03-02', [
      { kind: 'quotaAdd', unitId: unit('B02'), quotaType: '事业编制', amount: 1 },
    ]);
    const on = (today: string) => timelinessReport(t.ctx.db.kysely, { regionCode: REGION, today });
    let report = await on('2026-03-13');
    const overdue = report.overdue.find((o) => o.matterId === id);
    expect(overdue).toMatchObject({ decidedOn: '2026-03-02', deadline: '2026-03-09', daysLate: 4 });
    expect((await on('2026-03-09')).overdue.some((o) => o.matterId === id)).toBe(false);

    // 10 working days (烟台): not yet overdue on the 13th; a holiday pushes the deadline a day.
    await expect(
      setTimelinessSettings(t.ctx, {
        principal: principals.clerk,
        regionCode: REGION,
        workingDays: 10,
        holidays: [],
        extraWorkdays: [],
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      setTimelinessSettings(t.ctx, {
        principal: principals.other,
        regionCode: REGION,
        workingDays: 10,
        holidays: [],
        extraWorkdays: [],
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await setTimelinessSettings(t.ctx, {
      principal: principals.admin,
      regionCode: REGION,
      workingDays: 10,
      holidays: ['2026-03-10'],
      extraWorkdays: [],
    });
    report = await on('2026-03-13');
    expect(report.workingDays).toBe(10);
    expect(report.holidays).toEqual(['2026-03-10']);
    expect(report.overdue.some((o) => o.matterId === id)).toBe(false);
    expect((await on('2026-03-20')).overdue.find((o) => o.matterId === id)).toMatchObject({
      deadline: '2026-03-17',
      daysLate: 3,
    });
    await expect(
      setTimelinessSettings(t.ctx, {
        principal: principals.admin,
        regionCode: REGION,
        workingDays: 0,
        holidays: [],
        extraWorkdays: [],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    await setTimelinessSettings(t.ctx, {
      principal: principals.admin,
      regionCode: REGION,
      workingDays: 5,
      holidays: [],
      extraWorkdays: [],
    });

    // Implemented now: no longer overdue, but listed as recorded late.
    await implementMatter(t.ctx, {
      principal: principals.clerk,
      matterId: id,
      effectiveOn: '2026-03-05',
      comment: '',
    });
    const detail = await getMatter(t.ctx, { principal: principals.admin, matterId: id });
    const step = detail.steps.find((s) => s.action === 'implement');
    const recordedOn = todayInChina(new Date(step?.at ?? ''));
    report = await timelinessReport(t.ctx.db.kysely, { regionCode: REGION });
    expect(report.overdue.some((o) => o.matterId === id)).toBe(false);
    const cal = calendarOf([], []);
    expect(report.late.find((o) => o.matterId === id)).toMatchObject({
      deadline: '2026-03-09',
      recordedOn,
      effectiveOn: '2026-03-05',
      daysLate: workingDaysBetween(addWorkingDays('2026-03-02', 5, cal), recordedOn, cal),
    });
    expect(await verifyAuditChain(t.ctx.db.kysely, t.ctx.auditKeys)).toMatchObject({ ok: true });
  });

  it('corrects student numbers by retracting the old row, own county only', async () => {
    const b01 = unit('B01');
    const before = await studentInputs(t.ctx.db.kysely, { regionCode: REGION, year: 2023 });
    expect(before.rows.find((r) => r.unitId === b01)).toMatchObject({ senior: 1800, junior: 900 });
    expect(
      await setStudentCounts(t.ctx, {
        principal: principals.clerk,
        unitId: b01,
        year: 2023,
        senior: 1850,
        junior: 900,
        primary: null,
        preschool: null,
      }),
    ).toEqual({ changed: true });
    const history = await studentHistory(t.ctx.db.kysely, b01, 2023);
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({ senior: 1800 });
    expect(history[0]?.retractedAt).not.toBeNull();
    expect(history[1]).toMatchObject({ senior: 1850, retractedAt: null });
    const after = await studentInputs(t.ctx.db.kysely, { regionCode: REGION, year: 2023 });
    expect(after.rows.find((r) => r.unitId === b01)).toMatchObject({ senior: 1850, kind: 'school' });
    // Unchanged figures write nothing.
    expect(
      await setStudentCounts(t.ctx, {
        principal: principals.clerk,
        unitId: b01,
        year: 2023,
        senior: 1850,
        junior: 900,
        primary: null,
        preschool: null,
      }),
    ).toEqual({ changed: false });
    for (const who of [principals.other, principals.leader]) {
      await expect(
        setStudentCounts(t.ctx, {
          principal: who,
          unitId: b01,
          year: 2023,
          senior: 1,
          junior: null,
          primary: null,
          preschool: null,
        }),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await studentHistory(t.ctx.db.kysely, b01, 2023)).toHaveLength(2);
  });

  it('corrects the population of the county and a township, own county only', async () => {
    const a04 = unit('A04');
    await setPopulation(t.ctx, {
      principal: principals.admin,
      regionCode: REGION,
      unitId: a04,
      year: 2023,
      population: 42000,
    });
    await setPopulation(t.ctx, {
      principal: principals.clerk,
      regionCode: REGION,
      unitId: null,
      year: 2024,
      population: 325000,
    });
    const history = await populationHistory(t.ctx.db.kysely, { regionCode: REGION, unitId: a04, year: 2023 });
    expect(history.map((h) => h.population)).toEqual([41000, 42000]);
    expect(history[0]?.retractedAt).not.toBeNull();
    expect(history[1]?.retractedAt).toBeNull();
    const form = await populationInputs(t.ctx.db.kysely, { regionCode: REGION, year: 2024 });
    expect(form.rows[0]).toMatchObject({ kind: 'county', unitId: null, population: 325000 });
    const y2023 = await populationInputs(t.ctx.db.kysely, { regionCode: REGION, year: 2023 });
    expect(y2023.rows.find((r) => r.unitId === a04)).toMatchObject({ kind: 'township', population: 42000 });
    expect(y2023.rows.some((r) => r.kind === 'healthCentre' && r.unitId === unit('B03'))).toBe(true);
    await expect(
      setPopulation(t.ctx, {
        principal: principals.other,
        regionCode: REGION,
        unitId: null,
        year: 2024,
        population: 1,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      setPopulation(t.ctx, {
        principal: principals.leader,
        regionCode: REGION,
        unitId: null,
        year: 2024,
        population: 1,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await verifyAuditChain(t.ctx.db.kysely, t.ctx.auditKeys)).toMatchObject({ ok: true });
  });
});
