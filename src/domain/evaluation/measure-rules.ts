// Pure arithmetic of the indicators the ledger measures beyond 超编进人 and 中小学编制保障率
// (plan-rules.ts): the placement history those entries are counted on, 超职数配备, 机构限额,
// matters without 文号 or recorded late, 编制使用率 (100 % − 空编率), 实名制 differences and the
// annual reports filed on time. Each returns the rows behind its number, in the user's words.
import { DIFFERENCE_LABELS, type DifferenceKind } from '../../common/reconciliation.ts';
import type { MeasureRow } from '../../common/wire-evaluation.ts';
import { figure, REPORTING_TYPES, type ReportingType } from '../establishment/rules.ts';
import { countsToward, INSTITUTION_LIMIT_KINDS } from '../matters/rules.ts';
import { expectedToFile, onTimeRate } from '../registration/rules.ts';
import type { Occupancy } from './plan-rules.ts';

const ON_ESTABLISHMENT = ['在编', '已出编'];

/** A placement row as recorded, current or not (retracted corrections left out). */
export interface PlacementHistoryRow {
  id: number;
  personId: number;
  personName: string;
  unitId: number;
  quotaType: string;
  status: string;
  enteredOn: string | null;
  leftOn: string | null;
}

/**
 * Who occupied a quota of which unit when, from the whole placement history: a person's rows in
 * recording order; rows with the same unit, quota type and 入编日期 are one stint (a 下编 records a
 * new row of the same stint with its 出编日期), and a stint still open when the person is placed
 * elsewhere ends on the later placement's 入编日期. Result in (入编日期, id) order, as
 * overQuotaEntries takes it. Rows `history` must be in (person, id) order.
 */
export function placementStints(history: readonly PlacementHistoryRow[]): Occupancy[] {
  const out: Occupancy[] = [];
  let last: Occupancy | undefined;
  let person: number | undefined;
  for (const row of history) {
    if (row.personId !== person) {
      person = row.personId;
      last = undefined;
    }
    if (!ON_ESTABLISHMENT.includes(row.status) || row.enteredOn === null) continue;
    if (
      last !== undefined &&
      last.unitId === row.unitId &&
      last.quotaType === row.quotaType &&
      last.enteredOn === row.enteredOn
    ) {
      last.leftOn = row.leftOn;
      continue;
    }
    if (last !== undefined && (last.leftOn === null || last.leftOn > row.enteredOn))
      last.leftOn = row.enteredOn;
    last = {
      id: row.id,
      personName: row.personName,
      unitId: row.unitId,
      quotaType: row.quotaType,
      enteredOn: row.enteredOn,
      leftOn: row.leftOn,
    };
    out.push(last);
  }
  return out.sort((a, b) => a.enteredOn.localeCompare(b.enteredOn) || a.id - b.id);
}

export interface Count {
  occurrences: number;
  rows: MeasureRow[];
}

type PostLevel = '正科' | '副科';

/**
 * 超职数配备: per level, the people on the establishment holding it beyond the approved posts
 * (the 基本情况 report's per-unit cells); a post filled twice is one person over.
 */
export function leaderPostsExceeded(
  unitId: number,
  posts: Record<PostLevel, { approved: number; filled: number }>,
  leaders: readonly { name: string; level: string }[],
): Count {
  const rows: MeasureRow[] = [];
  let occurrences = 0;
  for (const level of ['正科', '副科'] as const) {
    const { approved, filled } = posts[level];
    const over = Math.max(0, filled - approved);
    if (over === 0) continue;
    occurrences += over;
    const names = leaders.filter((l) => l.level === level).map((l) => l.name);
    rows.push({
      text: `${level}领导职数核定 ${approved} 名，实配 ${filled} 名（${names.join('、')}），超配 ${over} 名`,
      ref: { table: 'units', id: unitId },
    });
  }
  return { occurrences, rows };
}

export interface TypeCounts {
  approved: number;
  actual: number;
}

/**
 * 编制使用率 = 100 % − 空编率, where 空编率 = Σ 空编 ÷ Σ 核定 over 行政, 事业 and 聘用 and 空编
 * V = max(0, 核定 − 实有) per type (domain.md §5); two decimals. Null for a unit with no quota.
 */
export function quotaUseRatio(
  unitId: number,
  byType: Record<ReportingType, TypeCounts>,
): { percent: number; rows: MeasureRow[] } | null {
  let approved = 0;
  let vacant = 0;
  const rows: MeasureRow[] = [];
  for (const t of REPORTING_TYPES) {
    const f = figure(byType[t].approved, byType[t].actual, 0);
    if (f.approved === 0 && f.actual === 0) continue;
    approved += f.approved;
    vacant += f.vacant;
    rows.push({
      text: `${t}：核定 ${f.approved} 名，实有 ${f.actual} 名，空编 ${f.vacant} 名`,
      ref: { table: 'units', id: unitId },
    });
  }
  if (approved === 0) return null;
  const percent = Math.round(((approved - vacant) / approved) * 10000) / 100;
  rows.push({
    text: `空编率 ${Math.round((vacant / approved) * 10000) / 100}%（空编 ${vacant} ÷ 核定 ${approved}），编制使用率 ${percent}%`,
    ref: { table: 'units', id: unitId },
  });
  return { percent, rows };
}

export interface LimitUnit {
  id: number;
  name: string;
  category: string;
  affiliation: string | null;
  countsTowardDirectLimit: boolean;
}

/**
 * 机构限额 (the rule matters are checked by): triggered when a unit of the evaluated unit's subtree
 * that counts toward a 机构限额 came into being in the period (it did not exist the day before) and
 * the county's count of that kind at the period's end is over the cap. Null when no limit is set.
 */
export function institutionLimitBreach(opts: {
  limits: readonly { kind: string; cap: number; source: string }[];
  unitsAtEnd: readonly LimitUnit[];
  existedBefore: ReadonlySet<number>;
  subtree: ReadonlySet<number>;
  evaluatedUnitId: number;
}): { triggered: boolean; rows: MeasureRow[] } | null {
  const rows: MeasureRow[] = [];
  let triggered = false;
  let anyLimit = false;
  for (const kind of INSTITUTION_LIMIT_KINDS) {
    const limit = opts.limits.find((l) => l.kind === kind);
    if (limit === undefined) continue;
    anyLimit = true;
    const counted = opts.unitsAtEnd.filter((u) => countsToward(kind, u));
    const status = `全县${kind} ${counted.length} 个，机构限额 ${limit.cap} 个（${limit.source}）`;
    const added = counted.filter((u) => opts.subtree.has(u.id) && !opts.existedBefore.has(u.id));
    if (counted.length > limit.cap && added.length > 0) {
      triggered = true;
      for (const u of added)
        rows.push({ text: `评估期内设立${u.name}，${status}，突破限额`, ref: { table: 'units', id: u.id } });
    } else {
      rows.push({
        text: added.length > 0 ? `评估期内设立 ${added.length} 个，${status}，未突破` : status,
        ref: { table: 'units', id: opts.evaluatedUnitId },
      });
    }
  }
  return anyLimit ? { triggered, rows } : null;
}

export interface PeriodMatter {
  id: number;
  title: string;
  docNo: string | null;
  decidedOn: string;
}

/**
 * Matters decided in the period without a 批准文号, or not recorded in time (the timeliness
 * check's 录入不及时 and 未及时组织实施 items, by matter id with their working days late): one
 * occurrence per matter, its faults named.
 */
export function matterRecordFaults(
  matters: readonly PeriodMatter[],
  late: ReadonlyMap<number, { daysLate: number; implemented: boolean }>,
): Count {
  const rows: MeasureRow[] = [];
  for (const m of matters) {
    const faults: string[] = [];
    if (m.docNo === null || m.docNo.trim() === '') faults.push('未载明批准文号');
    const l = late.get(m.id);
    if (l !== undefined)
      faults.push(
        l.implemented
          ? `组织实施录入不及时（逾期 ${l.daysLate} 个工作日）`
          : `决定后逾期 ${l.daysLate} 个工作日未组织实施`,
      );
    if (faults.length > 0)
      rows.push({
        text: `${m.decidedOn}“${m.title}”：${faults.join('；')}`,
        ref: { table: 'matters', id: m.id },
      });
  }
  return { occurrences: rows.length, rows };
}

export interface DifferenceItem {
  id: number;
  source: string;
  comparedOn: string;
  kind: DifferenceKind;
  name: string;
}

/** 实名制 differences of the latest comparison with each list: one occurrence per item. */
export function realNameDifferences(items: readonly DifferenceItem[]): Count {
  const rows = items.map((i) => ({
    text: `${i.comparedOn} ${i.source}名单比对：${i.name}，${DIFFERENCE_LABELS[i.kind]}`,
    ref: { table: 'reconciliation_items' as const, id: i.id },
  }));
  return { occurrences: rows.length, rows };
}

export interface RegistrationFiling {
  registrationId: number;
  name: string;
  registeredOn: string;
  cancelledOn: string | null;
  /** The report on the year: its submission date and 逾期 mark, or null when none was filed. */
  report: { submittedOn: string | null; late: boolean } | null;
}

/**
 * Annual reports on time: of the institutions expected to file the report on `year`, the share
 * filed within the window (the registration's own on-time rate). Null when none was expected.
 */
export function annualReportsOnTime(
  filings: readonly RegistrationFiling[],
  year: number,
): { percent: number; rows: MeasureRow[] } | null {
  const expected = filings.filter((f) => expectedToFile(f, year));
  let onTime = 0;
  const rows: MeasureRow[] = expected.map((f) => {
    const submitted = f.report?.submittedOn ?? null;
    const state =
      submitted === null
        ? '未报送'
        : f.report?.late === true
          ? `${submitted} 逾期报送`
          : `${submitted} 按时报送`;
    if (submitted !== null && f.report?.late !== true) onTime += 1;
    return {
      text: `${f.name}：${year}年度报告${state}`,
      ref: { table: 'registrations', id: f.registrationId },
    };
  });
  const percent = onTimeRate(onTime, expected.length);
  return percent === null ? null : { percent, rows };
}
