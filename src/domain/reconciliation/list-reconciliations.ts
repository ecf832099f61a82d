// The history of reconciliations (数据比对) of a county, each with its date and counts, and the
// differences of one comparison, paged and filtered by kind. 身份证号 appear masked only.
import type { DifferenceView, ReconciliationSummary } from '../../common/reconciliation.ts';
import { isOneOf } from '../../common/labels.ts';
import type { AppContext } from '../../context.ts';
import * as repo from '../../db/repositories/reconciliation.ts';
import { unitNamesAsOf } from '../../db/repositories/units.ts';
import { invalid, notFound } from '../../errors.ts';
import { authorize } from '../accounts/authorize.ts';
import type { Principal } from '../accounts/policies.ts';
import {
  DIFFERENCE_KINDS,
  DIFFERENCE_LABELS,
  RECONCILIATION_SOURCES,
  SOURCE_LABELS,
  type ReconciliationCounts,
} from './compare.ts';

export type { DifferenceView, ReconciliationSummary } from '../../common/reconciliation.ts';

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}

const MAX_PAGE_SIZE = 500;

/** Reading comparisons: everyone who reads county reports, within their regions. */
function assertCanRead(ctx: AppContext, p: Principal, regionCode: string): Promise<void> {
  return authorize(ctx.db.kysely, p, 'reconciliation.read', { region: regionCode, wholeRegion: true });
}

function paging(page: number | undefined, pageSize: number | undefined): { page: number; pageSize: number } {
  const pg = page ?? 1;
  const size = pageSize ?? 50;
  if (!Number.isInteger(pg) || pg < 1) throw invalid('页码应为正整数');
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
    throw invalid(`每页条数应为 1–${MAX_PAGE_SIZE}`);
  return { page: pg, pageSize: size };
}

function count(value: unknown, key: string): number {
  if (typeof value !== 'object' || value === null || !(key in value)) return 0;
  const n: unknown = Reflect.get(value, key);
  return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

export function parseCounts(json: string): ReconciliationCounts {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = null;
  }
  return {
    listRows: count(value, 'listRows'),
    ledgerPeople: count(value, 'ledgerPeople'),
    matched: count(value, 'matched'),
    not_on_establishment: count(value, 'not_on_establishment'),
    not_on_list: count(value, 'not_on_list'),
    other_unit: count(value, 'other_unit'),
    other_quota_type: count(value, 'other_quota_type'),
    invalid_row: count(value, 'invalid_row'),
  };
}

export function toSummary(r: repo.ReconciliationRecord): ReconciliationSummary {
  // Stored only through reconcileList, which checks the source.
  const source = isOneOf(RECONCILIATION_SOURCES, r.source) ? r.source : '财政';
  return {
    id: r.id,
    regionCode: r.regionCode,
    source,
    sourceLabel: SOURCE_LABELS[source],
    fileName: r.fileName,
    comparedOn: r.comparedOn,
    createdAt: r.createdAt,
    createdByName: r.createdByName,
    counts: parseCounts(r.counts),
  };
}

/** The comparisons of a county, newest (by comparison date) first. */
export async function listReconciliations(
  ctx: AppContext,
  opts: { principal: Principal; regionCode: string; source?: string; page?: number; pageSize?: number },
): Promise<Page<ReconciliationSummary>> {
  await assertCanRead(ctx, opts.principal, opts.regionCode);
  if (opts.source !== undefined && !isOneOf(RECONCILIATION_SOURCES, opts.source))
    throw invalid(`名单来源应为：${RECONCILIATION_SOURCES.join('、')}`);
  const { page, pageSize } = paging(opts.page, opts.pageSize);
  const { total, items } = await repo.listReconciliations(ctx.db.kysely, {
    regionCodes: [opts.regionCode],
    source: opts.source ?? null,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { total, page, pageSize, items: items.map(toSummary) };
}

async function readable(
  ctx: AppContext,
  principal: Principal | null,
  id: number,
): Promise<repo.ReconciliationRecord> {
  const r = await repo.findReconciliation(ctx.db.kysely, id);
  if (!r) throw notFound(`数据比对 ${id} `);
  if (principal !== null) await assertCanRead(ctx, principal, r.regionCode);
  return r;
}

/** One comparison with its counts. `principal` null: the command line. */
export async function getReconciliation(
  ctx: AppContext,
  opts: { principal: Principal | null; id: number },
): Promise<ReconciliationSummary> {
  return toSummary(await readable(ctx, opts.principal, opts.id));
}

/** The differences of one comparison in the order they were found, optionally of one kind. */
export async function listReconciliationItems(
  ctx: AppContext,
  opts: { principal: Principal | null; id: number; kind?: string; page?: number; pageSize?: number },
): Promise<Page<DifferenceView>> {
  const r = await readable(ctx, opts.principal, opts.id);
  if (opts.kind !== undefined && !isOneOf(DIFFERENCE_KINDS, opts.kind))
    throw invalid(`差异类型应为：${DIFFERENCE_KINDS.join('、')}`);
  const { page, pageSize } = paging(opts.page, opts.pageSize);
  const { total, items } = await repo.listReconciliationItems(ctx.db.kysely, {
    reconciliationId: r.id,
    kind: opts.kind ?? null,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const names = await unitNamesAsOf(
    ctx.db.kysely,
    items.flatMap((i) => (i.ledgerUnitId === null ? [] : [i.ledgerUnitId])),
    r.comparedOn,
  );
  return {
    total,
    page,
    pageSize,
    items: items.map((i) => {
      const kind = isOneOf(DIFFERENCE_KINDS, i.kind) ? i.kind : 'invalid_row';
      return {
        kind,
        kindLabel: DIFFERENCE_LABELS[kind],
        rowNumber: i.rowNumber,
        name: i.name,
        idMasked: i.idMasked,
        listUnit: i.listUnit,
        ledgerUnitId: i.ledgerUnitId,
        ledgerUnitName: i.ledgerUnitId === null ? null : (names.get(i.ledgerUnitId)?.name ?? null),
        listQuotaType: i.listQuotaType,
        ledgerQuotaType: i.ledgerQuotaType,
        note: i.note,
      };
    }),
  };
}

/** Every difference of a comparison (for an export), page by page. */
export async function allReconciliationItems(
  ctx: AppContext,
  opts: { principal: Principal | null; id: number },
): Promise<DifferenceView[]> {
  const out: DifferenceView[] = [];
  for (let page = 1; ; page += 1) {
    const p = await listReconciliationItems(ctx, { ...opts, page, pageSize: MAX_PAGE_SIZE });
    out.push(...p.items);
    if (out.length >= p.total || p.items.length === 0) return out;
  }
}
