// Makes a county (and the city and province above it) known to this deployment, from the
// national GB/T 2260 list.
import { findRegion as findNational } from '../../common/codes/regions.ts';
import { AppError } from '../../errors.ts';
import type { Actor, AuditEventInput } from '../../audit/events.ts';
import type { AppContext } from '../../context.ts';
import { findRegion, insertRegion } from '../../db/repositories/regions.ts';
import type { Executor } from '../../db/repositories/executor.ts';

/** The chain from the province down to `code`, as the national list gives it. */
export function nationalChain(
  code: string,
): { code: string; name: string; level: string; parentCode: string | null }[] {
  const chain: { code: string; name: string; level: string; parentCode: string | null }[] = [];
  let current = findNational(code);
  while (current) {
    chain.unshift({
      code: current.code,
      name: current.name,
      level: current.level,
      parentCode: current.parentCode,
    });
    current = current.parentCode ? findNational(current.parentCode) : null;
  }
  return chain;
}

/**
 * Inserts the missing regions of the chain inside the caller's transaction; returns those added.
 * Their audit events are recorded at once, or handed to `record` (an import's final transaction
 * records its events only at its end, once the audit chain is locked: apply-slices.ts).
 */
export async function ensureRegionIn(
  ctx: AppContext,
  trx: Executor,
  actor: Actor,
  code: string,
  fallback?: { name: string; parentCode: string | null },
  record: (event: AuditEventInput) => Promise<void> | void = (event) => ctx.audit.record(trx, actor, event),
): Promise<string[]> {
  let chain = nationalChain(code);
  if (chain.length === 0) {
    if (!fallback) throw new AppError('VALIDATION', `行政区划代码 ${code} 不在 GB/T 2260 现行代码表中`);
    chain = [
      ...(fallback.parentCode ? nationalChain(fallback.parentCode) : []),
      { code, name: fallback.name, level: 'county', parentCode: fallback.parentCode },
    ];
  }
  const added: string[] = [];
  for (const region of chain) {
    if (await findRegion(trx, region.code)) continue;
    await insertRegion(trx, {
      code: region.code,
      name: region.name,
      level: region.level,
      parent_code: region.parentCode,
    });
    await record({
      action: 'region.ensure',
      entityType: 'region',
      entityId: region.code,
      regionCode: region.code,
      summary: `登记行政区划 ${region.code} ${region.name}`,
      payload: { before: null, after: { code: region.code, name: region.name, level: region.level } },
    });
    added.push(region.code);
  }
  return added;
}

/** Sets up a county for use (init --region CODE); safe to run twice. */
export async function ensureRegion(ctx: AppContext, opts: { code: string; actor: Actor }): Promise<string[]> {
  return ctx.db.kysely.transaction().execute((trx) => ensureRegionIn(ctx, trx, opts.actor, opts.code));
}
