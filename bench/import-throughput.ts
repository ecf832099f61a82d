// Issue 10, item 2: import throughput at province size. A generated county of
// BENCH_THROUGHPUT_PEOPLE people (default 1,000,000) is written once as a CSV folder and once as
// an .xlsx workbook (in a child process, kept in BENCH_THROUGHPUT_SOURCES when set), then imported
// through the real import (every row checked, 身份证号 hashed and encrypted, audit events) into a
// new database per run, each import in a process of its own so that its peak RSS is its alone.
// Each run prints its time, rows per second, the CPU time of the process, of its main thread and
// of the 人员 worker, and its peak RSS (anonymous / file-backed); the reference, measured in the
// same run on a fresh database, is the raw bulk load of the same number of rows into the people
// table (SQLite: one prepared INSERT in one transaction; PostgreSQL: unnest inserts of 10,000 rows).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createContext } from '../src/context.ts';
import { connect, type Dialect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { writeCounty } from '../src/demo/write-county.ts';
import { importWorkbook } from '../src/domain/exchange/import-workbook.ts';
import { IMPORT_HEAP_MB } from '../src/domain/exchange/import-memory.ts';
import { importConnection } from '../src/domain/exchange/import-owner.ts';
import { keysFromHex } from '../src/security/keys.ts';
import type { SliceTiming } from '../src/domain/exchange/apply-slices.ts';
import { benchAudit, lastImportTiming, openBenchDb, peakRssBytes } from './support.ts';
import type { Figure } from './table.ts';

const PEOPLE = Number(process.env.BENCH_THROUGHPUT_PEOPLE ?? 1_000_000);
const FORMATS = (process.env.BENCH_THROUGHPUT_FORMATS ?? 'csv,xlsx').split(',');
const TARGET_S = 60;
const RSS_BUDGET_MB = 1000;
const SELF = fileURLToPath(import.meta.url);

/** Where the generated source files are kept (BENCH_THROUGHPUT_SOURCES: reused from run to run). */
function sourcesDir(dir: string): string {
  const kept = process.env.BENCH_THROUGHPUT_SOURCES;
  if (kept === undefined || kept === '') return dir;
  fs.mkdirSync(kept, { recursive: true });
  return kept;
}

/** Runs this file in a child process (`mode` and its arguments); its last line of output, as JSON. */
function runChild(mode: string, args: string[], nodeArgs: string[] = []): unknown {
  const out = execFileSync(process.execPath, [...nodeArgs, '--import', 'tsx', SELF, mode, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.trim().split('\n').pop() ?? 'null');
}

/**
 * The source files, generated in a child process (the generator's heap, 1–2 GB at a million
 * people, is then no part of the import's peak RSS) unless already there.
 */
function sourceFiles(dir: string, format: string): string[] {
  const out = path.join(sourcesDir(dir), `province-${PEOPLE}${format === 'xlsx' ? '.xlsx' : ''}`);
  if (!fs.existsSync(out)) {
    const t = performance.now();
    // Written under another name first, so that an interrupted run leaves nothing to reuse.
    const part = path.join(path.dirname(out), `part-${path.basename(out)}`);
    fs.rmSync(part, { recursive: true, force: true });
    runChild('generate', [part]);
    fs.renameSync(part, out);
    console.log(
      `生成 ${format}（约 ${PEOPLE} 人，子进程）：${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
  }
  return format === 'xlsx' ? [out] : fs.readdirSync(out).map((f) => path.join(out, f));
}

/** CPU seconds (user + system) of each thread of this process, by thread id (Linux; empty elsewhere). */
function threadCpuSeconds(): Map<number, { name: string; cpuS: number }> {
  const threads = new Map<number, { name: string; cpuS: number }>();
  let tids: string[];
  try {
    tids = fs.readdirSync('/proc/self/task');
  } catch {
    return threads;
  }
  for (const tid of tids) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      threads.set(Number(tid), { name, cpuS: (Number(fields[11]) + Number(fields[12])) / 100 });
    } catch {
      // the thread ended meanwhile
    }
  }
  return threads;
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

/** One import, measured in its own process (`measure` mode). */
interface Measured {
  people: number;
  importMs: number;
  applyMs: number;
  /** The import's slices (apply-slices.ts SliceTiming, from its import.run event). */
  slices: SliceTiming | null;
  /** CPU seconds of the whole process during the import. */
  cpuS: number;
  /** CPU seconds of the import's own (main) thread; null where /proc is not there. */
  mainCpuS: number | null;
  /** CPU seconds of the busiest other thread (the 人员 check worker). */
  workerCpuS: number | null;
  /** Peak RSS of the process (the import alone, its worker included), MB. */
  peakMb: number;
  /** RSS of the process before the import started (node, tsx and the modules loaded), MB. */
  startMb: number;
  /** Peak V8 heap of the main thread (heapTotal) and its peak external memory, MB. */
  mainHeapMb: number;
  externalMb: number;
  /**
   * Peak anonymous and file-backed parts of the RSS (Linux; null elsewhere), MB. File-backed pages
   * are the database file mapped by SQLite's mmap (connect.ts) and the program's own files: the
   * kernel drops them under memory pressure, the anonymous ones (heaps, caches) it cannot.
   */
  anonMb: number | null;
  fileMb: number | null;
}

/** RssAnon and RssFile of this process in bytes (Linux /proc/self/status), or null. */
function rssParts(): { anon: number; file: number } | null {
  try {
    const status = fs.readFileSync('/proc/self/status', 'utf8');
    const kb = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    const anon = kb('RssAnon');
    const file = kb('RssFile');
    return Number.isNaN(anon) || Number.isNaN(file) ? null : { anon, file };
  } catch {
    return null;
  }
}

async function measureImport(dialect: Dialect, dir: string, paths: string[]): Promise<Measured> {
  const target = await openBenchDb(dialect, dir);
  // the server's import worker's limits (import-memory.ts); the heap cap is the child's node option
  const db = connect(target.url, importConnection());
  try {
    await migrateToLatest(db);
    const ctx = createContext(db, keysFromHex('b2'.repeat(32)), benchAudit(dir));
    const startMb = process.memoryUsage().rss / 1e6;
    let peak = process.memoryUsage().rss;
    let mainHeap = 0;
    let external = 0;
    let samples = 0;
    let anon: number | null = null;
    let file: number | null = null;
    // Threads by id: their CPU at the start and the last seen (the worker ends before the import).
    const before = threadCpuSeconds();
    const seen = new Map(before);
    const sample = () => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      mainHeap = Math.max(mainHeap, m.heapTotal);
      external = Math.max(external, m.external);
      const parts = rssParts();
      if (parts !== null) {
        anon = Math.max(anon ?? 0, parts.anon);
        file = Math.max(file ?? 0, parts.file);
      }
      if (process.env.BENCH_THROUGHPUT_MEMLOG === '1' && (samples += 1) % 20 === 0)
        console.error(
          `rss ${(m.rss / 1e6).toFixed(0)} anon ${((parts?.anon ?? 0) / 1e6).toFixed(0)} file ${((parts?.file ?? 0) / 1e6).toFixed(0)} heap ${(m.heapTotal / 1e6).toFixed(0)} used ${(m.heapUsed / 1e6).toFixed(0)} ext ${(m.external / 1e6).toFixed(0)} MB`,
        );
      for (const [tid, t] of threadCpuSeconds()) seen.set(tid, t);
    };
    const sampler = setInterval(sample, 100);
    const t = performance.now();
    const cpu = process.cpuUsage();
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
    const importMs = performance.now() - t;
    const cpuS = cpuSeconds(cpu);
    sample();
    clearInterval(sampler);
    const applyMs = applyAt === null ? 0 : performance.now() - applyAt;
    if (!result.ok) throw new Error(`导入失败：${JSON.stringify(result.errors.slice(0, 3))}`);
    await ctx.checkpoints.settle();
    const used = (tid: number) => (seen.get(tid)?.cpuS ?? 0) - (before.get(tid)?.cpuS ?? 0);
    const others = [...seen.keys()].filter((tid) => tid !== process.pid).map(used);
    return {
      people: result.counts['人员']?.inserted ?? 0,
      importMs,
      applyMs,
      slices: await lastImportTiming(db.kysely),
      cpuS,
      mainCpuS: seen.size === 0 ? null : used(process.pid),
      workerCpuS: others.length === 0 ? null : Math.max(...others),
      peakMb: Math.max(peak, peakRssBytes()) / 1e6,
      startMb,
      mainHeapMb: mainHeap / 1e6,
      externalMb: external / 1e6,
      anonMb: anon === null ? null : anon / 1e6,
      fileMb: file === null ? null : file / 1e6,
    };
  } finally {
    await db.close();
    await target.drop();
  }
}

export async function benchImportThroughput(dialect: Dialect, dir: string): Promise<Figure[]> {
  const figures: Figure[] = [];
  // e.g. BENCH_THROUGHPUT_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" for the import's process.
  const nodeArgs = [
    `--max-old-space-size=${IMPORT_HEAP_MB}`,
    ...(process.env.BENCH_THROUGHPUT_NODE_ARGS ?? '').split(' ').filter((a) => a !== ''),
  ];
  for (const format of FORMATS) {
    const paths = sourceFiles(dir, format);
    const m = runChild('measure', [dialect, dir, ...paths], nodeArgs) as Measured;
    const { people, importMs, applyMs, cpuS, mainCpuS, workerCpuS, slices } = m;
    const sliced = slices
      ? `；${slices.slices} 个分片，最长 ${slices.longestSliceMs.toFixed(0)} ms；${slices.publishedWithSlices > 0 ? `随分片发布 ${slices.publishedWithSlices} 行；` : ''}最终事务（校验之后）${(slices.finalMs / 1000).toFixed(1)} s，其中发布 ${(slices.publishMs / 1000).toFixed(1)} s`
      : '';
    const raw = await rawBulkLoad(dialect, dir, people);
    const rawMs = raw.ms;
    const perSecond = Math.round(people / (importMs / 1000));
    const load = os.loadavg()[0]?.toFixed(1);
    figures.push(
      {
        what: `${dialect} ${format} 导入 ${people} 人（${perSecond} 人/秒；写入及统计 ${(applyMs / 1000).toFixed(1)} s${sliced}）`,
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
        // On a loaded machine the wall time stretches; the CPU time of the import much less.
        what: `${dialect} ${format} 导入进程的 CPU 时间 ÷ 裸插入的 CPU 时间（负载 ${load}）`,
        value: cpuS,
        unit: 's',
        reference: { label: '裸插入 CPU', value: raw.cpuS },
        maxRatio: null,
      },
      ...(mainCpuS === null
        ? []
        : [
            {
              what: `${dialect} ${format} 导入的主线程 CPU 时间 ÷ 裸插入的 CPU 时间`,
              value: mainCpuS,
              unit: 's',
              reference: { label: '裸插入 CPU', value: raw.cpuS },
              maxRatio: null,
            } satisfies Figure,
          ]),
      ...(workerCpuS === null
        ? []
        : [
            {
              what: `${dialect} ${format} 人员校验线程（最忙的其他线程）CPU 时间 ÷ 裸插入的 CPU 时间`,
              value: workerCpuS,
              unit: 's',
              reference: { label: '裸插入 CPU', value: raw.cpuS },
              maxRatio: null,
            } satisfies Figure,
          ]),
      {
        what: `${dialect} ${format} 导入进程峰值内存（RSS，源文件在另一进程生成；导入前 ${m.startMb.toFixed(0)} MB，主线程堆峰值 ${m.mainHeapMb.toFixed(0)} MB，外部 ${m.externalMb.toFixed(0)} MB）`,
        value: m.peakMb,
        unit: 'MB',
        reference: { label: '预算', value: RSS_BUDGET_MB },
        maxRatio: 1,
      },
      ...(m.anonMb === null || m.fileMb === null
        ? []
        : [
            {
              what: `${dialect} ${format} 其中匿名内存峰值（堆与缓存；另有文件映射峰值 ${m.fileMb.toFixed(0)} MB：SQLite 的 mmap 与程序文件）`,
              value: m.anonMb,
              unit: 'MB',
              reference: { label: '预算', value: RSS_BUDGET_MB },
              maxRatio: null,
            } satisfies Figure,
          ]),
    );
  }
  return figures;
}

// Child processes: `generate OUT` writes the source files; `measure DIALECT DIR PATH…` imports them.
if (process.argv[1] === SELF) {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'generate' && args[0] !== undefined) {
    await writeCounty(args[0], { regionCode: '640121', scale: PEOPLE / 6000, seed: 11, asOf: '2026-06-30' });
    console.log('null');
  } else if (mode === 'measure' && args.length >= 3) {
    const [dialect, dir, ...paths] = args as [Dialect, string, ...string[]];
    console.log(JSON.stringify(await measureImport(dialect, dir, paths)));
  }
}
