// npm run bench — speed and memory at scale, on SQLite and PostgreSQL (see bench/README.md).
import { benchAudit, openBenchDb, percentile } from './support.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createContext } from '../src/context.ts';
import { connect, type Dialect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { createUser } from '../src/domain/accounts/manage-users.ts';
import { importWorkbook } from '../src/domain/exchange/import-workbook.ts';
import { REQUEST_MARK_HEADER, REQUEST_MARK_VALUE } from '../src/common/request-mark.ts';
import { buildApp } from '../src/http/app.ts';
import { keysFromHex } from '../src/security/keys.ts';
import { writeCounty } from '../src/demo/write-county.ts';
import { benchReport, COUNTY_X10, provinceDataset } from './report.ts';
import { benchCli } from './cli.ts';
import { figureTable } from './table.ts';
import { benchWeb } from './web.ts';
import { benchImportBesideUsers } from './import-beside-users.ts';
import { benchImportThroughput } from './import-throughput.ts';
import { benchXlsxReader } from './xlsx-reader.ts';

const SCALE = Number(process.env.BENCH_SCALE ?? 16.5);
const REPS = Number(process.env.BENCH_REPS ?? 30);
const dialects = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',') as Dialect[];
// `npm run bench -- --quick` leaves out the province (a million people) and the import beside users: for local work only.
const quick = process.argv.includes('--quick');
const parts = (
  process.env.BENCH_PARTS ??
  `cli,web,import,report${quick ? '' : ',province,xlsx-reader,import-throughput,import-users'}`
).split(',');

async function main(): Promise<void> {
  if (parts.includes('cli'))
    console.log(`\n${figureTable('启动（编译后的 bin 与 npm start）', await benchCli())}\n`);
  if (parts.includes('web')) console.log(`\n${figureTable('网页（Chromium，演示县）', await benchWeb())}\n`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bianzhi-bench-'));
  if (parts.includes('xlsx-reader'))
    console.log(`\n${figureTable('.xlsx 读取器（人员工作表）', await benchXlsxReader(dir))}\n`);
  const workbook = path.join(dir, 'county.xlsx');
  let t = performance.now();
  if (parts.includes('import')) {
    await writeCounty(workbook, { regionCode: '640121', scale: SCALE, seed: 7, asOf: '2026-06-30' });
    console.log(
      `生成工作簿（规模 ×${SCALE}）：${((performance.now() - t) / 1000).toFixed(1)} s，${(fs.statSync(workbook).size / 1e6).toFixed(1)} MB`,
    );
  }

  const rows: string[][] = [];
  for (const dialect of parts.includes('import') ? dialects : []) {
    const target = await openBenchDb(dialect, dir);
    const db = connect(target.url);
    const ctx = createContext(db, keysFromHex('b2'.repeat(32)), benchAudit(dir));
    try {
      await migrateToLatest(db);
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      t = performance.now();
      const result = await importWorkbook(ctx, {
        actor: { id: null, name: 'bench' },
        paths: [workbook],
        dryRun: false,
        allowedRegions: null,
      });
      const importMs = performance.now() - t;
      clearInterval(sampler);
      if (!result.ok) throw new Error(`导入失败：${JSON.stringify(result.errors.slice(0, 3))}`);
      const people = result.counts['人员']?.inserted ?? 0;
      rows.push([
        dialect,
        `导入 ${people} 人`,
        `${(importMs / 1000).toFixed(1)} s`,
        // In this process, after the parts before it and without the import worker's heap cap: what
        // an import itself takes is the import-throughput part's.
        `本进程内存 ${(before / 1e6).toFixed(0)} → 峰值 ${(peak / 1e6).toFixed(0)} MB（未设导入堆上限）`,
      ]);

      await createUser(ctx, {
        actor: { id: null, name: 'bench' },
        username: 'bench',
        displayName: 'bench',
        role: 'admin',
        regionCode: '640121',
        unitId: null,
        password: 'Bench-Pass-2026',
      });
      const app = await buildApp({ ctx, idleMinutes: 30, logger: false, databaseUrl: target.url });
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { [REQUEST_MARK_HEADER]: REQUEST_MARK_VALUE },
        payload: { username: 'bench', password: 'Bench-Pass-2026' },
      });
      const cookie = `bianzhi_session=${login.cookies.find((c) => c.name === 'bianzhi_session')?.value ?? ''}`;
      const unitId =
        (await db.kysely.selectFrom('units').select('id').where('code', '=', 'A016').executeTakeFirst())
          ?.id ?? 1;
      const cases: [string, string][] = [
        ['人员列表 第1页', '/api/people?region=640121&page=1&pageSize=20'],
        ['人员列表 第2000页', '/api/people?region=640121&page=2000&pageSize=20'],
        ['人员列表 按姓名', `/api/people?region=640121&q=${encodeURIComponent('王')}`],
        [
          '人员列表 按状态+类型',
          `/api/people?region=640121&status=${encodeURIComponent('待入编')}&quotaType=${encodeURIComponent('事业编制')}`,
        ],
        ['人员列表 机构及下属', `/api/people?region=640121&unitId=${unitId}&includeSubunits=true`],
        ['机构树', '/api/units?region=640121'],
        ['机构详情', `/api/units/${unitId}`],
        ['首页概况', '/api/overview?region=640121'],
      ];
      for (const [label, url] of cases) {
        const times: number[] = [];
        for (let i = 0; i < REPS; i++) {
          const s = performance.now();
          const res = await app.inject({ method: 'GET', url, headers: { cookie } });
          times.push(performance.now() - s);
          if (res.statusCode !== 200)
            throw new Error(`${label}: HTTP ${res.statusCode} ${res.body.slice(0, 200)}`);
        }
        rows.push([
          dialect,
          label,
          `p50 ${percentile(times, 50).toFixed(1)} ms`,
          `p99 ${percentile(times, 99).toFixed(1)} ms`,
        ]);
      }
      await app.close();
    } finally {
      // The audit checkpoint the last write asked for, before the connection goes.
      await ctx.checkpoints.settle();
      await db.close();
      await target.drop();
    }
  }
  for (const dialect of parts.includes('import-throughput') ? dialects : []) {
    console.log(`\n${figureTable(`导入吞吐（${dialect}）`, await benchImportThroughput(dialect, dir))}\n`);
  }
  for (const dialect of parts.includes('import-users') ? dialects : []) {
    await benchImportBesideUsers(dialect, dir, rows);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  for (const dialect of dialects) {
    if (parts.includes('report')) await benchReport(dialect, COUNTY_X10, rows);
    if (parts.includes('province')) await benchReport(dialect, provinceDataset(), rows);
  }
  console.log('');
  const width = [10, 22, 14, 16];
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(width[i] ?? 12)).join(' '));
}

await main();
