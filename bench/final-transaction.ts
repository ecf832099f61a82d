// The final transaction of an import (docs/import.md “导入不阻塞他人”), alone: a generated county
// of BENCH_FINAL_PEOPLE people (default 100,000) imported from CSV into a fresh SQLite database
// (or BENCH_FINAL_DIALECT=postgres); prints the import's own `import.run` timing (slices, longest
// slice, final transaction, of which publishing the placements) and the load average.
//   node --import tsx bench/final-transaction.ts
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createContext } from '../src/context.ts';
import { connect, type Dialect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { writeCounty } from '../src/demo/write-county.ts';
import { importWorkbook } from '../src/domain/exchange/import-workbook.ts';
import { keysFromHex } from '../src/security/keys.ts';
import { benchAudit, openBenchDb } from './support.ts';

const PEOPLE = Number(process.env.BENCH_FINAL_PEOPLE ?? 100_000);
const DIALECT = (process.env.BENCH_FINAL_DIALECT ?? 'sqlite') as Dialect;
const DIR = process.env.BENCH_FINAL_DIR ?? path.join(os.tmpdir(), 'bianzhi-bench-final');

async function main(): Promise<void> {
  fs.mkdirSync(DIR, { recursive: true });
  const source = path.join(DIR, `county-${PEOPLE}`);
  if (!fs.existsSync(source))
    await writeCounty(source, { regionCode: '640121', scale: PEOPLE / 6000, seed: 11, asOf: '2026-06-30' });
  const paths = fs.readdirSync(source).map((f) => path.join(source, f));
  const target = await openBenchDb(DIALECT, DIR);
  const db = connect(target.url);
  try {
    await migrateToLatest(db);
    const ctx = createContext(db, keysFromHex('b2'.repeat(32)), benchAudit(DIR));
    const load = os.loadavg()[0] ?? 0;
    const t = performance.now();
    const result = await importWorkbook(ctx, {
      actor: { id: null, name: 'bench' },
      paths,
      dryRun: false,
      allowedRegions: null,
    });
    const ms = performance.now() - t;
    if (!result.ok) throw new Error(`导入失败：${JSON.stringify(result.errors.slice(0, 3))}`);
    const run = await db.kysely
      .selectFrom('audit_events')
      .select('payload')
      .where('action', '=', 'import.run')
      .executeTakeFirstOrThrow();
    const events = await db.kysely
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const timing: unknown = (JSON.parse(run.payload) as { after?: { timing?: unknown } }).after?.timing;
    console.log(
      JSON.stringify({
        dialect: DIALECT,
        people: result.counts['人员']?.inserted ?? 0,
        importS: Math.round(ms / 100) / 10,
        timing,
        auditEvents: Number(events.n),
        loadBefore: load,
        loadAfter: os.loadavg()[0],
      }),
    );
    await ctx.checkpoints.settle();
  } finally {
    await db.close();
    await target.drop();
  }
}

await main();
