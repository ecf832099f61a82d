// The 基本情况 report at scale (issue 3's targets): full report time for the demo county ×10
// and a province-sized set, beside a single hand-written SQL aggregation over the same rows
// (the floor), and the p99 of a light endpoint while reports run back to back.
import { benchAudit, openBenchDb, percentile } from './support.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { allRegions } from '../src/common/codes/regions.ts';
import { createContext } from '../src/context.ts';
import { connect, type Dialect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { refreshStatistics } from '../src/db/repositories/maintenance.ts';
import { createUser } from '../src/domain/accounts/manage-users.ts';
import { computeBasicFor } from '../src/domain/reports/get-basic-report.ts';
import { buildApp } from '../src/http/app.ts';
import { keysFromHex } from '../src/security/keys.ts';
import { loadCounty } from './load.ts';

const AS_OF = '2026-06-30';

export interface Dataset {
  label: string;
  regionCode: string;
  counties: { code: string; scale: number }[];
}

export const COUNTY_X10: Dataset = {
  label: '县 ×10',
  regionCode: '640121',
  counties: [{ code: '640121', scale: 10 }],
};

/** 宁夏's 22 county-level regions at ×7.6 each: about 1,000,000 people. */
export function provinceDataset(): Dataset {
  const counties = allRegions()
    .filter((r) => r.level === 'county' && r.code.startsWith('64'))
    .map((r) => ({ code: r.code, scale: Number(process.env.BENCH_PROVINCE_SCALE ?? 7.6) }));
  return { label: '省级', regionCode: '640000', counties };
}

const median = (v: number[]) => percentile(v, 50);

/** One hand-written aggregation over the same placements: the floor a report cannot beat. */
async function floorQuery(db: ReturnType<typeof connect>, regionPrefix: string): Promise<void> {
  await sql`
    select p.quota_type,
      sum(case when p.status in ('在编','已出编') and p.entered_on <= ${AS_OF}
               and (p.left_on is null or p.left_on > ${AS_OF}) then 1 else 0 end) as actual,
      sum(case when p.status = '待入编' then 1 else 0 end) as pending
    from placements p join units u on u.id = p.unit_id
    where p.is_current = 1 and u.region_code like ${`${regionPrefix}%`}
    group by p.quota_type`.execute(db.kysely);
}

export async function benchReport(dialect: Dialect, dataset: Dataset, rows: string[][]): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bianzhi-rbench-'));
  const target = await openBenchDb(dialect, dir);
  const db = connect(target.url);
  const keys = keysFromHex('c3'.repeat(32));
  try {
    await migrateToLatest(db);
    let t = performance.now();
    let people = 0;
    let units = 0;
    for (const [i, c] of dataset.counties.entries()) {
      const r = await loadCounty(db.kysely, keys, {
        regionCode: c.code,
        scale: c.scale,
        seed: 100 + i,
        asOf: AS_OF,
      });
      people += r.people;
      units += r.units;
    }
    await refreshStatistics(db.kysely);
    rows.push([
      dialect,
      dataset.label,
      `载入 ${units} 个机构、${people} 人`,
      `${((performance.now() - t) / 1000).toFixed(0)} s`,
    ]);

    const reportTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      await computeBasicFor(db.kysely, { regionCode: dataset.regionCode, asOf: AS_OF });
      reportTimes.push(performance.now() - t);
    }
    const floorTimes: number[] = [];
    const prefix = dataset.regionCode.endsWith('0000') ? dataset.regionCode.slice(0, 2) : dataset.regionCode;
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      await floorQuery(db, prefix);
      floorTimes.push(performance.now() - t);
    }
    rows.push([dialect, dataset.label, '完整报告（中位数）', `${median(reportTimes).toFixed(0)} ms`]);
    rows.push([dialect, dataset.label, '手写单条聚合 SQL（下限）', `${median(floorTimes).toFixed(0)} ms`]);

    // A light endpoint while reports run back to back, over real HTTP.
    const ctx = createContext(db, keys, benchAudit(dir));
    await createUser(ctx, {
      actor: { id: null, name: 'bench' },
      username: 'bench',
      displayName: 'bench',
      role: dataset.regionCode.endsWith('0000') ? 'viewer' : 'admin',
      regionCode: dataset.regionCode,
      unitId: null,
      password: 'Bench-Pass-2026',
    });
    const app = await buildApp({ ctx, idleMinutes: 30, logger: false, databaseUrl: target.url });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password: 'Bench-Pass-2026' }),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    let running = true;
    let reports = 0;
    const reportLoop = (async () => {
      while (running) {
        const r = await fetch(`${base}/api/reports/basic?region=${dataset.regionCode}&asOf=${AS_OF}`, {
          headers: { cookie },
        });
        await r.arrayBuffer();
        if (!r.ok) throw new Error(`report HTTP ${r.status}`);
        reports += 1;
      }
    })();
    const light: number[] = [];
    const until = performance.now() + 10_000;
    while (performance.now() < until) {
      const s = performance.now();
      const r = await fetch(`${base}/api/auth/me`, { headers: { cookie } });
      await r.arrayBuffer();
      light.push(performance.now() - s);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    running = false;
    await reportLoop;
    await app.close();
    rows.push([
      dialect,
      dataset.label,
      `轻量接口 p99（同时连续跑了 ${reports} 次报告）`,
      `${percentile(light, 99).toFixed(1)} ms（p50 ${median(light).toFixed(1)}）`,
    ]);
  } finally {
    await db.close();
    await target.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
