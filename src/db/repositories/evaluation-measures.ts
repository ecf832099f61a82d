// All SQL of the ledger rows 评估问效's computed indicators are measured from: the placement
// history, quota rows, leaders, matters decided in a period and the latest 实名制 comparisons.
import type { Executor } from './executor.ts';
import { isCurrentPlacement } from './people.ts';

export interface HistoryPlacement {
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
 * Every placement row, current or not (retracted corrections left out), of the people who were
 * ever placed in one of the units, in (person, id) order: the history 超编进人 is counted on.
 */
export async function placementHistory(
  db: Executor,
  unitIds: readonly number[],
): Promise<HistoryPlacement[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('placements as p')
    .innerJoin('people as h', 'h.id', 'p.person_id')
    .select([
      'p.id',
      'p.person_id',
      'h.name',
      'p.unit_id',
      'p.quota_type',
      'p.status',
      'p.entered_on',
      'p.left_on',
    ])
    .where('p.retracted_at', 'is', null)
    .where('p.person_id', 'in', (eb) =>
      eb
        .selectFrom('placements as q')
        .select('q.person_id')
        .where('q.unit_id', 'in', [...unitIds]),
    )
    .orderBy('p.person_id')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    personId: r.person_id,
    personName: r.name,
    unitId: r.unit_id,
    quotaType: r.quota_type,
    status: r.status,
    enteredOn: r.entered_on,
    leftOn: r.left_on,
  }));
}

/** The people on the establishment of the units on `date` holding a 正科 or 副科 post (current placements). */
export async function leadersOn(
  db: Executor,
  unitIds: readonly number[],
  date: string,
): Promise<{ unitId: number; name: string; level: string }[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('placements as p')
    .innerJoin('people as h', 'h.id', 'p.person_id')
    .select(['p.unit_id', 'h.name', 'p.leadership_level'])
    .where('p.unit_id', 'in', [...unitIds])
    .where(isCurrentPlacement)
    .where('p.status', 'in', ['在编', '已出编'])
    .where('p.entered_on', '<=', date)
    .where((eb) => eb.or([eb('p.left_on', 'is', null), eb('p.left_on', '>', date)]))
    .where('p.leadership_level', 'in', ['正科', '副科'])
    .orderBy('p.unit_id')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({ unitId: r.unit_id, name: r.name, level: r.leadership_level }));
}

export interface DecidedMatterRow {
  id: number;
  title: string;
  state: string;
  docNo: string | null;
  decidedOn: string;
  effectiveOn: string | null;
  changes: string;
  /** When the 组织实施 step was recorded; null while not implemented. */
  implementedAt: string | null;
}

/** The county's matters decided in the period (decided or implemented), with their implementation step. */
export async function mattersDecidedIn(
  db: Executor,
  regionCode: string,
  period: { from: string; to: string },
): Promise<DecidedMatterRow[]> {
  const rows = await db
    .selectFrom('matters as m')
    .leftJoin('matter_steps as s', (j) =>
      j.onRef('s.matter_id', '=', 'm.id').on('s.action', '=', 'implement'),
    )
    .select(['m.id', 'm.title', 'm.state', 'm.doc_no', 'm.decided_on', 'm.effective_on', 'm.changes', 's.at'])
    .where('m.region_code', '=', regionCode)
    .where('m.state', 'in', ['decided', 'implemented'])
    .where('m.decided_on', '>=', period.from)
    .where('m.decided_on', '<=', period.to)
    .orderBy('m.decided_on')
    .orderBy('m.id')
    .execute();
  return rows.flatMap((r) =>
    r.decided_on === null
      ? []
      : [
          {
            id: r.id,
            title: r.title,
            state: r.state,
            docNo: r.doc_no,
            decidedOn: r.decided_on,
            effectiveOn: r.effective_on,
            changes: r.changes,
            implementedAt: r.state === 'implemented' ? r.at : null,
          },
        ],
  );
}

export interface DifferenceRow {
  id: number;
  source: string;
  comparedOn: string;
  kind: string;
  name: string;
  ledgerUnitId: number | null;
}

/**
 * The differences naming a unit of the ledger in the latest comparison with each list (组织, 人社,
 * 财政) made on or before `upTo`; rows that could not be compared (invalid_row) are not the unit's.
 */
export async function latestDifferences(
  db: Executor,
  regionCode: string,
  upTo: string,
): Promise<{ sources: { source: string; comparedOn: string }[]; items: DifferenceRow[] }> {
  const comparisons = await db
    .selectFrom('reconciliations')
    .select(['id', 'source', 'compared_on'])
    .where('region_code', '=', regionCode)
    .where('compared_on', '<=', upTo)
    .orderBy('compared_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  const latest = new Map<string, { id: number; comparedOn: string }>();
  for (const c of comparisons)
    if (!latest.has(c.source)) latest.set(c.source, { id: c.id, comparedOn: c.compared_on });
  if (latest.size === 0) return { sources: [], items: [] };
  const ids = [...latest.values()].map((l) => l.id);
  const rows = await db
    .selectFrom('reconciliation_items as i')
    .innerJoin('reconciliations as r', 'r.id', 'i.reconciliation_id')
    .select(['i.id', 'r.source', 'r.compared_on', 'i.kind', 'i.name', 'i.ledger_unit_id'])
    .where('i.reconciliation_id', 'in', ids)
    .where('i.kind', '!=', 'invalid_row')
    .where('i.ledger_unit_id', 'is not', null)
    .orderBy('i.id')
    .execute();
  return {
    sources: [...latest].map(([source, l]) => ({ source, comparedOn: l.comparedOn })),
    items: rows.map((r) => ({
      id: r.id,
      source: r.source,
      comparedOn: r.compared_on,
      kind: r.kind,
      name: r.name,
      ledgerUnitId: r.ledger_unit_id,
    })),
  };
}

export interface QuotaRow {
  unitId: number;
  quotaType: string;
  source: string;
  approved: number;
  effectiveFrom: string;
}

/** Every quota row of the units in force from a date up to `upTo`, in order. */
export async function quotaRowsUpTo(
  db: Executor,
  unitIds: readonly number[],
  upTo: string,
): Promise<QuotaRow[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectFrom('quotas')
    .select(['unit_id', 'quota_type', 'source', 'approved', 'effective_from'])
    .where('unit_id', 'in', [...unitIds])
    .where('retracted_at', 'is', null)
    .where('effective_from', '<=', upTo)
    .orderBy('effective_from')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    unitId: r.unit_id,
    quotaType: r.quota_type,
    source: r.source,
    approved: Number(r.approved),
    effectiveFrom: r.effective_from,
  }));
}
