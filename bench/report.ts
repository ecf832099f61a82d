// The 基本情况 report at scale (issues 3 and 10): for the demo county ×10 and a province-sized
// set, on the statistics date and a past date, the report through the aggregate cache (warm,
// right after one write, first of the date) and computed directly, each against the in-memory
// floor measured in the same run (target ≤ 10 ×); a single hand-written SQL aggregation over the
// same rows; and the p99 of a light endpoint while reports run back to back.
import { benchAudit, openBenchDb, percentile } from './support.ts';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { allRegions } from '../src/common/codes/regions.ts';
import { REQUEST_MARK_HEADER, REQUEST_MARK_VALUE } from '../src/common/request-mark.ts';
import { createContext } from '../src/context.ts';
import { connect, type Dialect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { refreshStatistics } from '../src/db/repositories/maintenance.ts';
import { createUser } from '../src/domain/accounts/manage-users.ts';
import { insertQuota } from '../src/db/repositories/establishment.ts';
import { basicSummaryFor } from '../src/domain/reports/basic-summary.ts';
import { computeBasicFor } from '../src/domain/reports/get-basic-report.ts';
import { buildApp } from '../src/http/app.ts';
import { keysFromHex } from '../src/security/keys.ts';
import { generateCounty } from '../src/demo/generate-county.ts';
import { loadCounty } from './load.ts';

const AS_OF = '2026-06-30';
/** A past date for the report: any date reads the same cache, each computed once. */
const PAST = '2023-12-31';

export interface Dataset {
  label: string;
  regionCode: string;
  counties: { code: string; scale: number }[];
  /** Reach at least this many units by adding branch units to institutions (bench/load.ts). */
  unitsTarget?: number;
}

export const COUNTY_X10: Dataset = {
  label: '县 ×10',
  regionCode: '640121',
  counties: [{ code: '640121', scale: 10 }],
};

/** 宁夏's 22 county-level regions at ×7.6 each: about 1,000,000 people, topped up to 50,000 units. */
export function provinceDataset(): Dataset {
  const counties = allRegions()
    .filter((r) => r.level === 'county' && r.code.startsWith('64'))
    .map((r) => ({ code: r.code, scale: Number(process.env.BENCH_PROVINCE_SCALE ?? 7.6) }));
  return {
    label: '省级',
    regionCode: '640000',
    counties,
    unitsTarget: Number(process.env.BENCH_PROVINCE_UNITS ?? 50_000),
  };
}

/** Branch units each county needs so that the data set reaches its units target. */
function extraUnitsPerCounty(dataset: Dataset): number {
  if (!dataset.unitsTarget) return 0;
  const base = dataset.counties.reduce(
    (n, c, i) =>
      n + generateCounty({ regionCode: c.code, scale: c.scale, seed: 100 + i, asOf: AS_OF }).units.length,
    0,
  );
  return Math.max(0, Math.ceil((dataset.unitsTarget - base) / dataset.counties.length));
}

/**
 * The in-memory floor: the same current placements already in arrays, and one loop that counts
 * 实有 and 待入编 per unit and quota type — the least work any report over them must do.
 */
async function inMemoryFloor(
  db: ReturnType<typeof connect>,
  regionPrefix: string,
  asOf: string,
): Promise<number[]> {
  const rows = await db.kysely
    .selectFrom('placements as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['p.unit_id', 'p.quota_type', 'p.status', 'p.entered_on', 'p.left_on'])
    .where('p.is_current', '=', 1)
    .where('u.region_code', 'like', `${regionPrefix}%`)
    .execute();
  const types = ['行政编制', '政法专项编制', '事业编制', '聘用编制'];
  const unit = Int32Array.from(rows, (r) => r.unit_id);
  const type = Int8Array.from(rows, (r) => types.indexOf(r.quota_type));
  const onRoll = Uint8Array.from(rows, (r) =>
    (r.status === '在编' || r.status === '已出编') &&
    r.entered_on !== null &&
    r.entered_on <= asOf &&
    (r.left_on === null || r.left_on > asOf)
      ? 1
      : r.status === '待入编'
        ? 2
        : 0,
  );
  const maxUnit = unit.reduce((m, v) => Math.max(m, v), 0);
  const times: number[] = [];
  for (let rep = 0; rep < 5; rep++) {
    const t = performance.now();
    const actual = new Int32Array((maxUnit + 1) * types.length);
    const pending = new Int32Array((maxUnit + 1) * types.length);
    for (let i = 0; i < unit.length; i++) {
      const k = (unit[i] ?? 0) * types.length + (type[i] ?? 0);
      const s = onRoll[i];
      if (s === 1) actual[k] = (actual[k] ?? 0) + 1;
      else if (s === 2) pending[k] = (pending[k] ?? 0) + 1;
    }
    times.push(performance.now() - t);
  }
  return times;
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
    const extraUnits = extraUnitsPerCounty(dataset);
    for (const [i, c] of dataset.counties.entries()) {
      const r = await loadCounty(db.kysely, keys, {
        regionCode: c.code,
        scale: c.scale,
        seed: 100 + i,
        asOf: AS_OF,
        extraUnits,
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

    const prefix = dataset.regionCode.endsWith('0000') ? dataset.regionCode.slice(0, 2) : dataset.regionCode;
    const floorTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      t = performance.now();
      await floorQuery(db, prefix);
      floorTimes.push(performance.now() - t);
    }
    rows.push([dialect, dataset.label, '手写单条聚合 SQL', `${median(floorTimes).toFixed(0)} ms`]);
    const timed = async (f: () => Promise<unknown>): Promise<number> => {
      const s = performance.now();
      await f();
      return performance.now() - s;
    };
    for (const [label, asOf] of [
      ['统计日', AS_OF],
      ['往日', PAST],
    ] as const) {
      const args = { regionCode: dataset.regionCode, asOf };
      // The direct computation (every unit's rows read and combined): the cache's reference.
      const direct: number[] = [];
      for (let i = 0; i < 3; i++) direct.push(await timed(() => computeBasicFor(db.kysely, args)));
      // First request of the date: every county computed directly and stored.
      const cold = await timed(() => basicSummaryFor(db.kysely, args));
      const warm: number[] = [];
      for (let i = 0; i < 7; i++) warm.push(await timed(() => basicSummaryFor(db.kysely, args)));
      // One write in one county (a quota row, as a matter writes it): only that county is recomputed.
      const afterWrite: number[] = [];
      for (let i = 0; i < 3; i++) {
        await db.kysely.transaction().execute(async (trx) => {
          const q = await trx
            .selectFrom('quotas as q')
            .innerJoin('units as u', 'u.id', 'q.unit_id')
            .select(['q.unit_id', 'q.quota_type', 'q.source', 'q.approved'])
            .where('u.region_code', '=', dataset.counties[i % dataset.counties.length]?.code ?? '')
            .where('q.retracted_at', 'is', null)
            .executeTakeFirstOrThrow();
          await insertQuota(trx, {
            unitId: q.unit_id,
            quotaType: q.quota_type,
            source: q.source,
            approved: q.approved + 1,
            effectiveFrom: '2020-01-01',
            docNo: null,
            at: new Date().toISOString(),
            by: null,
          });
        });
        afterWrite.push(await timed(() => basicSummaryFor(db.kysely, args)));
      }
      const memory = median(await inMemoryFloor(db, prefix, asOf));
      const report = median(warm);
      const ratio = (ms: number) => `${(ms / memory).toFixed(1)} ×`;
      const name = `${label} ${asOf}`;
      rows.push([
        dialect,
        dataset.label,
        `${name} 内存下限（同一批在岗记录已在数组中，一次循环）`,
        `${memory.toFixed(1)} ms`,
      ]);
      rows.push([
        dialect,
        dataset.label,
        `${name} 报告（聚合缓存，中位数）÷ 内存下限（目标 ≤ 10 ×）`,
        `${report.toFixed(1)} ms，${ratio(report)}${report / memory <= 10 ? '' : '（未达标）'}`,
      ]);
      rows.push([
        dialect,
        dataset.label,
        `${name} 报告（一个县刚写入一笔后，只重算该县；中位数）`,
        `${median(afterWrite).toFixed(0)} ms，${ratio(median(afterWrite))}`,
      ]);
      rows.push([
        dialect,
        dataset.label,
        `${name} 报告（该日首次：各县直接计算并存入）`,
        `${cold.toFixed(0)} ms，${ratio(cold)}`,
      ]);
      rows.push([
        dialect,
        dataset.label,
        `${name} 直接计算（不经缓存，中位数）`,
        `${median(direct).toFixed(0)} ms，${ratio(median(direct))}`,
      ]);
    }

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
      headers: { 'content-type': 'application/json', [REQUEST_MARK_HEADER]: REQUEST_MARK_VALUE },
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
