// The form values of a change (one card of the proposal form) and their conversion to and from the
// Change payloads of src/common/matters.ts.
import type {
  Affiliation,
  EntryChannel,
  FundingForm,
  InstitutionType,
  LeadershipLevel,
  PostLevel,
  QuotaType,
  Sector,
  UnitCategory,
  UnitRank,
} from '../../../../src/common/labels.ts';
import type { Change, ChangeKind, UnitNode } from '../../api/index.ts';
import { CHANGE_KINDS, type LeaveReason, type PlanChannel } from '../../lib/matter-labels.ts';

export type Direction = 'out' | 'in';

export interface TransferLineDraft {
  unitId?: number;
  direction?: Direction;
  amount?: number;
}

export type PersonMode = 'existing' | 'new';

/** One change as the form holds it: every field optional until the form is validated. */
export interface ChangeDraft {
  kind: ChangeKind;
  unitId?: number;
  unitIds?: number[];
  intoUnitId?: number;
  parentUnitId?: number;
  code?: string;
  /** New name (更名), plaque (加挂牌子) or the name of a new unit (机构设立). */
  name?: string;
  category?: UnitCategory;
  rank?: UnitRank;
  affiliation?: Affiliation;
  countsTowardDirectLimit?: boolean;
  funding?: FundingForm;
  type?: InstitutionType;
  sector?: Sector;
  quotaType?: QuotaType;
  amount?: number;
  lines?: TransferLineDraft[];
  level?: PostLevel;
  approved?: number;
  places?: number;
  planChannel?: PlanChannel;
  freeNormalStudents?: number;
  personMode?: PersonMode;
  personId?: number;
  idNumber?: string;
  personName?: string;
  entryChannel?: EntryChannel;
  leadershipLevel?: LeadershipLevel;
  planMatterId?: number;
  reason?: LeaveReason;
  /** 职责划转: the responsibility moved from `unitId` to `intoUnitId`. */
  duty?: string;
}

export interface ChangesValues {
  changes?: ChangeDraft[];
}

/** What the server writes in place of a sealed 身份证号 it sends back. */
export const REDACTED_ID = '（已加密）';

/** A fresh card of the kind; a liaison's units default to their own. */
export function newDraft(kind: ChangeKind, ownUnitId: number | null): ChangeDraft {
  const unitId = ownUnitId ?? undefined;
  switch (kind) {
    case 'transfer':
      return { kind, lines: [{ direction: 'out' }, { direction: 'in' }] };
    case 'enter':
      return { kind, personMode: 'existing', leadershipLevel: '无', unitId };
    case 'recruitmentPlan':
      return { kind, planChannel: '招聘', freeNormalStudents: 0, unitId };
    case 'establish':
      return { kind, parentUnitId: unitId };
    case 'merge':
      return { kind, unitIds: [] };
    case 'leave':
      return { kind };
    default:
      return { kind, unitId };
  }
}

class DraftError extends Error {}

function need<T>(value: T | undefined | null, what: string, index: number): T {
  if (value === undefined || value === null || value === '') {
    throw new DraftError(`第 ${String(index + 1)} 项变更：请填写${what}`);
  }
  return value;
}

/** The payload of one card; throws an Error with a Chinese message when something is missing. */
export function toChange(draft: ChangeDraft, index: number): Change {
  const n = <T>(value: T | undefined | null, what: string): T => need(value, what, index);
  switch (draft.kind) {
    case 'establish':
      return {
        kind: 'establish',
        code: n(draft.code, '机构编码').trim(),
        name: n(draft.name, '机构名称').trim(),
        category: n(draft.category, '机构类别'),
        parentUnitId: draft.parentUnitId ?? null,
        rank: draft.rank ?? null,
        affiliation: draft.affiliation ?? null,
        countsTowardDirectLimit: draft.countsTowardDirectLimit ?? null,
        funding: draft.funding ?? null,
        type: draft.type ?? null,
        sector: draft.sector ?? null,
      };
    case 'abolish':
      return { kind: 'abolish', unitId: n(draft.unitId, '撤销的机构') };
    case 'merge':
      return {
        kind: 'merge',
        unitIds: n(draft.unitIds?.length ? draft.unitIds : undefined, '被合并的机构'),
        intoUnitId: n(draft.intoUnitId, '并入的机构'),
      };
    case 'rename':
      return { kind: 'rename', unitId: n(draft.unitId, '机构'), name: n(draft.name, '新名称').trim() };
    case 'rank':
      return { kind: 'rank', unitId: n(draft.unitId, '机构'), rank: n(draft.rank, '机构规格') };
    case 'plaque':
      return { kind: 'plaque', unitId: n(draft.unitId, '机构'), name: n(draft.name, '牌子名称').trim() };
    case 'quotaAdd':
    case 'quotaReduce':
      return {
        kind: draft.kind,
        unitId: n(draft.unitId, '机构'),
        quotaType: n(draft.quotaType, '编制类型'),
        amount: n(draft.amount, '数量'),
      };
    case 'transfer':
      return {
        kind: 'transfer',
        quotaType: n(draft.quotaType, '编制类型'),
        lines: (draft.lines ?? []).map((line, i) => {
          const amount = need(line.amount, `第 ${String(i + 1)} 行的数量`, index);
          const direction = need(line.direction, `第 ${String(i + 1)} 行的调出/调入`, index);
          return {
            unitId: need(line.unitId, `第 ${String(i + 1)} 行的单位`, index),
            delta: direction === 'out' ? -amount : amount,
          };
        }),
      };
    case 'poolBorrow':
    case 'poolReturn':
      return { kind: draft.kind, unitId: n(draft.unitId, '机构'), amount: n(draft.amount, '数量') };
    case 'posts':
      return {
        kind: 'posts',
        unitId: n(draft.unitId, '机构'),
        level: n(draft.level, '职数级别'),
        approved: n(draft.approved, '核定职数'),
      };
    case 'recruitmentPlan':
      return {
        kind: 'recruitmentPlan',
        unitId: n(draft.unitId, '用编单位'),
        quotaType: n(draft.quotaType, '编制类型'),
        places: n(draft.places, '计划数'),
        channel: n(draft.planChannel, '招考方式'),
        freeNormalStudents: draft.freeNormalStudents ?? 0,
      };
    case 'enter': {
      const existing = draft.personMode !== 'new';
      return {
        kind: 'enter',
        personId: existing ? n(draft.personId, '上编人员') : null,
        idNumber: existing ? null : n(draft.idNumber, '身份证号').trim().toUpperCase(),
        name: existing ? null : n(draft.personName, '姓名').trim(),
        unitId: n(draft.unitId, '上编单位'),
        quotaType: n(draft.quotaType, '编制类型'),
        channel: n(draft.entryChannel, '入编方式'),
        leadershipLevel: draft.leadershipLevel ?? '无',
        planMatterId: draft.planMatterId ?? null,
      };
    }
    case 'leave':
      return { kind: 'leave', personId: n(draft.personId, '下编人员'), reason: n(draft.reason, '下编原因') };
    case 'duty':
      return {
        kind: 'duty',
        fromUnitId: n(draft.unitId, '划出职责的机构'),
        toUnitId: n(draft.intoUnitId, '承接职责的机构'),
        duty: n(draft.duty, '划转的职责').trim(),
      };
  }
}

export function toChanges(drafts: readonly ChangeDraft[]): Change[] {
  return drafts.map((draft, index) => toChange(draft, index));
}

/** The card of a stored change (a returned matter whose changes are edited before resubmitting). */
export function fromChange(change: Change): ChangeDraft {
  switch (change.kind) {
    case 'establish':
      return {
        kind: 'establish',
        code: change.code,
        name: change.name,
        category: change.category,
        parentUnitId: change.parentUnitId ?? undefined,
        rank: change.rank ?? undefined,
        affiliation: change.affiliation ?? undefined,
        countsTowardDirectLimit: change.countsTowardDirectLimit ?? undefined,
        funding: change.funding ?? undefined,
        type: change.type ?? undefined,
        sector: change.sector ?? undefined,
      };
    case 'transfer':
      return {
        kind: 'transfer',
        quotaType: change.quotaType,
        lines: change.lines.map((line) => ({
          unitId: line.unitId,
          direction: line.delta < 0 ? 'out' : 'in',
          amount: Math.abs(line.delta),
        })),
      };
    case 'recruitmentPlan':
      return {
        kind: 'recruitmentPlan',
        unitId: change.unitId,
        quotaType: change.quotaType,
        places: change.places,
        planChannel: change.channel,
        freeNormalStudents: change.freeNormalStudents,
      };
    case 'enter':
      return {
        kind: 'enter',
        personMode: change.personId === null ? 'new' : 'existing',
        personId: change.personId ?? undefined,
        // a sealed 身份证号 comes back masked and has to be typed in again
        idNumber: change.idNumber && change.idNumber !== REDACTED_ID ? change.idNumber : undefined,
        personName: change.name ?? undefined,
        unitId: change.unitId,
        quotaType: change.quotaType,
        entryChannel: change.channel,
        leadershipLevel: change.leadershipLevel,
        planMatterId: change.planMatterId ?? undefined,
      };
    case 'duty':
      return { kind: 'duty', unitId: change.fromUnitId, intoUnitId: change.toUnitId, duty: change.duty };
    default:
      return { ...change };
  }
}

/**
 * The units the drafted changes set up, as pickable units: the n-th 机构设立 card (with a name)
 * is the unit -n, which later cards of the same list may name (the server checks the order).
 */
export function plannedUnits(drafts: readonly (ChangeDraft | undefined)[] | undefined): UnitNode[] {
  const out: UnitNode[] = [];
  let n = 0;
  for (const d of drafts ?? []) {
    if (d?.kind !== 'establish') continue;
    n += 1;
    if (!d.name?.trim() || !d.category) continue;
    out.push({
      id: -n,
      code: d.code?.trim() ?? '',
      name: `${d.name.trim()}（本次新设）`,
      category: d.category,
      parentId: d.parentUnitId ?? null,
      exists: true,
    });
  }
  return out;
}

/**
 * The two sides of a transfer as drafted: what leaves and what arrives; balanced when they are
 * equal and not nothing (lines without a number count as 0).
 */
export function transferBalance(lines: readonly TransferLineDraft[] | undefined): {
  out: number;
  into: number;
  balanced: boolean;
} {
  const sum = (direction: Direction) =>
    (lines ?? [])
      .filter((line) => line.direction === direction)
      .reduce((total, line) => total + (typeof line.amount === 'number' ? line.amount : 0), 0);
  const out = sum('out');
  const into = sum('in');
  return { out, into, balanced: out === into && out > 0 };
}

export function kindLabel(kind: ChangeKind): string {
  return CHANGE_KINDS[kind];
}

/** GB 11643 shape and check character (the server checks the address and birth date too). */
export function idNumberProblem(value: string): string | null {
  const id = value.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return '身份证号应为18位，最后一位可为数字或X';
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(id[i]) * (weights[i] ?? 0);
  const check = '10X98765432'[sum % 11];
  return check === id[17] ? null : '身份证号校验位不正确，请核对';
}

export function isDraftError(error: unknown): error is Error {
  return error instanceof DraftError;
}
