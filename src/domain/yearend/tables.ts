// The year-end 机构编制统计 as pure functions: the four tables (docs/yearend.md) built from the
// per-unit cells of the report, their totals taken from the ledger by an independent path, and
// the checks — within each table (rows add up to totals, identities hold) and across tables
// (the same figure agrees everywhere; reported 编制 equals the ledger and the 基本情况 report).
import crypto from 'node:crypto';
import {
  ORGAN_CATEGORIES,
  PARTY_GOVERNMENT_CATEGORIES,
  UNIT_CATEGORIES,
  UNIT_RANKS,
} from '../../common/labels.ts';
import type {
  YearendCheck,
  YearendDifference,
  YearendFigure,
  YearendRow,
  YearendTable,
} from '../../common/wire-yearend.ts';
import { figure, REPORTING_TYPES } from '../establishment/rules.ts';
import type { UnitCells } from '../reports/basic-rules.ts';

/** What the tables are built from. */
export interface YearendInput {
  /** The units existing on the date (内设机构 left out), each with its cells. */
  units: UnitCells[];
  /** The ledger read directly, not through the units' cells. */
  ledger: {
    /** Units existing on the date, 内设机构 left out. */
    units: number;
    /** 核定 of the rows in force, by the quota type as stored. */
    quotaByType: Record<string, number>;
    /** People on the establishment on the date in the region's units. */
    actual: number;
    /** 核定领导职数 of the rows in force (正科, 副科). */
    posts: number;
  };
  /** The 基本情况 report's figures on the same date, by key. */
  basic: Record<string, number>;
}

export const TABLE_CATEGORIES = UNIT_CATEGORIES.filter((c) => c !== '内设机构');
const RANK_COLUMNS = [...UNIT_RANKS, '未定规格'] as const;
export const TABLE_COLUMNS = {
  t1: ['合计', ...RANK_COLUMNS],
  t2: ['合计', '行政编制', '其中政法专项编制', '事业编制', '聘用编制'],
  t3: ['核定', '实有', '空编', '超编', '待入编', '其中招考待入编', '实际空编'],
  t4: ['核定', '实配', '空缺', '超配'],
} as const;
const POST_ROWS = [
  { label: '机关正科级', organ: true, level: '正科' },
  { label: '机关副科级', organ: true, level: '副科' },
  { label: '事业单位正科级', organ: false, level: '正科' },
  { label: '事业单位副科级', organ: false, level: '副科' },
] as const;

const sum = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0);
const column = (rows: readonly YearendRow[], i: number): number => sum(rows.map((r) => r.values[i] ?? 0));
const at = (row: YearendRow, i: number): number => row.values[i] ?? 0;

function unitsTable(input: YearendInput): YearendTable {
  const rows = TABLE_CATEGORIES.map((category) => {
    const of = input.units.filter((u) => u.unit.category === category);
    const byRank = RANK_COLUMNS.map((rank) =>
      rank === '未定规格'
        ? of.filter((u) => u.unit.rank === null).length
        : of.filter((u) => u.unit.rank === rank).length,
    );
    return { label: category, values: [of.length, ...byRank] };
  });
  const total = {
    label: '合计',
    values: [input.ledger.units, ...RANK_COLUMNS.map((_, i) => column(rows, i + 1))],
  };
  return { key: '表1', title: '机构数（按机构类别和规格）', columns: [...TABLE_COLUMNS.t1], rows, total };
}

function quotasTable(input: YearendInput): YearendTable {
  const rows = TABLE_CATEGORIES.map((category) => {
    const of = input.units.filter((u) => u.unit.category === category);
    const admin = sum(of.map((u) => u.byType['行政编制'].approved));
    const legal = sum(of.map((u) => u.politicalLegalApproved));
    const inst = sum(of.map((u) => u.byType['事业编制'].approved));
    const contract = sum(of.map((u) => u.byType['聘用编制'].approved));
    return { label: category, values: [admin + inst + contract, admin, legal, inst, contract] };
  });
  const q = input.ledger.quotaByType;
  const get = (t: string) => q[t] ?? 0;
  const total = {
    label: '合计',
    values: [
      sum(Object.values(q)),
      get('行政编制') + get('政法专项编制'),
      get('政法专项编制'),
      get('事业编制'),
      get('聘用编制'),
    ],
  };
  return { key: '表2', title: '编制核定数（按编制类型）', columns: [...TABLE_COLUMNS.t2], rows, total };
}

function staffTable(input: YearendInput): YearendTable {
  const rows = REPORTING_TYPES.map((t) => {
    const figs = input.units.map((u) => {
      const c = u.byType[t];
      return { f: figure(c.approved, c.actual, c.pending), exam: c.examPending };
    });
    return {
      label: t,
      values: [
        sum(figs.map((x) => x.f.approved)),
        sum(figs.map((x) => x.f.actual)),
        sum(figs.map((x) => x.f.vacant)),
        sum(figs.map((x) => x.f.over)),
        sum(figs.map((x) => x.f.pending)),
        sum(figs.map((x) => x.exam)),
        sum(figs.map((x) => x.f.realVacant)),
      ],
    };
  });
  const values = TABLE_COLUMNS.t3.map((_, i) => column(rows, i));
  values[1] = input.ledger.actual;
  return {
    key: '表3',
    title: '实有人员、空编与待入编（按编制类型）',
    columns: [...TABLE_COLUMNS.t3],
    rows,
    total: { label: '合计', values },
  };
}

function postsTable(input: YearendInput): YearendTable {
  const rows = POST_ROWS.map((r) => {
    const of = input.units.filter((u) =>
      r.organ
        ? ORGAN_CATEGORIES.includes(u.unit.category as (typeof ORGAN_CATEGORIES)[number])
        : u.unit.category === '事业单位',
    );
    const cells = of.map((u) => u.posts[r.level]);
    return {
      label: r.label,
      values: [
        sum(cells.map((c) => c.approved)),
        sum(cells.map((c) => c.filled)),
        sum(cells.map((c) => Math.max(0, c.approved - c.filled))),
        sum(cells.map((c) => Math.max(0, c.filled - c.approved))),
      ],
    };
  });
  const values = TABLE_COLUMNS.t4.map((_, i) => column(rows, i));
  values[0] = input.ledger.posts;
  return {
    key: '表4',
    title: '领导职数核定、实配与空缺（按职级）',
    columns: [...TABLE_COLUMNS.t4],
    rows,
    total: { label: '合计', values },
  };
}

export function buildTables(input: YearendInput): YearendTable[] {
  return [unitsTable(input), quotasTable(input), staffTable(input), postsTable(input)];
}

/** A list of comparisons; each that disagrees becomes a failure line. */
class CheckList {
  readonly checks: YearendCheck[] = [];
  add(
    kind: YearendCheck['kind'],
    name: string,
    pairs: { what: string; a: number; b: number; aName: string; bName: string }[],
  ) {
    const failures = pairs
      .filter((p) => p.a !== p.b)
      .map((p) => `${p.what}：${p.aName} ${p.a}，${p.bName} ${p.b}（相差 ${p.a - p.b}）`);
    this.checks.push({ kind, name, ok: failures.length === 0, failures });
  }
}

function table(tables: readonly YearendTable[], key: string): YearendTable {
  const t = tables.find((x) => x.key === key);
  if (!t) throw new Error(`年报缺少${key}`);
  return t;
}

export function runChecks(tables: readonly YearendTable[], input: YearendInput): YearendCheck[] {
  const c = new CheckList();
  const [t1, t2, t3, t4] = ['表1', '表2', '表3', '表4'].map((k) => table(tables, k)) as [
    YearendTable,
    YearendTable,
    YearendTable,
    YearendTable,
  ];

  // 表内
  c.add('表内', '表1 各类别机构数之和等于合计', [
    { what: '合计', a: column(t1.rows, 0), b: at(t1.total, 0), aName: '各类别之和', bName: '合计' },
  ]);
  c.add(
    '表内',
    '表1 各规格机构数之和等于本行合计',
    [...t1.rows, t1.total].map((r) => ({
      what: r.label,
      a: sum(r.values.slice(1)),
      b: at(r, 0),
      aName: '各规格之和',
      bName: '合计',
    })),
  );
  c.add(
    '表内',
    '表2 行政、事业、聘用编制之和等于本行合计',
    [...t2.rows, t2.total].map((r) => ({
      what: r.label,
      a: at(r, 1) + at(r, 3) + at(r, 4),
      b: at(r, 0),
      aName: '行政+事业+聘用',
      bName: '合计',
    })),
  );
  c.add(
    '表内',
    '表2 政法专项编制不超过行政编制',
    [...t2.rows, t2.total]
      .filter((r) => at(r, 2) > at(r, 1))
      .map((r) => ({ what: r.label, a: at(r, 2), b: at(r, 1), aName: '政法专项', bName: '行政编制' })),
  );
  c.add(
    '表内',
    '表2 各类别之和等于合计（台账）',
    t2.columns.map((name, i) => ({
      what: name,
      a: column(t2.rows, i),
      b: at(t2.total, i),
      aName: '各类别之和',
      bName: '台账合计',
    })),
  );
  c.add(
    '表内',
    '表3 核定 − 实有 = 空编 − 超编',
    [...t3.rows, t3.total].map((r) => ({
      what: r.label,
      a: at(r, 0) - at(r, 1),
      b: at(r, 2) - at(r, 3),
      aName: '核定−实有',
      bName: '空编−超编',
    })),
  );
  c.add('表内', '表3 各编制类型实有之和等于合计（台账）', [
    { what: '实有', a: column(t3.rows, 1), b: at(t3.total, 1), aName: '各类型之和', bName: '台账在编人数' },
  ]);
  c.add(
    '表内',
    '表4 核定 − 实配 = 空缺 − 超配',
    [...t4.rows, t4.total].map((r) => ({
      what: r.label,
      a: at(r, 0) - at(r, 1),
      b: at(r, 2) - at(r, 3),
      aName: '核定−实配',
      bName: '空缺−超配',
    })),
  );
  c.add('表内', '表4 各职级核定之和等于合计（台账）', [
    { what: '核定', a: column(t4.rows, 0), b: at(t4.total, 0), aName: '各行之和', bName: '台账核定' },
  ]);

  // 表间
  const row = (t: YearendTable, label: string) => t.rows.find((r) => r.label === label);
  c.add(
    '表间',
    '表3 各类型核定数等于表2',
    [
      { what: '行政编制', a: at(row(t3, '行政编制') ?? t3.total, 0), b: column(t2.rows, 1) },
      { what: '事业编制', a: at(row(t3, '事业编制') ?? t3.total, 0), b: column(t2.rows, 3) },
      { what: '聘用编制', a: at(row(t3, '聘用编制') ?? t3.total, 0), b: column(t2.rows, 4) },
      { what: '合计', a: at(t3.total, 0), b: column(t2.rows, 0) },
    ].map((p) => ({ ...p, aName: '表3', bName: '表2' })),
  );
  const b = (k: string) => input.basic[k] ?? 0;
  const pgRows = t1.rows.filter((r) =>
    PARTY_GOVERNMENT_CATEGORIES.includes(r.label as (typeof PARTY_GOVERNMENT_CATEGORIES)[number]),
  );
  c.add(
    '表间',
    '机构数与基本情况报告一致',
    [
      { what: '党政机构', a: column(pgRows, 0), b: b('partyGovernmentOrgans') },
      { what: '事业单位', a: at(row(t1, '事业单位') ?? t1.total, 0), b: b('institutions') },
      { what: '派出机构', a: at(row(t1, '派出机构') ?? t1.total, 0), b: b('dispatchedOrgans') },
    ].map((p) => ({ ...p, aName: '表1', bName: '基本情况' })),
  );
  c.add('表间', '上报编制数等于台账和基本情况报告', [
    {
      what: '行政事业编制（台账）',
      a: at(t2.total, 0),
      b: b('quotaTotal'),
      aName: '表2 台账合计',
      bName: '基本情况',
    },
    { what: '行政编制', a: at(t2.total, 1), b: b('adminQuota'), aName: '表2 台账合计', bName: '基本情况' },
    {
      what: '政法专项编制',
      a: at(t2.total, 2),
      b: b('politicalLegalQuota'),
      aName: '表2 台账合计',
      bName: '基本情况',
    },
    {
      what: '事业编制',
      a: at(t2.total, 3),
      b: b('institutionQuota'),
      aName: '表2 台账合计',
      bName: '基本情况',
    },
    { what: '聘用编制', a: at(t2.total, 4), b: b('contractQuota'), aName: '表2 台账合计', bName: '基本情况' },
  ]);
  const t3v = (label: string, i: number) => at(row(t3, label) ?? t3.total, i);
  c.add(
    '表间',
    '实有、空编、待入编与基本情况报告一致',
    [
      { what: '实有占编人员（台账）', a: at(t3.total, 1), b: b('totalActual') },
      { what: '总体空编', a: at(t3.total, 2), b: b('totalVacant') },
      { what: '待入编', a: at(t3.total, 4), b: b('totalPending') },
      { what: '实际空编', a: at(t3.total, 6), b: b('totalRealVacant') },
      { what: '行政编实有', a: t3v('行政编制', 1), b: b('adminActual') },
      { what: '行政编空编', a: t3v('行政编制', 2), b: b('adminVacant') },
      { what: '事业编实有', a: t3v('事业编制', 1), b: b('institutionActual') },
      { what: '事业编空编', a: t3v('事业编制', 2), b: b('institutionVacant') },
      { what: '聘用编实有', a: t3v('聘用编制', 1), b: b('contractActual') },
      { what: '聘用编空编', a: t3v('聘用编制', 2), b: b('contractVacant') },
    ].map((p) => ({ ...p, aName: '表3', bName: '基本情况' })),
  );
  c.add(
    '表间',
    '领导职数空缺与基本情况报告一致',
    [
      { what: '科级领导未配（机关）', a: column(t4.rows.slice(0, 2), 2), b: b('organLeadershipUnfilled') },
      { what: '事业单位科级领导未配', a: column(t4.rows.slice(2), 2), b: b('institutionLeadershipUnfilled') },
    ].map((p) => ({ ...p, aName: '表4', bName: '基本情况' })),
  );
  return c.checks;
}

/** Every figure of the tables, keyed by table, row and column: what a submission stores. */
export function tableFigures(tables: readonly YearendTable[]): YearendFigure[] {
  const out: YearendFigure[] = [];
  for (const t of tables) {
    for (const r of [...t.rows, t.total]) {
      t.columns.forEach((col, i) => {
        out.push({ key: `${t.key}|${r.label}|${col}`, label: `${t.key} ${r.label} ${col}`, value: at(r, i) });
      });
    }
  }
  return out;
}

/** SHA-256 of the figures in key order: what seals a submission. */
export function figuresHash(figures: readonly YearendFigure[]): string {
  const canonical = [...figures]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((f) => [f.key, f.value]);
  return crypto.createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/** The figures of a locked year that the ledger now gives differently. */
export function figureDifferences(
  submitted: readonly YearendFigure[],
  now: readonly YearendFigure[],
): YearendDifference[] {
  const nowByKey = new Map(now.map((f) => [f.key, f]));
  const out: YearendDifference[] = [];
  for (const s of submitted) {
    const n = nowByKey.get(s.key);
    if (!n || n.value !== s.value)
      out.push({ key: s.key, label: s.label, submitted: s.value, now: n ? n.value : null });
    nowByKey.delete(s.key);
  }
  for (const n of nowByKey.values()) out.push({ key: n.key, label: n.label, submitted: null, now: n.value });
  return out;
}
