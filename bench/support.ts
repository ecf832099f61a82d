// What the benchmarks share: a throwaway database per run, and percentiles.
import fs from 'node:fs';
import path from 'node:path';
import type { AuditSetup } from '../src/context.ts';
import type { Executor } from '../src/db/repositories/executor.ts';
import type { SliceTiming } from '../src/domain/exchange/apply-slices.ts';
import type { Dialect } from '../src/db/connect.ts';
import { AuditKeyring } from '../src/security/audit-keys.ts';
import { throwawayPgDatabase } from '../test/support/databases.ts';

/**
 * This process's peak resident memory in bytes: VmHWM on Linux, the high-water mark of its own
 * memory since it started this program. Not `ru_maxrss`: Linux keeps that across exec, so a child
 * of a large process (the bench, hundreds of MB after its earlier parts) reported at least its
 * parent's size at the fork (session 11: every import 560 MB). Elsewhere ru_maxrss.
 */
export function peakRssBytes(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(fs.readFileSync('/proc/self/status', 'utf8'));
    if (hwm?.[1] !== undefined) return Number(hwm[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS * 1024;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

/** A new SQLite file in `dir`, or a new PostgreSQL database dropped by `drop()`. */
export async function openBenchDb(
  dialect: Dialect,
  dir: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  if (dialect === 'sqlite') {
    return { url: `file:${path.join(dir, `bench-${Date.now()}.db`)}`, drop: async () => undefined };
  }
  return throwawayPgDatabase('bianzhi_bench', { commitWait: true });
}

/** The audit key ring and checkpoint file of a throwaway bench database. */
export function benchAudit(dir: string): AuditSetup {
  return {
    keyring: AuditKeyring.single(Buffer.alloc(32, 0xb3)),
    checkpointFiles: [path.join(dir, 'bianzhi-audit.checkpoints')],
  };
}

/** How the last import wrote its slices (apply-slices.ts SliceTiming, from its import.run audit event). */
export async function lastImportTiming(db: Executor): Promise<SliceTiming | null> {
  const run = await db
    .selectFrom('audit_events')
    .select('payload')
    .where('action', '=', 'import.run')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  if (!run) return null;
  return (JSON.parse(run.payload) as { after?: { timing?: SliceTiming } }).after?.timing ?? null;
}
