// The 工作统计 of a period on both databases: matters driven through the real procedure
// (动议 → 论证 → 审议决定 → 组织实施), then every figure, its drill-down, the text of section 二,
// a period before them (nothing recorded: 无记录, not zeros stated as fact; the township stock
// as it was then), and the CLI's three formats.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Booted } from '../../src/bootstrap.ts';
import { reportWorkCommand } from '../../src/cli/report-work.ts';
import { idNumberCheckChar } from '../../src/common/codes/id-card.ts';
import type { Change } from '../../src/common/matters.ts';
import { renderWorkText, workFigure, workValue, type WorkStatistics } from '../../src/common/report-work.ts';
import { loadConfig } from '../../src/config.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { assessMatter } from '../../src/domain/matters/assess-matter.ts';
import { decideMatter } from '../../src/domain/matters/decide-matter.ts';
import { implementMatter } from '../../src/domain/matters/implement-matter.ts';
import { proposeMatter } from '../../src/domain/matters/propose-matter.ts';
import { computeWorkStatistics } from '../../src/domain/reports/work-statistics.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, tempDir } from '../support/fixtures.ts';
import { unzip } from '../support/zip.ts';

const REGION = '640121';
const PERIOD = { from: '2025-01-01', to: '2025-12-31' };
const BEFORE = { from: '2022-01-01', to: '2024-12-31' };

function newIdNumber(): string {
  const first17 = '64012119950505123';
  return first17 + idNumberCheckChar(first17);
}

describe.each(DIALECTS)('work statistics on %s', (dialect) => {
  let t: TestDb;
  let unit: (code: string) => number;
  const principals: Record<'clerk' | 'admin', Principal> = {
    clerk: {
      userId: 0,
      username: 'clerk',
      displayName: '业务员',
      role: 'clerk',
      regionCode: REGION,
      unitId: null,
      mustChangePassword: false,
    },
    admin: {
      userId: 0,
      username: 'admin',
      displayName: '管理员',
      role: 'admin',
      regionCode: REGION,
      unitId: null,
      mustChangePassword: false,
    },
  };
  /** Matter ids by what they do. */
  const ids: Record<string, number> = {};
  let docSeq = 1;

  async function propose(title: string, changes: Change[]): Promise<number> {
    return proposeMatter(t.ctx, {
      principal: principals.clerk,
      regionCode: REGION,
      title,
      reasons: '工作需要',
      changes,
    });
  }
  async function decide(title: string, changes: Change[], decidedOn: string): Promise<number> {
    const id = await propose(title, changes);
    await assessMatter(t.ctx, {
      principal: principals.clerk,
      matterId: id,
      comment: '符合规定',
      exceptionReason: null,
    });
    await decideMatter(t.ctx, {
      principal: principals.admin,
      matterId: id,
      decisionBody: '县委编委会',
      docNo: `永编发〔2025〕${docSeq++}号`,
      decidedOn,
      comment: '',
    });
    return id;
  }
  async function through(title: string, changes: Change[], decidedOn: string, effectiveOn: string) {
    const id = await decide(title, changes, decidedOn);
    await implementMatter(t.ctx, { principal: principals.clerk, matterId: id, effectiveOn, comment: '' });
    return id;
  }

  beforeAll(async () => {
    t = await openTestDb(dialect);
    const actor = { id: null, name: '测试' };
    expect(
      (await importWorkbook(t.ctx, { actor, paths: [COUNTY_DIR], dryRun: false, allowedRegions: null })).ok,
    ).toBe(true);
    const codes = await unitIdsByCode(t.ctx.db.kysely, [REGION]);
    unit = (code) => codes.get(`${REGION}/${code}`) ?? -1;
    for (const who of ['clerk', 'admin'] as const) {
      const p = principals[who];
      const { id } = await createUser(t.ctx, {
        actor,
        username: p.username,
        displayName: p.displayName,
        role: p.role,
        regionCode: REGION,
        unitId: null,
        password: 'Work-Stats-2026',
      });
      principals[who] = { ...p, userId: id };
    }

    ids.transfer = await through(
      '组织部调剂行政编制至望洪镇',
      [
        {
          kind: 'transfer',
          quotaType: '行政编制',
          lines: [
            { unitId: unit('A02'), delta: -2 },
            { unitId: unit('A04'), delta: 2 },
          ],
        },
      ],
      '2025-02-20',
      '2025-03-01',
    );
    ids.quotaAdd = await through(
      '核增永宁县第一中学事业编制',
      [{ kind: 'quotaAdd', unitId: unit('B01'), quotaType: '事业编制', amount: 3 }],
      '2025-03-20',
      '2025-04-01',
    );
    ids.establish = await through(
      '设立永宁县第二小学',
      [
        {
          kind: 'establish',
          code: 'B05',
          name: '永宁县第二小学',
          category: '事业单位',
          parentUnitId: unit('A03'),
          rank: '副科',
          affiliation: '部门所属',
          countsTowardDirectLimit: false,
          funding: '全额拨款',
          type: '中小学',
          sector: '教育',
        },
      ],
      '2025-04-20',
      '2025-05-01',
    );
    ids.enter = await through(
      '退役士兵安置上编',
      [
        {
          kind: 'enter',
          personId: null,
          idNumber: newIdNumber(),
          name: '马军',
          unitId: unit('A04'),
          quotaType: '行政编制',
          channel: '退役士兵安置',
          leadershipLevel: '无',
          planMatterId: null,
        },
      ],
      '2025-05-20',
      '2025-06-01',
    );
    ids.pool = await through(
      '永宁县第一中学借用周转池编制',
      [{ kind: 'poolBorrow', unitId: unit('B01'), amount: 2 }],
      '2025-06-20',
      '2025-07-01',
    );
    // Approved, not implemented: its places are held, and it counts by its decision date.
    ids.plan = await decide(
      '永宁县职业教育学校招聘计划',
      [
        {
          kind: 'recruitmentPlan',
          unitId: unit('B02'),
          quotaType: '事业编制',
          places: 2,
          channel: '招聘',
          freeNormalStudents: 1,
        },
      ],
      '2025-08-01',
    );
    // Only proposed: counts nowhere.
    ids.proposed = await propose('尚未论证的核增', [
      { kind: 'quotaAdd', unitId: unit('B02'), quotaType: '事业编制', amount: 9 },
    ]);
  });

  afterAll(async () => {
    await t?.destroy();
  });

  const compute = (period: { from: string; to: string }): Promise<WorkStatistics> =>
    computeWorkStatistics(t.ctx.db.kysely, { regionCode: REGION, ...period });
  const mattersOf = (s: WorkStatistics, key: Parameters<typeof workFigure>[1]) =>
    workFigure(s, key).matters.map((m) => m.matterId);

  it('computes every figure of the period from the implemented and decided matters', async () => {
    const s = await compute(PERIOD);
    const values = Object.fromEntries(s.figures.map((f) => [f.key, f.value]));
    expect(values).toEqual({
      unitsAdjusted: 1,
      unitsEstablished: 1,
      quotasTransferred: 2,
      quotasToTownships: 2,
      // 望洪镇 行政编制 30 + 2, 望洪镇卫生院 (乡镇所属) 事业编制 25.
      townshipQuotaTotal: 57,
      quotasAdded: 3,
      veteransPlaced: 1,
      inQuotaSupplement: 0,
      countyExchange: 0,
      poolObtained: 2,
      schoolsEstablished: 1,
      kindergartensEstablished: 0,
      recruitmentPlaces: 2,
      freeNormalStudents: 1,
      // 事业单位登记管理 and 中文域名: nothing recorded in this county (test/registration covers them).
      registrationsHandled: 0,
      registrationsEstablished: 0,
      registrationsChanged: 0,
      registrationsCancelled: 0,
      spotCheckedInstitutions: 0,
      spotCheckItems: 0,
      domainsReviewed: 0,
      unitsNeedingDomainChange: 0,
    });
    expect(s.quotasAddedByUnit).toEqual([
      {
        unitId: unit('B01'),
        unitCode: 'B01',
        unitName: '永宁县第一中学',
        quotaType: '事业编制',
        amount: 3,
        matters: [expect.objectContaining({ matterId: ids.quotaAdd })],
      },
    ]);
    expect(s.townshipUnits.map((u) => [u.unitCode, u.administrative, u.institution])).toEqual([
      ['A04', 32, 0],
      ['B03', 0, 25],
    ]);
  });

  it('lists the matters behind each figure for the drill-down', async () => {
    const s = await compute(PERIOD);
    expect(mattersOf(s, 'unitsAdjusted')).toEqual([ids.establish]);
    expect(mattersOf(s, 'unitsEstablished')).toEqual([ids.establish]);
    expect(mattersOf(s, 'schoolsEstablished')).toEqual([ids.establish]);
    expect(mattersOf(s, 'quotasTransferred')).toEqual([ids.transfer]);
    expect(mattersOf(s, 'quotasToTownships')).toEqual([ids.transfer]);
    expect(mattersOf(s, 'quotasAdded')).toEqual([ids.quotaAdd]);
    expect(mattersOf(s, 'veteransPlaced')).toEqual([ids.enter]);
    expect(mattersOf(s, 'poolObtained')).toEqual([ids.pool]);
    expect(mattersOf(s, 'recruitmentPlaces')).toEqual([ids.plan]);
    expect(mattersOf(s, 'freeNormalStudents')).toEqual([ids.plan]);
    expect(mattersOf(s, 'inQuotaSupplement')).toEqual([]);
    expect(mattersOf(s, 'townshipQuotaTotal')).toEqual([]);
    expect(workFigure(s, 'quotasTransferred').matters[0]).toEqual({
      matterId: ids.transfer,
      title: '组织部调剂行政编制至望洪镇',
      docNo: expect.stringMatching(/^永编发〔2025〕\d+号$/),
      effectiveOn: '2025-03-01',
      decidedOn: '2025-02-20',
      historical: false,
    });
    for (const f of s.figures) {
      expect(f.label, f.key).not.toBe('');
      expect(f.definition, f.key).not.toBe('');
    }
  });

  it('renders the sentences of section 二 with the figures', async () => {
    const text = renderWorkText(await compute(PERIOD));
    expect(text.split('\n')).toEqual([
      '2025年以来，共调整优化机构设置1个，新成立1个；共调剂使用行政、事业编制2名。',
      '采取“减上补下”的方式，共向乡镇增加行政事业编制2名，乡镇编制总量达57名。',
      '核增永宁县第一中学事业编制3名。',
      '2025年以来，按要求安置退役士兵1名，编内补充人员0名，县内交流人员0名。',
      '争取事业编制周转池编制2名。',
      '新设立中学1所、幼儿园0所。',
      '2025年，审核公务员、事业编招考计划2名，公费师范生1名。',
      '对0家事业单位开展公示信息抽查，检查内容0项。办理事业单位登记0件，其中设立登记0件、变更0件、注销0件。',
      '梳理排摸出0个涉及机构合并、撤销、变更名称的党政机关和事业单位，并对0个政务和公益中文域名进行全面梳理。',
    ]);
  });

  it('says 无记录 for a period before the matters (the township stock as it was then)', async () => {
    const s = await compute(BEFORE);
    for (const f of s.figures) {
      if (f.key === 'townshipQuotaTotal') expect(f.value).toBe(55);
      else expect(f.value, f.key).toBe(0);
      expect(f.matters, f.key).toEqual([]);
    }
    expect(s.quotasAddedByUnit).toEqual([]);
    expect(s.recorded).toBe(false);
    const text = renderWorkText(s);
    expect(text).toContain('2022年以来，无记录：统计期内没有录入的机构编制事项');
    expect(text).toContain('乡镇编制总量55名');
    expect(text).not.toContain('共调整优化机构设置0个');
    expect(text).not.toContain('核增编制0名');
    // The plan decided on 2025-08-01 is outside a period ending before it.
    expect(workValue(await compute({ from: '2025-01-01', to: '2025-07-31' }), 'recruitmentPlaces')).toBe(0);
  });

  it('refuses a period that ends before it starts, or an unknown region', async () => {
    await expect(compute({ from: '2025-12-31', to: '2025-01-01' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(
      computeWorkStatistics(t.ctx.db.kysely, { regionCode: '640199', ...PERIOD }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers `report work` as text, JSON and a Word document', async () => {
    const b: Booted = { config: loadConfig({ DATABASE_URL: t.url }), ctx: t.ctx, close: async () => {} };
    const lines: string[] = [];
    const dir = tempDir();
    try {
      const run = (format: string | undefined, out: string | undefined) =>
        reportWorkCommand(b, { region: REGION, ...PERIOD, format, out }, (l) => lines.push(l));
      const textFile = path.join(dir, 'work.txt');
      expect(await run(undefined, textFile)).toBe(0);
      expect(fs.readFileSync(textFile, 'utf8')).toBe(`${renderWorkText(await compute(PERIOD))}\n`);

      const jsonFile = path.join(dir, 'work.json');
      expect(await run('json', jsonFile)).toBe(0);
      const json = JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as WorkStatistics & { text: string };
      expect(workValue(json, 'townshipQuotaTotal')).toBe(57);
      expect(json.text).toContain('核增永宁县第一中学事业编制3名');

      const docxFile = path.join(dir, 'work.docx');
      expect(await run('docx', docxFile)).toBe(0);
      const docx = fs.readFileSync(docxFile);
      expect(docx.subarray(0, 2).toString()).toBe('PK');
      const xml = unzip(docx).get('word/document.xml')?.toString('utf8') ?? '';
      expect(xml).toContain('永宁县机构编制工作统计');
      expect(xml).toContain('2025年1月1日至2025年12月31日');
      expect(xml).toContain('新设立中学1所、幼儿园0所。');
      expect(xml).toContain('w:w="11906"');

      expect(await run('docx', undefined)).toBe(2);
      expect(await run('pdf', undefined)).toBe(2);
      expect(
        await reportWorkCommand(
          b,
          { region: REGION, from: '2025/01/01', to: '2025-12-31', format: undefined, out: undefined },
          (l) => lines.push(l),
        ),
      ).toBe(2);
      expect(lines).toContain('--format docx 需要 --out 文件名');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
