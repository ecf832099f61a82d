// The rows behind a figure of the 基本情况 report: the units that make it up (with each one's
// part), or for head-counts the people themselves.
import { BASIC_PLACES } from '../../common/report-basic.ts';
import type { DrillResponse } from '../../common/wire-reports.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import { listPeopleWhere, type StaffCondition } from '../../db/repositories/people.ts';
import { unitNamesAsOf } from '../../db/repositories/units.ts';
import { notFound } from '../../errors.ts';
import type { ReportingType } from '../establishment/rules.ts';
import { toSummary } from '../people/list-people.ts';
import { CONTRIBUTIONS, type UnitCells } from './basic-rules.ts';
import type { BasicComputation } from './compute-basic.ts';

const ADMIN = ['行政编制', '政法专项编制'];
const INSTITUTION = ['事业编制'];
const CONTRACT = ['聘用编制'];
const ALL = [...ADMIN, ...INSTITUTION, ...CONTRACT];

/** Head-count figures: which quota types and which condition select their people. */
const PEOPLE_FIGURES: Record<string, { quotaTypes: string[]; condition: StaffCondition }> = {
  totalActual: { quotaTypes: ALL, condition: 'actual' },
  totalPending: { quotaTypes: ALL, condition: 'pending' },
  adminActual: { quotaTypes: ADMIN, condition: 'actual' },
  adminPending: { quotaTypes: ADMIN, condition: 'pending' },
  adminExamPending: { quotaTypes: ADMIN, condition: 'examPending' },
  institutionActual: { quotaTypes: INSTITUTION, condition: 'actual' },
  institutionPending: { quotaTypes: INSTITUTION, condition: 'pending' },
  institutionExamPending: { quotaTypes: INSTITUTION, condition: 'examPending' },
  contractActual: { quotaTypes: CONTRACT, condition: 'actual' },
  schoolActual: { quotaTypes: INSTITUTION, condition: 'actual' },
  schoolPending: { quotaTypes: INSTITUTION, condition: 'pending' },
  kindergartenActual: { quotaTypes: INSTITUTION, condition: 'actual' },
  kindergartenPending: { quotaTypes: INSTITUTION, condition: 'pending' },
  healthActual: { quotaTypes: INSTITUTION, condition: 'actual' },
  healthPending: { quotaTypes: INSTITUTION, condition: 'pending' },
};

function detailOf(cells: UnitCells): string {
  const parts: string[] = [];
  for (const t of ['行政编制', '事业编制', '聘用编制'] as ReportingType[]) {
    const c = cells.byType[t];
    if (c.approved === 0 && c.actual === 0 && c.pending === 0) continue;
    parts.push(`${t} 核定 ${c.approved}，实有 ${c.actual}，待入编 ${c.pending}`);
  }
  for (const level of ['正科', '副科'] as const) {
    const p = cells.posts[level];
    if (p.approved > 0 || p.filled > 0) parts.push(`${level}职数 ${p.approved}，实配 ${p.filled}`);
  }
  return parts.join('；');
}

export async function drillBasic(
  db: Executor,
  computed: BasicComputation,
  opts: { key: string; page: number; pageSize: number },
): Promise<DrillResponse> {
  const place = BASIC_PLACES.find((p) => p.key === opts.key && p.kind === 'count');
  const contribution = CONTRIBUTIONS[opts.key];
  if (!place || !contribution) throw notFound(`指标 ${opts.key} `);
  const value = computed.report.figures.find((f) => f.key === opts.key)?.value ?? 0;
  const contributing = computed.units
    .map((e) => ({ e, part: contribution(e.cells) }))
    .filter((x) => x.part !== 0)
    .sort((a, b) => b.part - a.part || a.e.unit.code.localeCompare(b.e.unit.code));
  const offset = (opts.page - 1) * opts.pageSize;
  const people = PEOPLE_FIGURES[opts.key];
  if (people) {
    const page = await listPeopleWhere(db, {
      unitIds: contributing.map((x) => x.e.unit.id),
      quotaTypes: people.quotaTypes,
      condition: people.condition,
      date: computed.report.asOf,
      limit: opts.pageSize,
      offset,
    });
    const names = await unitNamesAsOf(
      db,
      page.items.map((p) => p.unitId),
      computed.report.asOf,
    );
    return {
      kind: 'people',
      key: place.key,
      label: place.label,
      value,
      total: page.total,
      rows: page.items.map((p) => toSummary(p, names.get(p.unitId)?.name ?? '')),
    };
  }
  return {
    kind: 'units',
    key: place.key,
    label: place.label,
    value,
    total: contributing.length,
    rows: contributing.slice(offset, offset + opts.pageSize).map(({ e, part }) => ({
      unitId: e.unit.id,
      unitCode: e.unit.code,
      unitName: e.unit.name,
      category: e.unit.category,
      value: part,
      detail: detailOf(e.cells),
    })),
  };
}
