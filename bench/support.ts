// What the benchmarks share: a throwaway database per run, and percentiles.
import crypto from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import type { AuditSetup } from '../src/context.ts';
import type { Dialect } from '../src/db/connect.ts';
import { AuditKeyring } from '../src/security/audit-keys.ts';

export const PG_URL = process.env.BIANZHI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

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
  const name = `bianzhi_bench_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** The audit key ring and checkpoint file of a throwaway bench database. */
export function benchAudit(dir: string): AuditSetup {
  return {
    keyring: AuditKeyring.single(Buffer.alloc(32, 0xb3)),
    checkpointFiles: [path.join(dir, 'bianzhi-audit.checkpoints')],
  };
}
