// An office deletes one of its saved import mappings.
import type { Actor } from '../../audit/events.ts';
import type { AppContext } from '../../context.ts';
import {
  deleteImportMapping as deleteRow,
  findImportMapping,
} from '../../db/repositories/import-mappings.ts';
import { notFound } from '../../errors.ts';

export async function deleteImportMapping(
  ctx: AppContext,
  opts: { actor: Actor; regionCode: string; id: number },
): Promise<void> {
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const existing = await findImportMapping(trx, opts.id);
    // Another county's mapping is, to this office, one that does not exist.
    if (existing === null || existing.regionCode !== opts.regionCode) throw notFound('导入映射');
    await deleteRow(trx, opts.id);
    await ctx.audit.record(trx, opts.actor, {
      action: 'import.mapping',
      entityType: 'import_mapping',
      entityId: opts.id,
      regionCode: opts.regionCode,
      summary: `删除导入映射“${existing.name}”`,
      payload: {
        before: { name: existing.name, mapping: JSON.parse(existing.body) as unknown },
        after: null,
      },
    });
  });
}
