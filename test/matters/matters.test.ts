// Every kind of matter from 动议 to 组织实施 on both databases, checking the ledger after;
// every rule blocking where it must; and two implementations racing for one vacancy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../src/common/codes/id-card.ts';
import type { Change } from '../../src/common/matters.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { activePostRows, activeQuotaRows } from '../../src/db/repositories/establishment.ts';
import { currentPlacementsOf, peopleByHash } from '../../src/db/repositories/people.ts';
import { currentPlaques, unitAsOf, unitIdsByCode } from '../../src/db/repositories/units.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { assessMatter } from '../../src/domain/matters/assess-matter.ts';
import { resubmitMatter, returnOrRejectMatter } from '../../src/domain/matters/close-matter.ts';
import { decideMatter } from '../../src/domain/matters/decide-matter.ts';
import { implementMatter } from '../../src/domain/matters/implement-matter.ts';
import { getMatter } from '../../src/domain/matters/list-matters.ts';
import { proposeMatter } from '../../src/domain/matters/propose-matter.ts';
import { setControlTotal } from '../../src/domain/matters/set-control-total.ts';
import { rowsInForce } from '../../src/domain/establishment/rules.ts';
import { verifyAuditChain } from '../../src/audit/verify-chain.ts';
import { blindIndex } from '../../src/security/field-crypto.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR } from '../support/fixtures.ts';

const REGION = '640121';
const DAY = '2026-01-01';
const idNumber = (seq: number) => {
  const first17 = `64012119900101${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
};

describe.each(DIALECTS)('matters on %s', (dialect) => {
  let t: TestDb;
  let unit: (code: string) => number;
  let ids: Map<string, number>;
  const principals: Record<'clerk' | 'admin' | 'liaison', Principal> = {} as never;
  let docSeq = 1;

  beforeAll(async () => {
    t = await openTestDb(dialect);
    const actor = { id: null, name: '测试' };
    expect(
      (await importWorkbook(t.ctx, { actor, paths: [COUNTY_DIR], dryRun: false, allowedRegions: null })).ok,
    ).toBe(true);
    ids = await unitIdsByCode(t.ctx.db.kysely, [REGION]);
    unit = (code) => ids.get(`${REGION}/${code}`) ?? -1;
    for (const [username, role, unitCode] of [
      ['clerk', 'clerk', null],
      ['admin', 'admin', null],
      ['liaison', 'liaison', 'A03'],
    ] as const) {
      const unitId = unitCode ? unit(unitCode) : null;
      const { id } = await createUser(t.ctx, {
        actor,
        username,
        displayName: username,
        role,
        regionCode: REGION,
        unitId,
        password: 'Matter-Pass-2026',
      });
      principals[username] = {
        userId: id,
        username,
        displayName: username,
        role,
        regionCode: REGION,
        unitId,
        mustChangePassword: false,
      };
    }
  });
  afterAll(async () => {
    await t?.destroy();
  });

  const propose = (changes: Change[], by: Principal = principals.clerk) =>
    proposeMatter(t.ctx, {
      principal: by,
      regionCode: REGION,
      title: `事项 ${docSeq}`,
      reasons: '工作需要',
      changes,
    });
  const assess = (id: number, exceptionReason: string | null = null) =>
    assessMatter(t.ctx, { principal: principals.clerk, matterId: id, comment: '同意', exceptionReason });
  const decide = (id: number) =>
    decideMatter(t.ctx, {
      principal: principals.admin,
      matterId: id,
      decisionBody: '县委编委会',
      docNo: `永编发〔2026〕${docSeq++}号`,
      decidedOn: '2025-12-20',
      comment: '',
    });
  const implement = (id: number) =>
    implementMatter(t.ctx, { principal: principals.clerk, matterId: id, effectiveOn: DAY, comment: '' });
  async function through(
    changes: Change[],
    opts: { exception?: string; by?: Principal } = {},
  ): Promise<number> {
    const id = await propose(changes, opts.by);
    await assess(id, opts.exception ?? null);
    await decide(id);
    await implement(id);
    expect((await getMatter(t.ctx, { principal: principals.admin, matterId: id })).state).toBe('implemented');
    return id;
  }
  const quotaOn = async (code: string, type: string, date: string, source = '') => {
    const rows = (await activeQuotaRows(t.ctx.db.kysely, [unit(code)])).filter(
      (q) => q.quotaType === type && q.source === source,
    );
    return rowsInForce(rows, () => 'k', date)[0];
  };
  const placementOf = async (idNo: string) => {
    const hash = blindIndex(t.ctx.keys, idNo);
    const person = (await peopleByHash(t.ctx.db.kysely, [hash])).get(hash);
    return person?.placement ?? null;
  };

  it('编制核增 and 核减 start on the effective date with the 批准文号', async () => {
    const id = await through([{ kind: 'quotaAdd', unitId: unit('B02'), quotaType: '事业编制', amount: 5 }]);
    const after = await quotaOn('B02', '事业编制', DAY);
    expect(after?.approved).toBe(45);
    expect(after?.docNo).toMatch(/^永编发〔2026〕\d+号$/);
    expect((await quotaOn('B02', '事业编制', '2025-12-31'))?.approved).toBe(40);
    const detail = await getMatter(t.ctx, { principal: principals.clerk, matterId: id });
    expect(detail.steps.map((s) => s.action)).toEqual(['propose', 'assess', 'decide', 'implement']);
    // Closed: no one adds documents any more, so the page shows no 上传附件.
    expect(detail.mayAttach).toBe(false);
    await through([{ kind: 'quotaReduce', unitId: unit('A03'), quotaType: '行政编制', amount: 2 }]);
    expect((await quotaOn('A03', '行政编制', DAY))?.approved).toBe(10);
  });

  it('调剂 (减上补下) moves quota from a department to a township', async () => {
    await through([
      {
        kind: 'transfer',
        quotaType: '行政编制',
        lines: [
          { unitId: unit('A02'), delta: -2 },
          { unitId: unit('A04'), delta: 2 },
        ],
      },
    ]);
    expect((await quotaOn('A02', '行政编制', DAY))?.approved).toBe(13);
    expect((await quotaOn('A04', '行政编制', DAY))?.approved).toBe(32);
  });

  it('周转池借用 and 归还 are tracked as 周转池 quota', async () => {
    await through([{ kind: 'poolBorrow', unitId: unit('B02'), amount: 3 }]);
    expect((await quotaOn('B02', '事业编制', DAY, '周转池'))?.approved).toBe(3);
    await through([{ kind: 'poolReturn', unitId: unit('B02'), amount: 2 }]);
    expect((await quotaOn('B02', '事业编制', DAY, '周转池'))?.approved).toBe(1);
  });

  it('机构设立, 更名, 规格调整, 加挂牌子 and 领导职数调整 write dated versions', async () => {
    await through([
      {
        kind: 'establish',
        code: 'A09',
        name: '永宁县审计局',
        category: '政府工作部门',
        parentUnitId: null,
        rank: '正科',
        affiliation: null,
        countsTowardDirectLimit: null,
        funding: null,
        type: null,
        sector: null,
      },
      { kind: 'rename', unitId: unit('A03'), name: '永宁县教育体育局' },
      { kind: 'rank', unitId: unit('B02'), rank: '正科' },
      { kind: 'plaque', unitId: unit('A04'), name: '望洪镇便民服务中心' },
      { kind: 'posts', unitId: unit('A03'), level: '正科', approved: 1 },
    ]);
    ids = await unitIdsByCode(t.ctx.db.kysely, [REGION]);
    const created = unit('A09');
    const audit = await unitAsOf(t.ctx.db.kysely, created, DAY);
    expect(audit).toMatchObject({ name: '永宁县审计局', foundedOn: DAY, changeKind: '设立' });
    expect(audit?.docNo).toMatch(/永编发/);
    expect((await unitAsOf(t.ctx.db.kysely, unit('A03'), DAY))?.name).toBe('永宁县教育体育局');
    expect((await unitAsOf(t.ctx.db.kysely, unit('A03'), '2025-12-31'))?.name).toBe('永宁县教育局');
    expect((await unitAsOf(t.ctx.db.kysely, unit('B02'), DAY))?.rank).toBe('正科');
    expect(
      (await currentPlaques(t.ctx.db.kysely, [unit('A04')])).get(unit('A04'))?.map((p) => p.name),
    ).toEqual(['望洪镇便民服务中心']);
    const posts = await activePostRows(t.ctx.db.kysely, [unit('A03')]);
    expect(posts.map((p) => [p.level, p.approved, p.effectiveFrom])).toEqual([['正科', 1, DAY]]);
  });

  it('上编 and 下编 move people on and off the establishment', async () => {
    const newcomer = idNumber(11);
    const [pending] = await currentPlacementsOf(t.ctx.db.kysely, [await personId('640121199207080050')]);
    await through([
      {
        kind: 'enter',
        personId: null,
        idNumber: newcomer,
        name: '孙新',
        unitId: unit('A04'),
        quotaType: '行政编制',
        channel: '考录',
        leadershipLevel: '无',
        planMatterId: null,
      },
      {
        kind: 'enter',
        personId: pending?.personId ?? -1,
        idNumber: null,
        name: null,
        unitId: unit('B01'),
        quotaType: '事业编制',
        channel: '招聘',
        leadershipLevel: '无',
        planMatterId: null,
      },
      { kind: 'leave', personId: await personId('640121199003200030'), reason: '退休' },
    ]);
    expect(await placementOf(newcomer)).toMatchObject({
      status: '在编',
      enteredOn: DAY,
      channel: '考录',
      unitId: unit('A04'),
    });
    expect(await placementOf('640121199207080050')).toMatchObject({ status: '在编', enteredOn: DAY });
    expect(await placementOf('640121199003200030')).toMatchObject({ status: '已出编', leftOn: DAY });
    const stored = await t.ctx.db.kysely.selectFrom('matters').select('changes').execute();
    for (const m of stored) expect(m.changes).not.toContain(newcomer);
  });

  it('撤销 and 合并 abolish units on the effective date', async () => {
    await through([
      { kind: 'leave', personId: await personId('640121199511110074'), reason: '调出' },
      { kind: 'abolish', unitId: unit('B03') },
    ]);
    expect((await unitAsOf(t.ctx.db.kysely, unit('B03'), DAY))?.abolishedOn).toBe(DAY);
    await through([{ kind: 'merge', unitIds: [unit('B02')], intoUnitId: unit('B01') }]);
    expect(await unitAsOf(t.ctx.db.kysely, unit('B02'), DAY)).toMatchObject({
      abolishedOn: DAY,
      changeKind: '合并',
    });
  });

  async function personId(idNo: string): Promise<number> {
    const hash = blindIndex(t.ctx.keys, idNo);
    return (await peopleByHash(t.ctx.db.kysely, [hash])).get(hash)?.id ?? -1;
  }

  const blockedBy = async (changes: Change[], rule: string, exception: string | null = null) => {
    const id = await propose(changes);
    await expect(assess(id, exception)).rejects.toMatchObject({
      code: 'RULE_VIOLATION',
      message: expect.stringContaining(rule),
    });
    await returnOrRejectMatter(t.ctx, {
      principal: principals.admin,
      matterId: id,
      action: 'reject',
      reason: '不符合规定',
    });
    return id;
  };

  it('blocks 严控总量: the county never exceeds its control total', async () => {
    // 行政 own quota now: A01 20+3, A02 13, A03 10, A04 32, A09 0 = 78.
    await setControlTotal(t.ctx, {
      principal: principals.admin,
      regionCode: REGION,
      quotaType: '行政编制',
      total: 78,
      effectiveFrom: '2020-01-01',
      docNo: '宁编发〔2020〕1号',
    });
    const id = await propose([{ kind: 'quotaAdd', unitId: unit('A09'), quotaType: '行政编制', amount: 3 }]);
    await expect(assess(id)).rejects.toMatchObject({
      message: expect.stringContaining('【严控总量】全县行政编制将达 81 名，超过控制总量 78 名'),
    });
    // A transfer inside the county is still allowed.
    await through([
      {
        kind: 'transfer',
        quotaType: '行政编制',
        lines: [
          { unitId: unit('A04'), delta: -3 },
          { unitId: unit('A09'), delta: 3 },
        ],
      },
    ]);
  });

  it('blocks 增减平衡: a transfer adds exactly what it removes', async () => {
    await blockedBy(
      [
        {
          kind: 'transfer',
          quotaType: '行政编制',
          lines: [
            { unitId: unit('A02'), delta: -2 },
            { unitId: unit('A09'), delta: 1 },
          ],
        },
      ],
      '【增减平衡】行政编制调出 2 名、调入 1 名，相差 1 名',
    );
  });

  it('blocks 不得超编 unless an exception is recorded', async () => {
    // A02: 13 approved, 2 on the establishment.
    await blockedBy(
      [{ kind: 'quotaReduce', unitId: unit('A02'), quotaType: '行政编制', amount: 12 }],
      '【不得超编】中共永宁县委组织部 行政编制：核定 1，实有 2，超编 1 名',
    );
    const id = await propose([
      { kind: 'quotaReduce', unitId: unit('A02'), quotaType: '行政编制', amount: 12 },
    ]);
    const results = await assess(id, '机构改革过渡期，一年内消化');
    expect(results.find((r) => r.rule === 'noOverQuota')).toMatchObject({
      ok: false,
      waived: true,
      excess: 1,
    });
    await returnOrRejectMatter(t.ctx, {
      principal: principals.admin,
      matterId: id,
      action: 'reject',
      reason: '暂缓',
    });
  });

  it('blocks 不得超职数: posts never below the leaders holding them', async () => {
    await blockedBy([{ kind: 'posts', unitId: unit('A02'), level: '副科', approved: 0 }], '【不得超职数】');
  });

  it('blocks a recruitment plan beyond 实际空编 less the places other plans hold', async () => {
    // B01 on 2026-01-01: 110 + 5 周转池 approved; 王强 left, 陈静 entered: 1 on the establishment, none pending.
    await blockedBy(
      [
        {
          kind: 'recruitmentPlan',
          unitId: unit('B01'),
          quotaType: '事业编制',
          places: 115,
          channel: '招聘',
          freeNormalStudents: 0,
        },
      ],
      '【用编不超实际空编】',
    );
    const first = await propose([
      {
        kind: 'recruitmentPlan',
        unitId: unit('B01'),
        quotaType: '事业编制',
        places: 100,
        channel: '招聘',
        freeNormalStudents: 2,
      },
    ]);
    await assess(first);
    await decide(first);
    await blockedBy(
      [
        {
          kind: 'recruitmentPlan',
          unitId: unit('B01'),
          quotaType: '事业编制',
          places: 20,
          channel: '考录',
          freeNormalStudents: 0,
        },
      ],
      '已批未用计划占 100 名，可用 14 名',
    );
    // 用编计划 implemented; a 上编 against it uses one of its places.
    await implement(first);
    const newcomer = idNumber(41);
    await through([
      {
        kind: 'enter',
        personId: null,
        idNumber: newcomer,
        name: '郑教',
        unitId: unit('B01'),
        quotaType: '事业编制',
        channel: '招聘',
        leadershipLevel: '无',
        planMatterId: first,
      },
    ]);
    expect(await placementOf(newcomer)).toMatchObject({ status: '在编', unitId: unit('B01') });
    // 实际空编 115 − 2 = 113; the plan holds 99 places after the entry used one: 14 are still free.
    await blockedBy(
      [
        {
          kind: 'recruitmentPlan',
          unitId: unit('B01'),
          quotaType: '事业编制',
          places: 15,
          channel: '招聘',
          freeNormalStudents: 0,
        },
      ],
      '实际空编 113 名，已批未用计划占 99 名，可用 14 名',
    );
  });

  it('blocks returning more 周转池 quota than was borrowed', async () => {
    // B02 was merged away; B01 borrowed 5 in 2023 (fixture).
    await blockedBy(
      [{ kind: 'poolReturn', unitId: unit('B01'), amount: 6 }],
      '【周转池按借归还】永宁县第一中学 借用周转池编制 5 名，不能归还 6 名',
    );
  });

  it('lets a liaison propose for their own unit only, and the proposer resubmit a returned matter', async () => {
    await expect(
      propose(
        [{ kind: 'quotaAdd', unitId: unit('A02'), quotaType: '行政编制', amount: 1 }],
        principals.liaison,
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const id = await propose(
      [
        {
          kind: 'transfer',
          quotaType: '事业编制',
          lines: [
            { unitId: unit('A03'), delta: -1 },
            { unitId: unit('B01'), delta: 1 },
          ],
        },
      ],
      principals.liaison,
    );
    await returnOrRejectMatter(t.ctx, {
      principal: principals.clerk,
      matterId: id,
      action: 'return',
      reason: '请补充会议纪要',
    });
    await resubmitMatter(t.ctx, {
      principal: principals.liaison,
      matterId: id,
      comment: '已补充',
      changes: null,
    });
    const resubmitted = await getMatter(t.ctx, { principal: principals.liaison, matterId: id });
    expect(resubmitted.state).toBe('proposed');
    // The proposing unit's liaison may add documents to the open matter.
    expect(resubmitted.mayAttach).toBe(true);
    await expect(
      assessMatter(t.ctx, {
        principal: principals.liaison,
        matterId: id,
        comment: '',
        exceptionReason: null,
      }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('lets only one of two matters implemented at once take the same vacancy', async () => {
    // A09 has 3 行政编制 and nobody: leave exactly one vacancy.
    await through([
      {
        kind: 'enter',
        personId: null,
        idNumber: idNumber(21),
        name: '周一',
        unitId: unit('A09'),
        quotaType: '行政编制',
        channel: '调任',
        leadershipLevel: '无',
        planMatterId: null,
      },
      {
        kind: 'enter',
        personId: null,
        idNumber: idNumber(22),
        name: '吴二',
        unitId: unit('A09'),
        quotaType: '行政编制',
        channel: '调任',
        leadershipLevel: '无',
        planMatterId: null,
      },
    ]);
    const racers: number[] = [];
    for (const n of [31, 32]) {
      const id = await propose([
        {
          kind: 'enter',
          personId: null,
          idNumber: idNumber(n),
          name: `候选${n}`,
          unitId: unit('A09'),
          quotaType: '行政编制',
          channel: '考录',
          leadershipLevel: '无',
          planMatterId: null,
        },
      ]);
      await assess(id);
      await decide(id);
      racers.push(id);
    }
    const outcomes = await Promise.allSettled(racers.map((id) => implement(id)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const failed = outcomes.find((o) => o.status === 'rejected');
    expect(failed?.status === 'rejected' && String((failed.reason as Error).message)).toContain(
      '【不得超编】',
    );
    const inA09 = await t.ctx.db.kysely
      .selectFrom('placements')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('unit_id', '=', unit('A09'))
      .where('is_current', '=', 1)
      .where('status', '=', '在编')
      .executeTakeFirst();
    expect(Number(inA09?.n)).toBe(3);
  });

  it('keeps the audit chain intact through every step', async () => {
    expect(await verifyAuditChain(t.ctx.db.kysely, t.ctx.auditKeys)).toMatchObject({ ok: true });
  });
});
