// The start-up sweep of imports applied in slices (apply-slices.ts): an import left 'applying' by
// a crash (kill -9, power loss) or a terminated worker never becomes visible — its final
// transaction did not commit — but its slices hold people rows (and their 身份证号 hashes, which
// a re-import must be free to write). The sweep removes them, with an `import.abort` event, and
// also clears what a published or failed import left in its staging table. Before it removes an
// import's slices it ends its owner's connections (import-owner.ts): a terminated worker's final
// transaction may still be publishing on the server, holding rows the sweep deletes.
import os from 'node:os';
import { SYSTEM_ACTOR } from '../../audit/events.ts';
import type { AppContext } from '../../context.ts';
import {
  endConnectionsNamed,
  importBatchesIn,
  type ImportBatch,
} from '../../db/repositories/import-slices.ts';
import { isDeadlock } from '../../errors.ts';
import { abandonImport, drainImport } from './apply-slices.ts';
import { importConnectionName } from './import-owner.ts';

/** An import on another machine whose owner wrote no slice for this long is abandoned. */
export const STALE_IMPORT_MS = 10 * 60_000;

/** Tries of a sweep that PostgreSQL ended as a deadlock (with a writer outside any import). */
const SWEEP_TRIES = 3;

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether nobody is writing this import any more: its owner process on this machine is gone, or
 * (another machine) it has not written a slice for STALE_IMPORT_MS. This process's own imports
 * are alive (they are swept by owner when their worker ends).
 */
export function isAbandoned(batch: ImportBatch, now: number = Date.now()): boolean {
  const [host, pidText] = batch.owner.split('/');
  const pid = Number(pidText);
  if (host === os.hostname() && Number.isInteger(pid)) return pid !== process.pid && !processAlive(pid);
  return now - Date.parse(batch.heartbeatAt) > STALE_IMPORT_MS;
}

/**
 * Removes the slices of abandoned imports (or, with `owner`, of that owner's imports: a worker that
 * was terminated) and the staging rows published or failed imports left. Returns how many
 * imports were abandoned.
 */
export async function sweepAbandonedImports(ctx: AppContext, opts: { owner?: string } = {}): Promise<number> {
  for (let tries = 1; ; tries += 1) {
    try {
      return await sweepOnce(ctx, opts);
    } catch (e) {
      if (!isDeadlock(e) || tries >= SWEEP_TRIES) throw e;
    }
  }
}

async function sweepOnce(ctx: AppContext, opts: { owner?: string }): Promise<number> {
  let abandoned = 0;
  for (const b of await importBatchesIn(ctx.db.kysely, ['applying'])) {
    const gone = opts.owner === undefined ? isAbandoned(b) : b.owner === opts.owner;
    if (!gone) continue;
    await endConnectionsNamed(ctx.db.kysely, importConnectionName(b.owner));
    const reason = opts.owner === undefined ? '导入进程意外中止' : '导入已取消或导入进程已退出';
    if (await abandonImport(ctx, SYSTEM_ACTOR, b.id, reason, b.regionCodes[0] ?? null)) abandoned += 1;
  }
  for (const b of await importBatchesIn(ctx.db.kysely, ['done', 'failed'])) {
    await drainImport(ctx, b.id, b.state === 'failed');
  }
  return abandoned;
}
