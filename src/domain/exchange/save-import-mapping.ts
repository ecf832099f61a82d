// An office saves an import mapping under a name (a new one, or replacing the one of that name)
// for its county, so that the next workbook of the same layout imports without mapping again.
import type { Actor } from '../../audit/events.ts';
import { mappingProblems, type ImportMapping } from '../../common/exchange-mapping.ts';
import type { SavedMapping } from '../../common/wire-mapping.ts';
import type { AppContext } from '../../context.ts';
import { nowIso } from '../../context.ts';
import {
  findImportMapping,
  findImportMappingByName,
  insertImportMapping,
  updateImportMapping,
} from '../../db/repositories/import-mappings.ts';
import { invalid } from '../../errors.ts';
import { toSavedMapping } from './list-import-mappings.ts';

export async function saveImportMapping(
  ctx: AppContext,
  opts: { actor: Actor; regionCode: string; mapping: ImportMapping },
): Promise<SavedMapping> {
  const problems = mappingProblems(opts.mapping);
  if (problems.length > 0) throw invalid(problems.join('；'));
  const body = JSON.stringify(opts.mapping);
  return ctx.db.kysely.transaction().execute(async (trx) => {
    const at = nowIso();
    const existing = await findImportMappingByName(trx, opts.regionCode, opts.mapping.name);
    let id: number;
    if (existing) {
      id = existing.id;
      await updateImportMapping(trx, { id, body, at, by: opts.actor.id });
    } else {
      id = await insertImportMapping(trx, {
        regionCode: opts.regionCode,
        name: opts.mapping.name,
        body,
        at,
        by: opts.actor.id,
      });
    }
    await ctx.audit.record(trx, opts.actor, {
      action: 'import.mapping',
      entityType: 'import_mapping',
      entityId: id,
      regionCode: opts.regionCode,
      summary: `${existing ? '修改' : '保存'}导入映射“${opts.mapping.name}”`,
      payload: {
        before: existing ? { name: existing.name, mapping: JSON.parse(existing.body) as unknown } : null,
        after: { name: opts.mapping.name, mapping: opts.mapping },
      },
    });
    const saved = await findImportMapping(trx, id);
    if (saved === null) throw new Error('保存的导入映射未找到');
    return toSavedMapping(saved);
  });
}
