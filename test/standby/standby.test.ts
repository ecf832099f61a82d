// A real hot standby on this machine: a primary and a streaming replica (initdb, pg_basebackup -R
// on free ports), the county imported on the primary, and the 基本情况 report computed on the
// standby through DATABASE_READ_URL — equal to the primary's once the standby has replayed.
// Then, with replay paused: other users' pages read the standby (and lag), the user who has just
// written reads the primary (and sees the write); with the standby stopped, everything falls
// back to the primary. Both clusters are stopped and removed afterwards.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boot, type Booted } from '../../src/bootstrap.ts';
import type { BasicReportResponse } from '../../src/common/wire-reports.ts';
import { loadConfig } from '../../src/config.ts';
import type { AppContext } from '../../src/context.ts';
import { insertQuota } from '../../src/db/repositories/establishment.ts';
import { currentWalLsn, replayedUpTo } from '../../src/db/repositories/replication.ts';
import { unitIdsByCode } from '../../src/db/repositories/units.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { computeBasicFor } from '../../src/domain/reports/get-basic-report.ts';
import { buildApp } from '../../src/http/app.ts';
import { WAL_COOKIE } from '../../src/http/read-routing.ts';
import { createReportRunner, type ReportRunner } from '../../src/http/report-runner.ts';
import { WEB_CLIENT_HEADERS } from '../support/app.ts';
import { TEST_KEY_HEX } from '../support/databases.ts';
import { COUNTY_DIR } from '../support/fixtures.ts';
import { startStandbyPair, type StandbyPair } from '../support/pg-standby.ts';

const actor = { id: null, name: '测试' };
const PASSWORD = 'Standby-Pass-2026';
const REGION = '640121';
const AS_OF = '2026-06-30';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForReplay(ctx: AppContext): Promise<void> {
  const lsn = await currentWalLsn(ctx.db.kysely);
  const until = Date.now() + 30_000;
  while (!(await replayedUpTo(ctx.readDb.kysely, lsn))) {
    if (Date.now() > until) throw new Error(`备库 30 秒内未重放到 ${lsn}`);
    await sleep(50);
  }
}

const figure = (r: { report: { figures: { key: string; value: number }[] } }, key: string) =>
  r.report.figures.find((f) => f.key === key)?.value;

describe('DATABASE_READ_URL', () => {
  it('is PostgreSQL only, and only beside a PostgreSQL primary', () => {
    expect(() => loadConfig({ DATABASE_READ_URL: 'file:x.db' })).toThrow(/DATABASE_READ_URL/);
    expect(() => loadConfig({ DATABASE_READ_URL: 'postgres://h/db' })).toThrow(/仅用于 PostgreSQL/);
    const c = loadConfig({ DATABASE_URL: 'postgres://p/db', DATABASE_READ_URL: 'postgres://s/db' });
    expect(c.databaseReadUrl).toBe('postgres://s/db');
    expect(loadConfig({ DATABASE_URL: 'postgres://p/db' }).databaseReadUrl).toBeUndefined();
  });
});

describe('hot standby', () => {
  let pair: StandbyPair | undefined;
  let b: Booted;
  let runner: ReportRunner;
  let app: FastifyInstance;
  let clerkCookie: string;

  const get = (url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });
  const walCookie = (res: LightMyRequestResponse) => res.cookies.find((c) => c.name === WAL_COOKIE);
  const login = async (username: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: WEB_CLIENT_HEADERS,
      payload: { username, password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === 'bianzhi_session');
    const wal = walCookie(res);
    expect(session).toBeDefined();
    // A login writes a session row: the response remembers the primary's WAL position.
    expect(wal?.value).toMatch(/^[0-9A-F]+\/[0-9A-F]+$/);
    return { session: `bianzhi_session=${session?.value}`, wal: `${WAL_COOKIE}=${wal?.value}` };
  };
  const report = async (cookie: string) => {
    const res = await get(`/api/reports/basic?region=${REGION}&asOf=${AS_OF}`, cookie);
    expect(res.statusCode).toBe(200);
    return JSON.parse(res.body) as BasicReportResponse;
  };

  beforeAll(async () => {
    pair = await startStandbyPair();
    b = await boot({
      env: {
        DATABASE_URL: pair.primaryUrl,
        DATABASE_READ_URL: pair.standbyUrl,
        BIANZHI_KEY: TEST_KEY_HEX,
        BIANZHI_DATA_DIR: pair.dir,
      },
      warn: () => undefined,
    });
    expect(b.ctx.readDb).not.toBe(b.ctx.db);
    const imported = await importWorkbook(b.ctx, {
      actor,
      paths: [COUNTY_DIR],
      dryRun: false,
      allowedRegions: null,
    });
    expect(imported.ok).toBe(true);
    for (const username of ['writer', 'reader']) {
      await createUser(b.ctx, {
        actor,
        username,
        displayName: username,
        role: 'leader',
        regionCode: REGION,
        unitId: null,
        password: PASSWORD,
      });
    }
    runner = createReportRunner({ databaseUrl: pair.primaryUrl, databaseReadUrl: pair.standbyUrl });
    app = await buildApp({
      ctx: b.ctx,
      idleMinutes: 30,
      logger: false,
      databaseUrl: pair.primaryUrl,
      databaseReadUrl: pair.standbyUrl,
    });
    clerkCookie = (await login('reader')).session;
    await waitForReplay(b.ctx);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await runner?.close();
    await b?.close();
    pair?.stop();
  }, 120_000);

  it('serves read-only on the standby, which refuses writes', async () => {
    const r = await sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`.execute(
      b.ctx.readDb.kysely,
    );
    expect(r.rows[0]?.standby).toBe(true);
    await expect(
      sql`insert into regions (code, name, level, parent_code) values ('999999', 'x', 'county', null)`.execute(
        b.ctx.readDb.kysely,
      ),
    ).rejects.toThrow(/read-only/);
  });

  it('computes the 基本情况 report on the standby with the primary’s figures after replay', async () => {
    const onPrimary = await computeBasicFor(b.ctx.db.kysely, { regionCode: REGION, asOf: AS_OF });
    const onStandby = await runner.basic({ regionCode: REGION, asOf: AS_OF });
    expect(figure(onPrimary, 'totalActual')).toBeGreaterThan(0);
    expect(onStandby.report.figures).toEqual(onPrimary.report.figures);
    expect(onStandby.quality).toEqual(onPrimary.quality);
    const overHttp = await report(clerkCookie);
    expect(overHttp.report.figures).toEqual(onPrimary.report.figures);
  });

  it('while replay is paused: others read the standby, the writer reads the primary', async () => {
    await sql`select pg_wal_replay_pause()`.execute(b.ctx.readDb.kysely);
    const before = await computeBasicFor(b.ctx.db.kysely, { regionCode: REGION, asOf: AS_OF });
    const unitId = (await unitIdsByCode(b.ctx.db.kysely, [REGION])).get(`${REGION}/A01`);
    expect(unitId).toBeDefined();
    await insertQuota(b.ctx.db.kysely, {
      unitId: unitId ?? 0,
      quotaType: '行政编制',
      source: '',
      approved: 25,
      effectiveFrom: '2026-01-01',
      docNo: '测试〔2026〕1号',
      at: new Date().toISOString(),
      by: null,
    });
    const after = await computeBasicFor(b.ctx.db.kysely, { regionCode: REGION, asOf: AS_OF });
    const adminBefore = figure(before, 'adminQuota') ?? 0;
    expect(figure(after, 'adminQuota')).not.toBe(adminBefore);

    // The worker reads the standby, which has not replayed the new row; on request, the primary.
    expect(figure(await runner.basic({ regionCode: REGION, asOf: AS_OF }), 'adminQuota')).toBe(adminBefore);
    expect(figure(await runner.onPrimary.basic({ regionCode: REGION, asOf: AS_OF }), 'adminQuota')).toBe(
      figure(after, 'adminQuota'),
    );

    // The writer (whose login is not replayed either) reads the primary, page after page.
    const writer = await login('writer');
    const writerCookie = `${writer.session}; ${writer.wal}`;
    expect(figure(await report(writerCookie), 'adminQuota')).toBe(figure(after, 'adminQuota'));
    const res = await get(`/api/reports/basic?region=${REGION}&asOf=${AS_OF}`, writerCookie);
    expect(walCookie(res)).toBeUndefined(); // not replayed yet: the cookie stays
    // Someone who has not written reads the standby, which lags.
    expect(figure(await report(clerkCookie), 'adminQuota')).toBe(adminBefore);

    await sql`select pg_wal_replay_resume()`.execute(b.ctx.readDb.kysely);
    await waitForReplay(b.ctx);
    const caughtUp = await get(`/api/reports/basic?region=${REGION}&asOf=${AS_OF}`, writerCookie);
    expect(caughtUp.statusCode).toBe(200);
    expect(walCookie(caughtUp)?.value).toBe(''); // replayed: the standby serves again, cookie dropped
    expect(figure(await report(clerkCookie), 'adminQuota')).toBe(figure(after, 'adminQuota'));
    expect((await runner.basic({ regionCode: REGION, asOf: AS_OF })).report.figures).toEqual(
      after.report.figures,
    );
  });

  it('falls back to the primary when the standby stops', async () => {
    pair?.stopStandby();
    const expected = await computeBasicFor(b.ctx.db.kysely, { regionCode: REGION, asOf: AS_OF });
    expect((await runner.basic({ regionCode: REGION, asOf: AS_OF })).report.figures).toEqual(
      expected.report.figures,
    );
    // The server notices within a probe interval; until then a list page may fail once.
    const until = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < until) {
      status = (await get(`/api/people?region=${REGION}&page=1&pageSize=20`, clerkCookie)).statusCode;
      if (status === 200) break;
      await sleep(250);
    }
    expect(status).toBe(200);
    expect((await report(clerkCookie)).report.figures).toEqual(expected.report.figures);
  }, 60_000);
});
