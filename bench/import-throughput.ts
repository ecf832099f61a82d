// Issue 10, item 2: import throughput at province size. A generated county of
// BENCH_THROUGHPUT_PEOPLE people (default 1,000,000) is written once as a CSV folder and once as
// an .xlsx workbook, then imported through the real import (every row checked, 身份证号 hashed
// and encrypted, audit events) into a new database per run. Each run prints its time, rows per
// second, the check/apply split and the process's peak RSS; the reference, measured in the same
// run on a fresh database, is the raw bulk load of the same number of rows into the people table
// (SQLite: one prepared INSERT in one transaction; PostgreSQL: unnest inserts of 10,000 rows).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { createContext } from '../src/context.ts';
import { connect, type Dialect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { writeCounty } from '../src/demo/write-county.ts';
import { importWorkbook } from '../src/domain/exchange/import-workbook.ts';
import { keysFromHex } from '../src/security/keys.ts';
import { benchAudit, openBenchDb } from './support.ts';
import type { Figure } from './table.ts';

const PEOPLE = Number(process.env.BENCH_THROUGHPUT_PEOPLE ?? 1_000_000);
const FORMATS = (process.env.BENCH_THROUGHPUT_FORMATS ?? 'csv,xlsx').split(',');
const TARGET_S = 60;
const RSS_BUDGET_MB = 1000;

async function sourceFiles(dir: string, format: string): Promise<string[]> {
  const out = path.join(dir, `province-${PEOPLE}${format === 'xlsx' ? '.xlsx' : ''}`);
  if (!fs.existsSync(out)) {
    const t = performance.now();
    await writeCounty(out, { regionCode: '640121', scale: PEOPLE / 6000, seed: 11, asOf: '2026-06-30' });
    console.log(`生成 ${format}（约 ${PEOPLE} 人）：${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  return format === 'xlsx' ? [out] : fs.readdirSync(out).map((f) => path.join(out, f));
}

/**
 * CPU seconds (user + system) of this process's main thread so far, where Linux tells
 * (/proc/self/task/<pid>/stat); null elsewhere. The import's own thread: with the 人员 sheet
 * checked in a worker thread, the process's CPU time is no longer the import's critical path.
 */
function mainThreadCpuSeconds(): number | null {
  try {
    const stat = fs.readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ, 100 on Linux
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) of this process since `from`. */
function cpuSeconds(from: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(from);
  return (u.user + u.system) / 1e6;
}

/**
 * The raw bulk load of `n` people-shaped rows into a fresh database's people table (same
 * indexes): its time in ms and this process's CPU seconds meanwhile.
 */
async function rawBulkLoad(dialect: Dialect, dir: string, n: number): Promise<{ ms: number; cpuS: number }> {
  const target = await openBenchDb(dialect, dir);
  const db = connect(target.url);
  try {
    await migrateToLatest(db);
    const row = (i: number): string[] => [
      `${i.toString(16).padStart(8, '0')}${'0'.repeat(56)}`.split('').reverse().join(''),
      `v1:${'A'.repeat(22)}==:${'B'.repeat(42)}==:${'C'.repeat(42)}=`,
      '640121********123X',
      `姓名${i % 5000}`,
      i % 2 ? '男' : '女',
      '1990-01-01',
      '2026-12-02T00:00:00.000Z',
    ];
    const t = performance.now();
    const cpu = process.cpuUsage();
    if (dialect === 'sqlite') {
      const { default: SQLite } = await import('better-sqlite3');
      const file = target.url.slice('file:'.length);
      const raw = new SQLite(file);
      raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = NORMAL');
      const insert = raw.prepare(
        'insert into people (id_hash, id_cipher, id_masked, name, gender, birth_date, created_at) values (?, ?, ?, ?, ?, ?, ?)',
      );
      raw.transaction(() => {
        for (let i = 0; i < n; i += 1) insert.run(row(i));
      })();
      raw.close();
    } else {
      await db.kysely.transaction().execute(async (trx) => {
        for (let i = 0; i < n; i += 10_000) {
          const rows = Array.from({ length: Math.min(10_000, n - i) }, (_, k) => row(i + k));
          const col = (c: number) => rows.map((r) => r[c] ?? '');
          await sql`insert into people (id_hash, id_cipher, id_masked, name, gender, birth_date, created_at)
            select * from unnest(${col(0)}::text[], ${col(1)}::text[], ${col(2)}::text[], ${col(3)}::text[],
              ${col(4)}::text[], ${col(5)}::text[], ${col(6)}::text[])`.execute(trx);
        }
      });
    }
    return { ms: performance.now() - t, cpuS: cpuSeconds(cpu) };
  } finally {
    await db.close();
    await target.drop();
  }
}

export async function benchImportThroughput(dialect: Dialect, dir: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const format of FORMATS) {
    const paths = await sourceFiles(dir, format);
    const target = await openBenchDb(dialect, dir);
    const db = connect(target.url);
    let importMs: number;
    let applyMs: number;
    let peak = process.memoryUsage().rss;
    let people: number;
    let cpuS: number;
    let mainCpuS: number | null = null;
    try {
      await migrateToLatest(db);
      const ctx = createContext(db, keysFromHex('b2'.repeat(32)), benchAudit(dir));
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      const t = performance.now();
      const cpu = process.cpuUsage();
      const mainCpu = mainThreadCpuSeconds();
      let applyAt: number | null = null;
      const result = await importWorkbook(ctx, {
        actor: { id: null, name: 'bench' },
        paths,
        dryRun: false,
        allowedRegions: null,
        onProgress: (p) => {
          if (p.phase === '写入' && applyAt === null) applyAt = performance.now();
        },
      });
      importMs = performance.now() - t;
      cpuS = cpuSeconds(cpu);
      const mainNow = mainThreadCpuSeconds();
      if (mainCpu !== null && mainNow !== null) mainCpuS = mainNow - mainCpu;
      applyMs = applyAt === null ? 0 : performance.now() - applyAt;
      clearInterval(sampler);
      if (!result.ok) throw new Error(`导入失败：${JSON.stringify(result.errors.slice(0, 3))}`);
      people = result.counts['人员']?.inserted ?? 0;
      await ctx.checkpoints.settle();
    } finally {
      await db.close();
      await target.drop();
    }
    const raw = await rawBulkLoad(dialect, dir, people);
    const rawMs = raw.ms;
    const perSecond = Math.round(people / (importMs / 1000));
    figures.push(
      {
        what: `${dialect} ${format} 导入 ${people} 人（${perSecond} 人/秒；写入及统计 ${(applyMs / 1000).toFixed(1)} s）`,
        value: importMs / 1000,
        unit: 's',
        reference: { label: `预算`, value: TARGET_S },
        maxRatio: 1,
      },
      {
        what: `${dialect} ${format} 导入 ÷ 同量人员行裸插入（${Math.round(people / (rawMs / 1000))} 行/秒）`,
        value: importMs / 1000,
        unit: 's',
        reference: { label: '裸插入', value: rawMs / 1000 },
        maxRatio: null,
      },
      {
        // On a loaded machine the wall time stretches; the CPU time of this process much less.
        what: `${dialect} ${format} 导入的本进程 CPU 时间 ÷ 裸插入的 CPU 时间（负载 ${os.loadavg()[0]?.toFixed(1)}）`,
        value: cpuS,
        unit: 's',
        reference: { label: '裸插入 CPU', value: raw.cpuS },
        maxRatio: null,
      },
      ...(mainCpuS === null
        ? []
        : [
            {
              what: `${dialect} ${format} 导入的主线程 CPU 时间 ÷ 裸插入的 CPU 时间（其余在人员校验线程）`,
              value: mainCpuS,
              unit: 's',
              reference: { label: '裸插入 CPU', value: raw.cpuS },
              maxRatio: null,
            } satisfies Figure,
          ]),
      {
        what: `${dialect} ${format} 峰值内存（RSS）`,
        value: peak / 1e6,
        unit: 'MB',
        reference: { label: '预算', value: RSS_BUDGET_MB },
        maxRatio: 1,
      },
    );
  }
  return figures;
}
