// The 工作统计 of a period (domain.md §7): the figures of section 二 computed from the
// matters implemented within the period (their recorded changes), the recruitment plans
// decided within it, and, for 乡镇编制总量, the ledger on the period's last day. Every figure
// keeps the matters behind it for the drill-down. The definitions are in common/report-work.ts.
import { isIsoDate } from '../../common/dates.ts';
import {
  WORK_FIGURES,
  type QuotaAddedLine,
  type TownshipQuotaLine,
  type WorkFigureKey,
  type WorkMatterRef,
  type WorkStatistics,
} from '../../common/report-work.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { historyMattersWithin, type HistoryMatterRecord } from '../../db/repositories/history.ts';
import { mattersDatedWithin, type MatterRow } from '../../db/repositories/matters.ts';
import { quotasOn, unitsOn } from '../../db/repositories/reports.ts';
import { unitIdsByCode, unitsAsOf, type UnitRecord } from '../../db/repositories/units.ts';
import { invalid } from '../../errors.ts';
import { resolveByCode } from '../matters/change-rules.ts';
import { parseChanges } from '../matters/snapshot.ts';
import { registrationWorkFigures } from '../registration/work-figures.ts';
import { reportScope } from './report-scope.ts';

/** 行政、事业编制 as the report counts them: 行政 (with 政法专项, a part of it) and 事业. */
const ADMIN_INSTITUTION_TYPES: readonly string[] = ['行政编制', '政法专项编制', '事业编制'];

/** The townships' establishment: 乡镇 and 街道 themselves, and the institutions they own. */
export function isTownshipUnit(u: { category: string; affiliation: string | null }): boolean {
  return (
    u.category === '乡镇' ||
    u.category === '街道' ||
    (u.category === '事业单位' && (u.affiliation === '乡镇所属' || u.affiliation === '街道所属'))
  );
}

function refOf(m: MatterRow | WorkMatterRef): WorkMatterRef {
  if ('matterId' in m) return m;
  return {
    matterId: m.id,
    title: m.title,
    docNo: m.docNo,
    effectiveOn: m.effectiveOn,
    decidedOn: m.decidedOn,
    historical: false,
  };
}

/** A matter from before the system, as a reference: its id negated (never a real matter's). */
function historyRef(h: HistoryMatterRecord): WorkMatterRef {
  return {
    matterId: -h.id,
    title: `历史事项：${h.kind} ${h.unitName}`,
    docNo: h.docNo,
    effectiveOn: h.effectiveOn,
    decidedOn: h.effectiveOn,
    historical: true,
  };
}

/** A figure being summed, with the matters that contributed to it. */
class Tally {
  value = 0;
  readonly matters = new Map<number, WorkMatterRef>();
  add(amount: number, m: MatterRow | WorkMatterRef): void {
    if (amount === 0) return;
    this.value += amount;
    this.note(m);
  }
  /** Records a matter behind the figure that adds nothing new to it (a unit already counted). */
  note(m: MatterRow | WorkMatterRef): void {
    const ref = refOf(m);
    if (!this.matters.has(ref.matterId)) this.matters.set(ref.matterId, ref);
  }
}

/** Units as of a date, by id: read once per date (the matters of a period share few dates). */
function unitLookup(db: Executor, regionCodes: string[]) {
  const byDate = new Map<string, Promise<Map<number, UnitRecord>>>();
  return (date: string): Promise<Map<number, UnitRecord>> => {
    let units = byDate.get(date);
    if (!units) {
      units = unitsAsOf(db, regionCodes, date).then((rows) => new Map(rows.map((u) => [u.id, u])));
      byDate.set(date, units);
    }
    return units;
  };
}

export async function computeWorkStatistics(
  db: Executor,
  opts: { regionCode: string; from: string; to: string },
): Promise<WorkStatistics> {
  if (!isIsoDate(opts.from) || !isIsoDate(opts.to)) throw invalid('日期应为存在的日期，格式 YYYY-MM-DD');
  if (opts.from > opts.to) throw invalid('统计期起始日期不能晚于截止日期');
  const scope = await reportScope(db, opts.regionCode);
  const regionCodes = scope.counties.map((c) => c.code);

  const [implemented, decided, unitsAtEnd, quotasAtEnd, past] = await Promise.all([
    mattersDatedWithin(db, {
      regionCodes,
      states: ['implemented'],
      dateColumn: 'effective_on',
      from: opts.from,
      to: opts.to,
    }),
    mattersDatedWithin(db, {
      regionCodes,
      states: ['decided', 'implemented'],
      dateColumn: 'decided_on',
      from: opts.from,
      to: opts.to,
    }),
    unitsOn(db, regionCodes, opts.to),
    quotasOn(db, regionCodes, opts.to),
    historyMattersWithin(db, { regionCodes, from: opts.from, to: opts.to }),
  ]);

  const tallies = new Map<WorkFigureKey, Tally>(WORK_FIGURES.map((f) => [f.key, new Tally()]));
  const tally = (key: WorkFigureKey): Tally => {
    const t = tallies.get(key);
    if (!t) throw new Error(`未定义的工作统计指标 ${key}`);
    return t;
  };
  const unitsOnDate = unitLookup(db, regionCodes);
  const raw = implemented.map((m) => ({ m, changes: parseChanges(m.changes) }));
  const needsCodes = raw.some((p) => p.changes.some((c) => c.kind === 'establish'));
  const idsByCode = needsCodes ? await unitIdsByCode(db, regionCodes) : new Map<string, number>();
  // A change naming a unit the same matter established (a local reference) counts that unit.
  const parsed = raw.map(({ m, changes }) => ({
    m,
    changes: resolveByCode(changes, (code) => idsByCode.get(`${m.regionCode}/${code}`)),
  }));

  // 调整优化机构设置 counts distinct units: a unit adjusted twice is one unit adjusted.
  const adjustedUnits = new Set<string>();
  const added = new Map<string, QuotaAddedLine>();

  for (const { m, changes } of parsed) {
    const date = m.effectiveOn ?? opts.to;
    const adjust = (keys: string[]): void => {
      const fresh = keys.filter((k) => !adjustedUnits.has(k));
      for (const k of fresh) adjustedUnits.add(k);
      tally('unitsAdjusted').add(fresh.length, m);
      // A matter that only touches units already counted is still one of the matters behind it.
      if (keys.length > 0) tally('unitsAdjusted').note(m);
    };
    for (const c of changes) {
      switch (c.kind) {
        case 'establish': {
          const id = idsByCode.get(`${m.regionCode}/${c.code}`);
          adjust([id === undefined ? `code:${m.regionCode}/${c.code}` : `id:${id}`]);
          tally('unitsEstablished').add(1, m);
          if (c.category === '事业单位' && c.type === '中小学') tally('schoolsEstablished').add(1, m);
          if (c.category === '事业单位' && c.type === '幼儿园') tally('kindergartensEstablished').add(1, m);
          break;
        }
        case 'abolish':
        case 'rename':
        case 'rank':
        case 'plaque':
          adjust([`id:${c.unitId}`]);
          break;
        case 'merge':
          adjust([...c.unitIds, c.intoUnitId].map((id) => `id:${id}`));
          break;
        case 'transfer': {
          if (!ADMIN_INSTITUTION_TYPES.includes(c.quotaType)) break;
          tally('quotasTransferred').add(
            c.lines.reduce((s, l) => s + Math.max(0, l.delta), 0),
            m,
          );
          const units = await unitsOnDate(date);
          const intoTownships = c.lines.reduce((s, l) => {
            const u = units.get(l.unitId);
            return u && isTownshipUnit(u) ? s + l.delta : s;
          }, 0);
          tally('quotasToTownships').add(Math.max(0, intoTownships), m);
          break;
        }
        case 'quotaAdd': {
          tally('quotasAdded').add(c.amount, m);
          const key = `${c.unitId}|${c.quotaType}`;
          let line = added.get(key);
          if (!line) {
            const u = (await unitsOnDate(date)).get(c.unitId);
            line = {
              unitId: c.unitId,
              unitCode: u?.code ?? '',
              unitName: u?.name ?? `机构${c.unitId}`,
              quotaType: c.quotaType,
              amount: 0,
              matters: [],
            };
            added.set(key, line);
          }
          line.amount += c.amount;
          if (!line.matters.some((r) => r.matterId === m.id)) line.matters.push(refOf(m));
          break;
        }
        case 'poolBorrow':
          tally('poolObtained').add(c.amount, m);
          break;
        case 'enter':
          if (c.channel === '退役士兵安置') tally('veteransPlaced').add(1, m);
          if (c.channel === '考录' || c.channel === '招聘') tally('inQuotaSupplement').add(1, m);
          if (c.channel === '县内交流') tally('countyExchange').add(1, m);
          break;
        default:
          break;
      }
    }
  }

  for (const m of decided) {
    for (const c of parseChanges(m.changes)) {
      if (c.kind !== 'recruitmentPlan') continue;
      tally('recruitmentPlaces').add(c.places, m);
      tally('freeNormalStudents').add(c.freeNormalStudents ?? 0, m);
    }
  }

  // Matters from before the system (历史事项, imported): the same figures, from their rows.
  for (const h of past) {
    const ref = historyRef(h);
    const unitKey = h.unitId === null ? `history:${h.unitName}` : `id:${h.unitId}`;
    const counted = ADMIN_INSTITUTION_TYPES.includes(h.quotaType ?? '');
    switch (h.kind) {
      case '设立': {
        const fresh = !adjustedUnits.has(unitKey);
        adjustedUnits.add(unitKey);
        if (fresh) tally('unitsAdjusted').add(1, ref);
        tally('unitsAdjusted').note(ref);
        tally('unitsEstablished').add(1, ref);
        const u = h.unitId === null ? undefined : (await unitsOnDate(h.effectiveOn)).get(h.unitId);
        if (u?.category === '事业单位' && u.type === '中小学') tally('schoolsEstablished').add(1, ref);
        if (u?.category === '事业单位' && u.type === '幼儿园') tally('kindergartensEstablished').add(1, ref);
        break;
      }
      case '撤销':
      case '合并':
      case '更名':
      case '规格调整':
      case '加挂牌子': {
        const fresh = !adjustedUnits.has(unitKey);
        adjustedUnits.add(unitKey);
        if (fresh) tally('unitsAdjusted').add(1, ref);
        tally('unitsAdjusted').note(ref);
        break;
      }
      case '核增编制': {
        tally('quotasAdded').add(h.amount, ref);
        if (h.unitId === null || h.quotaType === null) break;
        const key = `${h.unitId}|${h.quotaType}`;
        let line = added.get(key);
        if (!line) {
          const u = (await unitsOnDate(h.effectiveOn)).get(h.unitId);
          line = {
            unitId: h.unitId,
            unitCode: u?.code ?? '',
            unitName: u?.name ?? h.unitName,
            quotaType: h.quotaType,
            amount: 0,
            matters: [],
          };
          added.set(key, line);
        }
        line.amount += h.amount;
        line.matters.push(ref);
        break;
      }
      case '调剂编制': {
        if (!counted) break;
        tally('quotasTransferred').add(h.amount, ref);
        const u = h.unitId === null ? undefined : (await unitsOnDate(h.effectiveOn)).get(h.unitId);
        if (u && isTownshipUnit(u)) tally('quotasToTownships').add(h.amount, ref);
        break;
      }
      case '周转池借用':
        tally('poolObtained').add(h.amount, ref);
        break;
      case '上编':
        if (h.channel === '退役士兵安置') tally('veteransPlaced').add(h.amount, ref);
        if (h.channel === '考录' || h.channel === '招聘') tally('inQuotaSupplement').add(h.amount, ref);
        if (h.channel === '县内交流') tally('countyExchange').add(h.amount, ref);
        break;
      case '招考计划':
        tally('recruitmentPlaces').add(h.amount, ref);
        break;
      default:
        break;
    }
  }

  // 乡镇编制总量: a stock, on the last day of the period.
  const townships = new Map<number, TownshipQuotaLine>();
  for (const u of unitsAtEnd) {
    if (!isTownshipUnit(u)) continue;
    townships.set(u.id, {
      unitId: u.id,
      unitCode: u.code,
      unitName: u.name,
      category: u.category,
      administrative: 0,
      institution: 0,
    });
  }
  for (const q of quotasAtEnd) {
    const line = townships.get(q.unitId);
    if (!line) continue;
    if (q.quotaType === '行政编制' || q.quotaType === '政法专项编制') line.administrative += q.approved;
    else if (q.quotaType === '事业编制') line.institution += q.approved;
  }
  const townshipUnits = [...townships.values()].sort((a, b) =>
    a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0,
  );
  tally('townshipQuotaTotal').value = townshipUnits.reduce((s, l) => s + l.administrative + l.institution, 0);
  const registration = await registrationWorkFigures(db, { regionCodes, from: opts.from, to: opts.to });
  for (const [key, value] of Object.entries(registration))
    tally(key as keyof typeof registration).value = value;

  return {
    regionCode: scope.regionCode,
    regionName: scope.regionName,
    from: opts.from,
    to: opts.to,
    recorded: implemented.length + decided.length + past.length > 0,
    figures: WORK_FIGURES.map((f) => {
      const t = tally(f.key);
      return {
        key: f.key,
        label: f.label,
        measure: f.measure,
        value: t.value,
        definition: f.definition,
        drill: f.drill,
        matters: [...t.matters.values()],
      };
    }),
    quotasAddedByUnit: [...added.values()],
    townshipUnits,
  };
}
