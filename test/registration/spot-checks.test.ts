// 双随机一公开 on both databases: the same seed reproduces the draw (also from the command
// line), another seed gives another, units already checked that year are never drawn; the
// stages 单位自查 → 实地检查 → 反馈整改 and the publication of the result.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { advanceSpotCheck, publishSpotCheck } from '../../src/domain/registration/advance-spot-check.ts';
import { drawSpotCheck, previewDraw } from '../../src/domain/registration/draw-spot-check.ts';
import { DEFAULT_SPOT_CHECK_ITEMS } from '../../src/common/registration.ts';
import { getRegistration } from '../../src/db/repositories/registration.ts';
import { getSpotCheck, listSpotChecks, unitsOfCheck } from '../../src/db/repositories/spot-checks.ts';
import { cliInBackground } from '../support/cli.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { REGION, registeredInstitutions, registrationCounty, type Who } from './support.ts';

const POOL = ['赵一', '钱二', '孙三', '李四', '周五', '吴六'];

describe.each(DIALECTS)('spot checks on %s', (dialect) => {
  let t: TestDb;
  let as: Record<Who, Principal>;
  let unitIds: number[];

  beforeAll(async () => {
    t = await openTestDb(dialect);
    let unit: (code: string) => number;
    ({ unit, as } = await registrationCounty(t));
    unitIds = await registeredInstitutions(t, 40, unit('A03'));
  });
  afterAll(async () => {
    await t?.destroy();
  });

  const preview = (seed: string, year = 2026, size: { count: number } | { ratio: number } = { count: 5 }) =>
    previewDraw(t.ctx.db.kysely, { regionCode: REGION, year, size, seed });

  it('reproduces the draw from the seed, gives another list for another seed, and never draws a unit checked that year', async () => {
    const a = await preview('永编抽〔2026〕1号');
    expect(a.eligible).toHaveLength(40);
    expect(a.drawn).toHaveLength(5);
    expect((await preview('永编抽〔2026〕1号')).drawn).toEqual(a.drawn);
    expect((await preview('永编抽〔2026〕2号')).drawn.map((d) => d.uscc)).not.toEqual(
      a.drawn.map((d) => d.uscc),
    );

    const first = await drawSpotCheck(t.ctx, {
      principal: as.clerk,
      regionCode: REGION,
      year: 2026,
      title: '2026年第一批公示信息抽查',
      size: { count: 5 },
      seed: '永编抽〔2026〕1号',
      inspectorPool: POOL,
      inspectorCount: 2,
    });
    expect(first.preview.drawn).toEqual(a.drawn);
    const check = await getSpotCheck(t.ctx.db.kysely, first.id);
    expect(check).toMatchObject({
      seed: '永编抽〔2026〕1号',
      algorithm: 'SHA-256-CTR/Fisher-Yates v1',
      checklist: [...DEFAULT_SPOT_CHECK_ITEMS],
    });
    expect(check?.checklist).toHaveLength(16);
    expect(check?.inspectors).toHaveLength(2);
    expect(POOL).toEqual(expect.arrayContaining(check?.inspectors ?? ['x']));

    // The second draw of the year leaves the first five out, whatever the seed.
    const firstUscc = new Set(a.drawn.map((d) => d.uscc));
    for (const seed of ['x', 'y', 'z']) {
      const again = await preview(seed, 2026, { ratio: 1 });
      expect(again.eligible).toHaveLength(35);
      expect(again.excluded.sort()).toEqual([...firstUscc].sort());
      expect(again.drawn.some((d) => firstUscc.has(d.uscc))).toBe(false);
    }
    const second = await drawSpotCheck(t.ctx, {
      principal: as.clerk,
      regionCode: REGION,
      year: 2026,
      title: '第二批',
      size: { ratio: 0.1 },
      seed: 'S2',
      inspectorPool: POOL,
      inspectorCount: 2,
    });
    expect(second.preview.drawn).toHaveLength(4);
    expect(second.preview.drawn.some((d) => firstUscc.has(d.uscc))).toBe(false);
    // Next year they are back in the 名录库.
    expect((await preview('x', 2027)).eligible).toHaveLength(40);
    await expect(
      drawSpotCheck(t.ctx, {
        principal: as.school,
        regionCode: REGION,
        year: 2026,
        title: 'x',
        size: { count: 1 },
        seed: 's',
        inspectorPool: POOL,
        inspectorCount: 1,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('prints the same list from the command line', async () => {
    // The CLI reads DATABASE_URL; on PostgreSQL the test's own schema goes in the URL's options.
    const url = t.schema ? `${t.url}?options=${encodeURIComponent(`-c search_path=${t.schema}`)}` : t.url;
    const expected = await preview('公开种子', 2027, { ratio: 0.05 });
    const r = await cliInBackground(
      ['spotcheck', 'draw', '--region', REGION, '--year', '2027', '--ratio', '0.05', '--seed', '公开种子'],
      { DATABASE_URL: url },
    );
    expect(r.code, r.out).toBe(0);
    const printed = r.stdout
      .split('\n')
      .filter((l) => /^\s+\d+\s{2}/.test(l))
      .map((l) => l.trim().split(/\s+/)[1]);
    expect(printed).toEqual(expected.drawn.map((d) => d.uscc));
    expect(printed).toHaveLength(2);
  });

  it('takes a checked unit through 单位自查 → 实地检查 → 反馈整改 before the result is published', async () => {
    const db = t.ctx.db.kysely;
    // The first check of the year (listed newest first).
    const check = (await listSpotChecks(db, { regionCodes: [REGION], year: 2026 })).at(-1);
    const units = await unitsOfCheck(db, check?.id ?? -1);
    expect(units).toHaveLength(5);
    const target = units[0];
    if (!target || !check) throw new Error('no unit');
    const record = await getRegistration(db, target.registrationId);
    // The institution's own 经办人 answers the checklist; another unit's may not.
    const { id } = await createUser(t.ctx, {
      actor: { id: null, name: '测试' },
      username: 'checked',
      displayName: '被抽查单位经办人',
      role: 'liaison',
      regionCode: REGION,
      unitId: record?.unitId ?? null,
      password: 'Registration-Pass-2026',
    });
    const liaison: Principal = {
      userId: id,
      username: 'checked',
      displayName: '被抽查单位经办人',
      role: 'liaison',
      regionCode: REGION,
      unitId: record?.unitId ?? null,
      mustChangePassword: false,
    };
    const answers = Object.fromEntries(check.checklist.map((item) => [item, '是']));
    await expect(
      advanceSpotCheck(t.ctx, {
        principal: as.school,
        spotCheckUnitId: target.id,
        stage: '单位自查',
        answers,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      advanceSpotCheck(t.ctx, {
        principal: liaison,
        spotCheckUnitId: target.id,
        stage: '单位自查',
        answers: { 名称与登记一致: '是' },
      }),
    ).rejects.toThrow(/逐项/);
    expect(
      await advanceSpotCheck(t.ctx, {
        principal: liaison,
        spotCheckUnitId: target.id,
        stage: '单位自查',
        answers,
      }),
    ).toBe('实地检查');
    await expect(
      advanceSpotCheck(t.ctx, {
        principal: liaison,
        spotCheckUnitId: target.id,
        stage: '实地检查',
        findings: '',
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      advanceSpotCheck(t.ctx, {
        principal: as.clerk,
        spotCheckUnitId: target.id,
        stage: '实地检查',
        answers: { 住所与登记一致: '否' },
        findings: '实际住所已迁移未办理变更',
      }),
    ).rejects.toThrow(/整改期限/);
    expect(
      await advanceSpotCheck(t.ctx, {
        principal: as.clerk,
        spotCheckUnitId: target.id,
        stage: '实地检查',
        answers: { 住所与登记一致: '否' },
        findings: '实际住所已迁移未办理变更',
        rectifyDue: '2026-12-31',
      }),
    ).toBe('反馈整改');
    await expect(publishSpotCheck(t.ctx, { principal: as.clerk, spotCheckId: check.id })).rejects.toThrow(
      /未完成反馈整改/,
    );
    expect(
      await advanceSpotCheck(t.ctx, {
        principal: as.clerk,
        spotCheckUnitId: target.id,
        stage: '反馈整改',
        result: '已办理住所变更登记',
      }),
    ).toBe('已完成');
    const after = (await unitsOfCheck(db, check.id))[0];
    expect(after).toMatchObject({
      stage: '已完成',
      findings: '实际住所已迁移未办理变更',
      rectifyDue: '2026-12-31',
      result: '已办理住所变更登记',
    });
    expect(after?.answers['住所与登记一致']).toBe('否');
    expect(after?.answers['名称与登记一致']).toBe('是');
    for (const u of (await unitsOfCheck(db, check.id)).slice(1)) {
      await advanceSpotCheck(t.ctx, {
        principal: as.clerk,
        spotCheckUnitId: u.id,
        stage: '单位自查',
        answers,
      });
      await advanceSpotCheck(t.ctx, {
        principal: as.clerk,
        spotCheckUnitId: u.id,
        stage: '实地检查',
        findings: '',
      });
      await advanceSpotCheck(t.ctx, {
        principal: as.clerk,
        spotCheckUnitId: u.id,
        stage: '反馈整改',
        result: '未发现问题',
      });
    }
    await publishSpotCheck(t.ctx, { principal: as.clerk, spotCheckId: check.id });
    expect((await getSpotCheck(db, check.id))?.publishedAt).not.toBeNull();
    expect(unitIds).toContain(record?.unitId);
  });
});
