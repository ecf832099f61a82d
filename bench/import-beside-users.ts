// Issue 8: an import must not lock other users out. A large county (default 1,000,000 people,
// CSV) is uploaded to a real server (HTTP on 127.0.0.1) and imported by the background worker;
// meanwhile one user logs in, loads the 人员 list and logs out, over and over (a login and a
// logout each write), until the import ends. Every request must succeed; the table gives the
// p99 of logins and page loads against the same requests on the idle server before the import.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ImportJob } from '../src/common/wire.ts';
import { createContext } from '../src/context.ts';
import { connect, type Dialect } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { writeCounty } from '../src/demo/write-county.ts';
import { createUser } from '../src/domain/accounts/manage-users.ts';
import { ensureRegion } from '../src/domain/regions/ensure-region.ts';
import { buildApp } from '../src/http/app.ts';
import { keysFromHex } from '../src/security/keys.ts';
import { benchAudit, lastImportTiming, openBenchDb, percentile } from './support.ts';

const PEOPLE = Number(process.env.BENCH_IMPORT_PEOPLE ?? 1_000_000);
const PASSWORD = 'Bench-Pass-2026';
const actor = { id: null, name: 'bench' };
/** The import's phases that write: its slices (写入) and its final transaction (生效). */
const writing = (phase: string): boolean => phase === '写入' || phase === '生效';

interface Sample {
  login: number;
  page: number;
  ok: boolean;
  phase: string;
}

export async function benchImportBesideUsers(dialect: Dialect, dir: string, rows: string[][]): Promise<void> {
  const csv = path.join(dir, `county-${PEOPLE}`);
  if (!fs.existsSync(csv)) {
    const t = performance.now();
    await writeCounty(csv, { regionCode: '640121', scale: PEOPLE / 6000, seed: 9, asOf: '2026-06-30' });
    console.log(`生成 CSV（约 ${PEOPLE} 人）：${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const target = await openBenchDb(dialect, dir);
  const db = connect(target.url);
  await migrateToLatest(db);
  const ctx = createContext(db, keysFromHex('b2'.repeat(32)), benchAudit(dir));
  await ensureRegion(ctx, { code: '640121', actor });
  await createUser(ctx, {
    actor,
    username: 'bench',
    displayName: 'bench',
    role: 'admin',
    regionCode: '640121',
    unitId: null,
    password: PASSWORD,
  });
  const importDir = path.join(dir, `imports-${dialect}`);
  const app = await buildApp({ ctx, idleMinutes: 30, logger: false, databaseUrl: target.url, importDir });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const round = async (phase: () => string): Promise<Sample> => {
      const before = phase();
      const t0 = performance.now();
      try {
        return await attempt(before, phase);
      } catch (e) {
        // A refused or reset connection is a failed round, not the end of the measurement.
        const ms = performance.now() - t0;
        console.log(
          `第 ${busyCount()} 轮请求失败（${before}）：${e instanceof Error ? e.message : String(e)}`,
        );
        return {
          login: ms,
          page: ms,
          ok: false,
          phase: writing(before) || writing(phase()) ? '写入' : before,
        };
      }
    };
    const attempt = async (before: string, phase: () => string): Promise<Sample> => {
      let t = performance.now();
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: base },
        body: JSON.stringify({ username: 'bench', password: PASSWORD }),
      });
      const loginMs = performance.now() - t;
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      await login.arrayBuffer();
      t = performance.now();
      const page = await fetch(`${base}/api/people?region=640121&page=1&pageSize=20`, {
        headers: { cookie },
      });
      const pageMs = performance.now() - t;
      await page.arrayBuffer();
      const out = await fetch(`${base}/api/auth/logout`, {
        method: 'POST',
        headers: { cookie, origin: base },
      });
      await out.arrayBuffer();
      return {
        login: loginMs,
        page: pageMs,
        ok: login.status === 200 && page.status === 200 && out.status === 204,
        // A round that began or ended while the rows were written (slices or the final
        // transaction) counts as one beside the write.
        phase: writing(before) || writing(phase()) ? '写入' : before,
      };
    };
    const busy: Sample[] = [];
    let busyCount = () => 0;
    const idle: Sample[] = [];
    for (let i = 0; i < 30; i++) idle.push(await round(() => 'idle'));

    const form = new FormData();
    for (const f of fs.readdirSync(csv)) form.append('files', await fs.openAsBlob(path.join(csv, f)), f);
    form.append('dryRun', 'false');
    const first =
      (
        await fetch(`${base}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: base },
          body: JSON.stringify({ username: 'bench', password: PASSWORD }),
        }).then((r) => r.headers.get('set-cookie') ?? '')
      ).split(';')[0] ?? '';
    const started = performance.now();
    let job = (await (
      await fetch(`${base}/api/imports`, {
        method: 'POST',
        body: form,
        headers: { cookie: first, origin: base },
      })
    ).json()) as ImportJob;
    const phases = new Map<string, number>();
    busyCount = () => busy.length;
    let phase = job.progress.phase;
    let pollFailures = 0;
    const poll = setInterval(() => {
      void fetch(`${base}/api/imports/${job.id}`, { headers: { cookie: first } })
        .then(async (r) => {
          // The progress poll is a page load too: a failure counts, and never ends the wait.
          if (r.status !== 200) {
            pollFailures += 1;
            await r.arrayBuffer();
            return;
          }
          const j = (await r.json()) as ImportJob;
          job = j;
          if (!phases.has(j.progress.phase)) {
            phases.set(j.progress.phase, performance.now() - started);
            console.log(
              `${((performance.now() - started) / 1000).toFixed(0)} s：${j.progress.phase}（已进行 ${busy.length} 轮）`,
            );
          }
          phase = j.progress.phase;
        })
        .catch(() => (pollFailures += 1));
    }, 500);
    while (job.status === 'running') {
      busy.push(await round(() => phase));
      await new Promise((r) => setTimeout(r, 100));
    }
    clearInterval(poll);
    const totalMs = performance.now() - started;
    if (job.status !== 'done' || !job.result?.ok)
      throw new Error(`导入未成功：${job.message ?? JSON.stringify(job.result?.errors.slice(0, 3))}`);
    const failed = busy.filter((s) => !s.ok).length;
    const applying = busy.filter((s) => s.phase === '写入');
    const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${ms.toFixed(0)} ms`);
    const p99 = (xs: Sample[], k: 'login' | 'page') =>
      percentile(
        xs.map((s) => s[k]),
        99,
      );
    const people = job.result.counts['人员']?.inserted ?? 0;
    const applyAt = phases.get('写入');
    rows.push([
      dialect,
      `导入 ${people} 人（后台）`,
      fmt(totalMs),
      `校验 ${applyAt === undefined ? '?' : fmt(applyAt)}，写入及统计 ${applyAt === undefined ? '?' : fmt(totalMs - applyAt)}`,
    ]);
    rows.push([
      dialect,
      `导入期间 登录+人员列表+退出 ${busy.length} 轮`,
      `失败 ${failed} 轮；进度查询失败 ${pollFailures} 次`,
      `其中写入阶段 ${applying.length} 轮`,
    ]);
    for (const k of ['login', 'page'] as const) {
      const during = p99(busy, k);
      const ref = p99(idle, k);
      rows.push([
        dialect,
        `${k === 'login' ? '登录' : '人员列表'} p99 导入期间 / 空闲`,
        `${fmt(during)} / ${fmt(ref)}`,
        `×${(during / ref).toFixed(1)}；写入阶段最长 ${fmt(Math.max(0, ...applying.map((s) => s[k])))}`,
      ]);
    }
    // How the import wrote (its own record in the audit log, apply-slices.ts).
    const timing = await lastImportTiming(db.kysely);
    if (timing) {
      rows.push([
        dialect,
        `分片写入 ${timing.slices} 片`,
        `最长分片 ${fmt(timing.longestSliceMs)}`,
        `生效事务（校验之后）${fmt(timing.finalMs)}（其中复制人员编制 ${fmt(timing.publishMs)}${(timing.publishedWithSlices ?? 0) > 0 ? `；随分片复制 ${timing.publishedWithSlices} 行` : ''}）`,
      ]);
    }
    const allRounds = [...busy.map((s) => s.login), ...busy.map((s) => s.page)];
    rows.push([
      dialect,
      '导入期间 登录/人员列表 最慢',
      fmt(Math.max(0, ...allRounds)),
      `p99 登录 ${fmt(p99(busy, 'login'))}，人员列表 ${fmt(p99(busy, 'page'))}`,
    ]);
    if (failed > 0)
      console.log(
        `有 ${failed} 轮失败（阶段：${busy
          .filter((s) => !s.ok)
          .map((s) => s.phase)
          .join('、')}）`,
      );
  } finally {
    await app.close();
    await db.close();
    await target.drop();
  }
}
