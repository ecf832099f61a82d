// The small sheets' writes in the final transaction, in bulk: each sheet's changes are staged as
// steps of SMALL_BATCH rows, each step a few multi-row statements (db/repositories/ledger-bulk.ts)
// and ONE audit event per county listing every row it created or corrected, with the same
// snapshots the per-row events carried (docs/import.md “导入不阻塞他人”).
import type { AuditAction, ImportBatchPayload } from '../../audit/events.ts';
import type { Executor } from '../../db/repositories/executor.ts';
import type { AuditSink, Ids, StagedWrites } from './staging.ts';

/** Rows per staged step (and at most per audit event). */
export const SMALL_BATCH = 1000;

type BatchAction = Extract<
  AuditAction,
  'unit.import' | 'plaque.import' | 'quota.import' | 'post.import' | 'population.import' | 'students.import'
>;

/** Stages `items` in steps of SMALL_BATCH; each step gets its slice of the items. */
export function stageInBatches<T>(
  staged: StagedWrites,
  items: readonly T[],
  apply: (trx: Executor, ids: Ids, batch: readonly T[], audit: AuditSink) => Promise<void>,
): void {
  for (let i = 0; i < items.length; i += SMALL_BATCH) {
    const batch = items.slice(i, i + SMALL_BATCH);
    staged.step((trx, ids, audit) => apply(trx, ids, batch, audit));
  }
}

export interface AuditedRow {
  regionCode: string;
  id: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  /** How the row reads in the summary (e.g. the unit's code and name). */
  label: string;
}

/** One event per county of the batch: `${what}：新增 N 条，更正 M 条`, naming up to 3 rows. */
export function auditBatch(
  audit: AuditSink,
  action: BatchAction,
  entityType: string,
  what: string,
  rows: readonly AuditedRow[],
): void {
  const byRegion = new Map<string, AuditedRow[]>();
  for (const r of rows) {
    const list = byRegion.get(r.regionCode);
    if (list) list.push(r);
    else byRegion.set(r.regionCode, [r]);
  }
  for (const [regionCode, list] of byRegion) {
    const created = list.filter((r) => r.before === null).length;
    const payload: ImportBatchPayload = {
      created,
      corrected: list.length - created,
      rows: list.map((r) => ({ id: r.id, before: r.before, after: r.after })),
    };
    const few = list.length <= 3 ? `：${list.map((r) => r.label).join('、')}` : '';
    audit.add({
      action,
      entityType,
      entityId: list.length === 1 && list[0] ? list[0].id : null,
      regionCode,
      summary: `${what}：新增 ${created} 条，更正 ${payload.corrected} 条${few}`,
      payload: { before: null, after: payload },
    });
  }
}
