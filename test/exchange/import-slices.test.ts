// Issue 8 item 3: an import writes its new people in short slices, invisible until one short
// final transaction publishes them (docs/import.md "导入不阻塞他人"). On both databases:
// (a) between two slices another connection logs in and writes, and the import's people show in
//     no people list, 基本情况 report, unit page or 身份证号 look-up;
// (b) after the final transaction every person is there with exactly the placement of its row;
// (c) a failure after some slices (an error, or a change in the import's counties) leaves nothing
//     visible and removes the slice rows;
// (d) the sweep removes the slices of an import a crash left 'applying', and only those;
// (e) an import whose committed slices or staged placements were lost is not published.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/audit/verify-chain.ts';
import type { BasicReportResponse } from '../../src/common/wire-reports.ts';
import type { PeoplePage, UnitDetail } from '../../src/common/wire.ts';
import { createContext, type AppContext } from '../../src/context.ts';
import { connect } from '../../src/db/connect.ts';
import type { Executor } from '../../src/db/repositories/executor.ts';
import { createImportBatch, insertStagedPlacements } from '../../src/db/repositories/import-slices.ts';
import { insertPeople, peopleByHash } from '../../src/db/repositories/people.ts';
import { markReportsChangedForUnits } from '../../src/db/repositories/report-aggregates.ts';
import { lockChain } from '../../src/db/repositories/audit.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { importConnectionName } from '../../src/domain/exchange/import-owner.ts';
import { importWorkbook, type ImportOptions } from '../../src/domain/exchange/import-workbook.ts';
import type { ImportResult } from '../../src/common/wire.ts';
import { IMPORT_COMMIT_PHASE } from '../../src/common/exchange.ts';
import { sweepAbandonedImports } from '../../src/domain/exchange/sweep-imports.ts';
import { setControlTotal } from '../../src/domain/matters/set-control-total.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { writeCounty } from '../../src/demo/write-county.ts';
import { ImportJobs } from '../../src/http/import-jobs.ts';
import { AuditKeyring } from '../../src/security/audit-keys.ts';
import { blindIndex } from '../../src/security/field-crypto.ts';
import { keysFromHex } from '../../src/security/keys.ts';
import { json, loginCookie, testApp } from '../support/app.ts';
import { DIALECTS, openTestDb, TEST_AUDIT_KEY_HEX, TEST_KEY_HEX, type TestDb } from '../support/databases.ts';
import { stagedPlacement, tempDir } from '../support/fixtures.ts';

const actor = { id: null, name: '测试' };
const PASSWORD = 'Slice-Pass-2026';
const AS_OF = '2026-06-30';

/** The rows of a CSV file written by writeCounty (no quoted fields in these columns), by header. */
function csvRows(file: string): Record<string, string>[] {
  const [head = '', ...lines] = fs
    .readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const columns = head.split(',');
  return lines.map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? '']));
  });
}

/** Imports a folder as the tests do: every county allowed, slices of one batch (1,000 people). */
function importSliced(
  importer: AppContext,
  dir: string,
  more: Partial<ImportOptions> = {},
): Promise<ImportResult> {
  return importWorkbook(importer, {
    actor,
    paths: files(dir),
    dryRun: false,
    allowedRegions: null,
    sliceBatches: 1,
    ...more,
  });
}

/** A county's CSV set without its 人员 sheet, and with it. */
async function county(regionCode: string, seed: number): Promise<{ units: string; all: string }> {
  const all = tempDir();
  await writeCounty(all, { regionCode, scale: 0.6, seed, asOf: AS_OF });
  const units = tempDir();
  for (const f of fs.readdirSync(all))
    if (f !== '人员.csv') fs.copyFileSync(path.join(all, f), path.join(units, f));
  return { units, all };
}

/** The import's own connection to the test database, as the import worker has. */
function importerOf(t: TestDb): { importer: AppContext; closeImporter: () => Promise<void> } {
  const db = connect(t.url, { schema: t.schema });
  const importer = createContext(db, keysFromHex(TEST_KEY_HEX), {
    keyring: AuditKeyring.single(Buffer.from(TEST_AUDIT_KEY_HEX, 'hex')),
    checkpointFiles: [t.checkpointFile],
  });
  return {
    importer,
    closeImporter: async () => {
      await importer.checkpoints.settle();
      await db.close();
    },
  };
}

const files = (dir: string): string[] => fs.readdirSync(dir).map((f) => path.join(dir, f));

async function count(ctx: AppContext, table: 'people' | 'import_placements' | 'placements'): Promise<number> {
  const r = await ctx.db.kysely
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * PostgreSQL: whether another connection — the import's final transaction — holds `table` open for
 * writing (it has written rows there and not committed), asked for up to 10 s.
 */
async function writingElsewhere(ctx: AppContext, table: 'placements' | 'units'): Promise<boolean> {
  for (let i = 0; i < 100; i += 1) {
    const r = await sql<{ n: number }>`
      select count(*)::int as n from pg_locks
      where relation = ${table}::regclass and mode = 'RowExclusiveLock' and pid <> pg_backend_pid()`.execute(
      ctx.db.kysely,
    );
    if ((r.rows[0]?.n ?? 0) > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/**
 * An import of `owner` left 'applying' with one written slice of `n` people in 640181 (its
 * heartbeat at `heartbeat`, default now), as a crash or a terminated worker leaves it.
 */
async function writeSlice(db: Executor, owner: string, n: number, heartbeat?: string): Promise<number> {
  const at = new Date().toISOString();
  const id = await createImportBatch(db, { owner, regionCodes: ['640181'], at: heartbeat ?? at });
  const ids = await insertPeople(
    db,
    Array.from({ length: n }, (_, i) => ({
      idHash: `h-${id}-${i}`,
      idCipher: 'c',
      idMasked: '640181********0000',
      name: `某${i}`,
      gender: '男',
      birthDate: '1990-01-01',
      at,
    })),
    id,
  );
  await insertStagedPlacements(
    db,
    id,
    [...ids.values()].map((personId) => stagedPlacement(personId, '640181', 'X01', at)),
  );
  return id;
}

describe.each(DIALECTS)('an import applied in slices on %s', (dialect) => {
  let t: TestDb;
  /** The import's own connection, as the import worker has. */
  let importer: AppContext;
  let closeImporter: () => Promise<void>;
  let app: FastifyInstance;
  let admin2: Principal;
  let c1: { units: string; all: string };

  beforeAll(async () => {
    t = await openTestDb(dialect);
    ({ importer, closeImporter } = importerOf(t));
    for (const code of ['640121', '640122', '640181']) await ensureRegion(t.ctx, { code, actor });
    await createUser(t.ctx, {
      actor,
      username: 'clerk1',
      displayName: '录入员',
      role: 'admin',
      regionCode: '640121',
      unitId: null,
      password: PASSWORD,
    });
    const id2 = await createUser(t.ctx, {
      actor,
      username: 'admin2',
      displayName: '管理员',
      role: 'admin',
      regionCode: '640122',
      unitId: null,
      password: PASSWORD,
    });
    admin2 = {
      userId: id2.id,
      username: 'admin2',
      displayName: '管理员',
      role: 'admin',
      regionCode: '640122',
      unitId: null,
      mustChangePassword: false,
    };
    app = await testApp(t);
    c1 = await county('640121', 21);
    // The county's units first: the people import below then adds only people.
    const units = await importWorkbook(importer, {
      actor,
      paths: files(c1.units),
      dryRun: false,
      allowedRegions: null,
    });
    expect(units.ok).toBe(true);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await closeImporter?.();
    await t?.destroy();
  });

  const get = async <T>(cookie: string, url: string): Promise<T> => {
    const res = await app.inject({ method: 'GET', url, headers: { cookie } });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return json<T>(res);
  };
  const totalActual = (r: BasicReportResponse): number | undefined =>
    r.report.figures.find((f) => f.key === 'totalActual')?.value;

  it('(a) keeps the people invisible between slices while others log in and write; (b) publishes them all at the end', async () => {
    const rows = csvRows(path.join(c1.all, '人员.csv'));
    expect(rows.length).toBeGreaterThan(2500);
    const unitCode = rows[0]?.['机构编码'] ?? '';
    const unit = await t.ctx.db.kysely
      .selectFrom('units')
      .select('id')
      .where('region_code', '=', '640121')
      .where('code', '=', unitCode)
      .executeTakeFirstOrThrow();
    const peopleBefore = await count(t.ctx, 'people');
    const seen: number[] = [];
    let publishingDuringCheck = false;
    const result = await importSliced(importer, c1.all, {
      afterSlice: async (slice) => {
        if (slice !== 2) return;
        // Another connection (the server's) logs in — a session row and an audit event — and
        // writes in another county, while the import has written two slices.
        const cookie = await loginCookie(app, 'clerk1', PASSWORD);
        await setControlTotal(t.ctx, {
          principal: admin2,
          regionCode: '640122',
          quotaType: '行政编制',
          total: 120,
          effectiveFrom: '2026-01-01',
          docNo: null,
        });
        // The slices are in the database ...
        seen.push(await count(t.ctx, 'people'), await count(t.ctx, 'import_placements'));
        // ... and nowhere to be seen.
        const list = await get<PeoplePage>(cookie, '/api/people?region=640121&page=1&pageSize=20');
        seen.push(list.total);
        const report = await get<BasicReportResponse>(
          cookie,
          `/api/reports/basic?region=640121&asOf=${AS_OF}`,
        );
        seen.push(totalActual(report) ?? -1);
        const page = await get<UnitDetail>(cookie, `/api/units/${unit.id}?asOf=${AS_OF}`);
        seen.push(page.figures.reduce((n, f) => n + f.actual + f.pending, 0));
        const hash = blindIndex(t.ctx.keys, rows[0]?.['身份证号'] ?? '');
        seen.push((await peopleByHash(t.ctx.db.kysely, [hash])).size);
        // PostgreSQL: the import's final transaction, opened when the check reached 人员, is
        // publishing the committed slices while the check goes on (apply-slices.ts).
        if (dialect === 'postgres') publishingDuringCheck = await writingElsewhere(t.ctx, 'placements');
      },
    });
    if (dialect === 'postgres') expect(publishingDuringCheck).toBe(true);
    expect(result.ok).toBe(true);
    expect(seen).toHaveLength(6);
    const [people, staged, listed, reported, onPage, found] = seen;
    expect(people).toBe(peopleBefore + 2000);
    expect(staged).toBe(2000);
    expect([listed, reported, onPage, found]).toEqual([0, 0, 0, 0]);

    // (b) Everything visible, each person with the placement of its row — what one transaction wrote.
    expect(result.counts['人员']?.inserted).toBe(rows.length);
    expect(await count(t.ctx, 'import_placements')).toBe(0);
    const cookie = await loginCookie(app, 'clerk1', PASSWORD);
    expect((await get<PeoplePage>(cookie, '/api/people?region=640121&page=1&pageSize=20')).total).toBe(
      rows.length,
    );
    const report = await get<BasicReportResponse>(cookie, `/api/reports/basic?region=640121&asOf=${AS_OF}`);
    expect(totalActual(report)).toBeGreaterThan(0);
    const page = await get<UnitDetail>(cookie, `/api/units/${unit.id}?asOf=${AS_OF}`);
    expect(page.figures.reduce((n, f) => n + f.actual + f.pending, 0)).toBeGreaterThan(0);
    const written = await t.ctx.db.kysely
      .selectFrom('placements as p')
      .innerJoin('people as h', 'h.id', 'p.person_id')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .select([
        'h.id_hash',
        'h.name',
        'u.code',
        'p.quota_type',
        'p.status',
        'p.leadership_level',
        'p.entered_on',
        'p.left_on',
        'p.is_current',
      ])
      .where('u.region_code', '=', '640121')
      .execute();
    const key = (r: (string | number | null)[]) => r.map((v) => v ?? '').join('|');
    expect(
      new Set(
        written.map((w) =>
          key([
            w.id_hash,
            w.name,
            w.code,
            w.quota_type,
            w.status,
            w.leadership_level,
            w.entered_on,
            w.left_on,
            w.is_current,
          ]),
        ),
      ),
    ).toEqual(
      new Set(
        rows.map((r) =>
          key([
            blindIndex(t.ctx.keys, r['身份证号'] ?? ''),
            r['姓名'] ?? '',
            r['机构编码'] ?? '',
            r['编制类型'] ?? '',
            r['人员状态'] ?? '',
            r['领导职务'] ?? '',
            r['入编日期'] ?? '',
            r['出编日期'] ?? '',
            1,
          ]),
        ),
      ),
    );
    expect(written).toHaveLength(rows.length);
    const batches = await t.ctx.db.kysely.selectFrom('import_batches').select('state').execute();
    expect(batches.map((b) => b.state)).toEqual(['done']);
    const run = await t.ctx.db.kysely
      .selectFrom('audit_events')
      .select('payload')
      .where('action', '=', 'import.run')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const timing = (
      JSON.parse(run.payload) as { after: { timing: { slices: number; publishedWithSlices: number } } }
    ).after.timing;
    expect(timing.slices).toBe(Math.ceil(rows.length / 1000));
    // PostgreSQL publishes each slice once it is committed; SQLite all at the end.
    expect(timing.publishedWithSlices).toBe(dialect === 'postgres' ? rows.length : 0);
    const verified = await verifyAuditChain(t.ctx.db.kysely, t.ctx.auditKeys);
    expect(verified.ok).toBe(true);
  }, 300_000);

  it('(c) removes the slices and shows nothing when the import fails after some of them', async () => {
    const c2 = await county('640122', 22);
    const before = { people: await count(t.ctx, 'people'), placements: await count(t.ctx, 'placements') };
    await expect(
      importSliced(importer, c2.all, {
        afterSlice: async (slice) => {
          if (slice === 2) throw new Error('模拟故障');
        },
      }),
    ).rejects.toThrow('模拟故障');
    expect(await count(t.ctx, 'people')).toBe(before.people);
    expect(await count(t.ctx, 'placements')).toBe(before.placements);
    expect(await count(t.ctx, 'import_placements')).toBe(0);
    const units = await t.ctx.db.kysely
      .selectFrom('units')
      .select('id')
      .where('region_code', '=', '640122')
      .execute();
    expect(units).toEqual([]);
    const abort = await t.ctx.db.kysely
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'import.abort')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(abort.summary).toContain('模拟故障');
    expect(abort.summary).toContain('2000 名人员');

    // A change in the import's county between two slices: the next slice refuses the import.
    await expect(
      importSliced(importer, c2.all, {
        afterSlice: async (slice) => {
          if (slice !== 1) return;
          await setControlTotal(t.ctx, {
            principal: admin2,
            regionCode: '640122',
            quotaType: '事业编制',
            total: 300,
            effectiveFrom: '2026-01-01',
            docNo: null,
          });
        },
      }),
    ).rejects.toThrow('已被他人修改');
    expect(await count(t.ctx, 'people')).toBe(before.people);
    expect(await count(t.ctx, 'import_placements')).toBe(0);
    const states = await t.ctx.db.kysely.selectFrom('import_batches').select('state').orderBy('id').execute();
    expect(states.map((s) => s.state)).toEqual(['done', 'failed', 'failed']);
    expect((await verifyAuditChain(t.ctx.db.kysely, t.ctx.auditKeys)).ok).toBe(true);
  }, 300_000);

  /** A job of the server's kind (a worker thread) importing a county of 640106 (two slices of people). */
  const uploadCounty = async () => {
    const other = tempDir();
    await writeCounty(other, { regionCode: '640106', scale: 2, seed: 23, asOf: AS_OF });
    const jobs = new ImportJobs({
      ctx: t.ctx,
      databaseUrl: t.url,
      databaseSchema: t.schema,
      root: tempDir(),
    });
    const dir = jobs.folder('upload');
    const files = fs.readdirSync(other).map((f) => {
      fs.copyFileSync(path.join(other, f), path.join(dir, f));
      return { path: path.join(dir, f), name: f };
    });
    const principal = { ...admin2, regionCode: '640106' };
    const job = jobs.start({ principal, files, dryRun: false, ignoreExtraColumns: false, cleanupDir: dir });
    return { jobs, job, principal };
  };

  it('(c) removes the slices when the import is cancelled between two of them (its worker terminated)', async () => {
    const before = await count(t.ctx, 'people');
    const { jobs, job, principal } = await uploadCounty();
    // The first slice (10,000 people) is written; the second is not.
    for (;;) {
      const p = jobs.get(job.id, principal);
      if (p.status !== 'running') throw new Error(`导入已结束：${p.status} ${p.message ?? ''}`);
      if (p.progress.phase === '写入' && p.progress.done >= 1) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(await count(t.ctx, 'people')).toBeGreaterThanOrEqual(before + 10_000);
    // Only its own user may cancel it.
    await expect(jobs.cancel(job.id, { ...principal, userId: principal.userId + 1 })).rejects.toThrow(
      '无权取消该导入任务',
    );
    const cancelled = await jobs.cancel(job.id, principal);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.message).toBe('导入已取消，未写入任何数据');
    expect(await count(t.ctx, 'people')).toBe(before);
    expect(await count(t.ctx, 'import_placements')).toBe(0);
    const last = await t.ctx.db.kysely
      .selectFrom('import_batches')
      .select('state')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.state).toBe('failed');
    await jobs.close();
  }, 300_000);

  it('(c) refuses to cancel an import once its final transaction may commit, and it completes', async () => {
    const before = await count(t.ctx, 'people');
    const { jobs, job, principal } = await uploadCounty();
    expect(job.cancellable).toBe(true);
    // Let commit: what follows (the commit, then statistics for ≥ 5,000 rows) takes far longer than a poll.
    while (jobs.get(job.id, principal).progress.phase !== IMPORT_COMMIT_PHASE) {
      if (jobs.get(job.id, principal).status !== 'running') throw new Error('导入已结束，未到提交');
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(jobs.get(job.id, principal).cancellable).toBe(false);
    expect(jobs.get(job.id, principal).cancellable).toBe(false);
    await expect(jobs.cancel(job.id, principal)).rejects.toThrow('导入正在提交，已无法取消');
    await jobs.settled(job.id);
    const done = jobs.get(job.id, principal);
    expect(done.status).toBe('done');
    expect(done.result?.ok).toBe(true);
    expect(await count(t.ctx, 'people')).toBe(before + (done.result?.counts['人员']?.inserted ?? -1));
    // A job that has ended is returned as it ended.
    expect((await jobs.cancel(job.id, principal)).status).toBe('done');
    await jobs.close();
  }, 300_000);

  it('(e) refuses to publish when a committed slice or its staged placements were lost (a database crash)', async () => {
    const c3 = await county('640122', 23);
    const db = t.ctx.db.kysely;
    const before = { people: await count(t.ctx, 'people'), placements: await count(t.ctx, 'placements') };
    const applying = async (): Promise<number> =>
      (
        await db
          .selectFrom('import_batches')
          .select('id')
          .where('state', '=', 'applying')
          .executeTakeFirstOrThrow()
      ).id;
    // Slices commit without waiting for the disk on PostgreSQL: a crash may lose the last one whole.
    await expect(
      importSliced(importer, c3.all, {
        afterSlice: async (slice) => {
          if (slice !== 1) return;
          const id = await applying();
          await db.deleteFrom('import_placements').where('import_id', '=', id).execute();
          await db.deleteFrom('people').where('import_id', '=', id).execute();
          await db.updateTable('import_batches').set({ slices: 0 }).where('id', '=', id).execute();
        },
      }),
    ).rejects.toThrow(/个分片只有 \d+ 个已保存/);
    // The staged placements are unlogged on PostgreSQL: a crash empties them, the people stay.
    await expect(
      importSliced(importer, c3.all, {
        afterSlice: async (slice) => {
          if (slice !== 2) return;
          await db
            .deleteFrom('import_placements')
            .where('import_id', '=', await applying())
            .execute();
        },
      }),
    ).rejects.toThrow('条暂存的编制信息');
    expect(await count(t.ctx, 'people')).toBe(before.people);
    expect(await count(t.ctx, 'placements')).toBe(before.placements);
    expect(await count(t.ctx, 'import_placements')).toBe(0);
    const states = await db
      .selectFrom('import_batches')
      .select('state')
      .orderBy('id', 'desc')
      .limit(2)
      .execute();
    expect(states.map((b) => b.state)).toEqual(['failed', 'failed']);
  }, 300_000);

  it('(d) sweeps the slices of an import a crash left applying, and leaves a live one alone', async () => {
    const db = t.ctx.db.kysely;
    const before = await count(t.ctx, 'people');
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const slice = (owner: string, n: number, heartbeat?: string) => writeSlice(db, owner, n, heartbeat);
    const crashed = await slice(`${os.hostname()}/${dead}/0`, 25);
    const live = await slice(`${os.hostname()}/${process.pid}/7`, 5);
    const remoteStale = await slice('another-host/1/0', 3, '2026-01-01T00:00:00.000Z');
    const remoteFresh = await slice('another-host/2/0', 4);
    // Invisible before the sweep, too.
    expect((await peopleByHash(db, ['h-' + crashed + '-0'])).size).toBe(0);

    expect(await sweepAbandonedImports(t.ctx)).toBe(2);
    const state = async (id: number) =>
      (await db.selectFrom('import_batches').select('state').where('id', '=', id).executeTakeFirstOrThrow())
        .state;
    expect([
      await state(crashed),
      await state(live),
      await state(remoteStale),
      await state(remoteFresh),
    ]).toEqual(['failed', 'applying', 'failed', 'applying']);
    expect(await count(t.ctx, 'people')).toBe(before + 5 + 4);
    expect(await count(t.ctx, 'import_placements')).toBe(5 + 4);
    const events = await db
      .selectFrom('audit_events')
      .select(['entity_id', 'summary'])
      .where('action', '=', 'import.abort')
      .where('entity_id', 'in', [String(crashed), String(remoteStale)])
      .execute();
    expect(events.map((e) => e.summary).sort()).toEqual([
      '导入未完成（导入进程意外中止），撤销其已分片写入、尚未生效的 25 名人员',
      '导入未完成（导入进程意外中止），撤销其已分片写入、尚未生效的 3 名人员',
    ]);

    // A worker that ended (terminated) is swept by its owner at once.
    expect(await sweepAbandonedImports(t.ctx, { owner: `${os.hostname()}/${process.pid}/7` })).toBe(1);
    expect(await state(live)).toBe('failed');
    expect(await count(t.ctx, 'people')).toBe(before + 4);
  }, 120_000);

  it('(e) removes the slices written during the check when a later row turns out wrong', async () => {
    const c3 = await county('640122', 24);
    const sheet = path.join(c3.all, '人员.csv');
    const [header = '', first = ''] = fs.readFileSync(sheet, 'utf8').split(/\r?\n/);
    const idColumn = header
      .replace(/^\uFEFF/, '')
      .split(',')
      .indexOf('身份证号');
    const bad = first.split(',');
    bad[idColumn] = '12345';
    fs.appendFileSync(sheet, `${bad.join(',')}\n`);
    // Test (d) leaves a live import's slice rows behind: counted before, as the rest.
    const before = {
      people: await count(t.ctx, 'people'),
      placements: await count(t.ctx, 'placements'),
      staged: await count(t.ctx, 'import_placements'),
    };
    const written: number[] = [];
    const result = await importSliced(importer, c3.all, {
      afterSlice: async (slice) => {
        written.push(slice, await count(t.ctx, 'people'));
      },
    });
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.column)).toEqual(['身份证号']);
    // Slices were written while the check read on (the bad row is the last one) ...
    expect(written.length).toBeGreaterThanOrEqual(4);
    expect(written[1]).toBe(before.people + 1000);
    // ... and are gone again: nothing of the import is left or visible.
    expect(await count(t.ctx, 'people')).toBe(before.people);
    expect(await count(t.ctx, 'placements')).toBe(before.placements);
    expect(await count(t.ctx, 'import_placements')).toBe(before.staged);
    const last = await t.ctx.db.kysely
      .selectFrom('import_batches')
      .select('state')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last.state).toBe('failed');
    const abort = await t.ctx.db.kysely
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'import.abort')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(abort.summary).toContain('校验发现 1 处错误');
    expect((await verifyAuditChain(t.ctx.db.kysely, t.ctx.auditKeys)).ok).toBe(true);
  }, 300_000);

  it('(f) refuses the import, writing nothing, when a person of the file is recorded meanwhile', async () => {
    const c4 = await county('640122', 25);
    const rows = csvRows(path.join(c4.all, '人员.csv'));
    const db = t.ctx.db.kysely;
    // Another import, still being written, holds the file's last person (invisible, so not
    // found by a look-up): the slice meets the unique hash. The recorded hashes are loaded after
    // one batch, as a province's import does after DIRECT_LOOKUP_BATCHES.
    const other = await createImportBatch(db, {
      owner: 'another-import',
      regionCodes: ['640181'],
      at: AS_OF,
    });
    const lastId = rows[rows.length - 1]?.['身份证号'] ?? '';
    await db.transaction().execute((trx) =>
      insertPeople(
        trx,
        [
          {
            idHash: blindIndex(t.ctx.keys, lastId),
            idCipher: 'c',
            idMasked: 'm',
            name: '他人',
            gender: '男',
            birthDate: '1990-01-01',
            at: AS_OF,
          },
        ],
        other,
      ),
    );
    const before = {
      people: await count(t.ctx, 'people'),
      placements: await count(t.ctx, 'placements'),
      staged: await count(t.ctx, 'import_placements'),
    };
    await expect(
      importSliced(importer, c4.all, {
        directLookupBatches: 1,
      }),
    ).rejects.toThrow('导入期间，文件中的人员已被他人登记（身份证号相同）；未写入任何数据，请重新导入');
    expect(await count(t.ctx, 'people')).toBe(before.people);
    expect(await count(t.ctx, 'placements')).toBe(before.placements);
    expect(await count(t.ctx, 'import_placements')).toBe(before.staged);
    const abort = await db
      .selectFrom('audit_events')
      .select('summary')
      .where('action', '=', 'import.abort')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(abort.summary).toContain('已被他人登记');
    await db.deleteFrom('people').where('import_id', '=', other).execute();
    await db.updateTable('import_batches').set({ state: 'failed' }).where('id', '=', other).execute();
  }, 300_000);
});

// PostgreSQL only: there another connection can commit while the import's final transaction is
// open (SQLite's write lock keeps every other writer out of it from its start).
describe.each(DIALECTS.filter((d) => d === 'postgres'))(
  'the final transaction of an import on %s',
  (dialect) => {
    let t: TestDb;
    let importer: AppContext;
    let closeImporter: () => Promise<void>;

    beforeAll(async () => {
      t = await openTestDb(dialect);
      ({ importer, closeImporter } = importerOf(t));
      for (const code of ['640122', '640181', '640104', '640105', '640202', '640205'])
        await ensureRegion(t.ctx, { code, actor });
    }, 180_000);

    afterAll(async () => {
      await closeImporter?.();
      await t?.destroy();
    });

    it('ends the connections of a terminated worker before removing its slices, and no one else’s', async () => {
      const before = await count(t.ctx, 'people');
      const owner = `${os.hostname()}/${process.pid}/99`;
      const id = await writeSlice(t.ctx.db.kysely, owner, 6);
      /** A connection named as `who`'s import connections are (import-owner.ts). */
      const connectionOf = async (who: string) => {
        const c = new pg.Client({
          connectionString: t.url,
          application_name: importConnectionName(who),
          options: `-c search_path=${t.schema}`,
        });
        c.on('error', () => undefined);
        await c.connect();
        return c;
      };
      // What the server may still run for a worker after it was terminated: its final transaction,
      // publishing — holding the slice's people, which the sweep deletes.
      const left = await connectionOf(owner);
      await left.query('begin');
      await left.query('select id from people where import_id = $1 for update', [id]);
      const live = await connectionOf(`${os.hostname()}/${process.pid}/98`);
      try {
        expect(await sweepAbandonedImports(t.ctx, { owner })).toBe(1);
        expect(await count(t.ctx, 'people')).toBe(before);
        expect(await count(t.ctx, 'import_placements')).toBe(0);
        await expect(left.query('select 1')).rejects.toThrow();
        expect((await live.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
      } finally {
        await left.end().catch(() => undefined);
        await live.end();
      }
    }, 60_000);

    /** Another user's audited change to a unit of a county (its event under the chain's lock). */
    const unitChange = (trx: Executor, unitId: number | null, summary: string, regionCode = '640122') =>
      t.ctx.audit.record(trx, actor, {
        action: 'unit.correct',
        entityType: 'unit',
        entityId: unitId,
        regionCode,
        summary,
        payload: { before: null, after: {} },
      });
    /** A login's audit event (under the chain's lock). */
    const loginEvent = (trx: Executor, summary: string) =>
      t.ctx.audit.record(trx, actor, {
        action: 'user.login',
        entityType: 'user',
        entityId: null,
        regionCode: null,
        summary,
        payload: { before: null, after: { username: 'admin2' } },
      });

    /**
     * Imports `first`; after its first slice — its final transaction open, the county's units
     * written — imports `second` on a connection of its own, waiting for it at most `waitS` seconds.
     */
    const importMeanwhile = async (first: string, second: string, waitS: number) => {
      let outcome = 'not run';
      const result = await importSliced(importer, first, {
        afterSlice: async (slice) => {
          if (slice !== 1) return;
          expect(await writingElsewhere(t.ctx, 'units')).toBe(true);
          const other = importerOf(t);
          try {
            const done = importWorkbook(other.importer, {
              actor,
              paths: files(second),
              dryRun: false,
              allowedRegions: null,
              sliceBatches: 1,
            }).then((r) => (r.ok ? 'imported' : `rejected: ${r.errors[0]?.reason ?? ''}`));
            const timeout = new Promise<string>((resolve) =>
              setTimeout(() => resolve(`waited ${waitS} s`), waitS * 1000).unref(),
            );
            outcome = await Promise.race([done, timeout]);
          } finally {
            await other.closeImporter();
          }
        },
      });
      return { first: result, second: outcome };
    };

    it('locks the audit chain only after publishing — a login meanwhile goes through, a change to the county still refuses the import', async () => {
      const db = t.ctx.db.kysely;
      /** An audited write on another connection, committed while the import's final transaction is open. */
      const meanwhile = async (regionCode: string | null, summary: string) => {
        const write = db
          .transaction()
          .execute((trx) =>
            regionCode === null ? loginEvent(trx, summary) : unitChange(trx, null, summary),
          );
        // Locked from the start, the chain would keep this write waiting for the very transaction
        // that waits for it here.
        const timeout = new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('审计链在最终事务发布期间被锁住')), 15_000).unref(),
        );
        await Promise.race([write, timeout]);
      };
      const c5 = await county('640122', 27);
      const ok = await importSliced(importer, c5.all, {
        beforePublish: () => meanwhile(null, '登录（最终事务期间）'),
      });
      expect(ok.ok).toBe(true);
      const events = await db
        .selectFrom('audit_events')
        .select(['id', 'action'])
        .where('action', 'in', ['user.login', 'import.run'])
        .orderBy('id', 'desc')
        .limit(2)
        .execute();
      // The login's event went in while the import's final transaction was open, before its events.
      expect(events.map((e) => e.action)).toEqual(['import.run', 'user.login']);
      const before = {
        people: await count(t.ctx, 'people'),
        placements: await count(t.ctx, 'placements'),
      };
      const c6 = await county('640122', 28);
      await expect(
        importSliced(importer, c6.all, {
          beforePublish: () => meanwhile('640122', '他人修改了该县（最终事务期间）'),
        }),
      ).rejects.toThrow('导入校验期间，这些行政区划的数据已被他人修改；未写入任何数据，请重新导入');
      expect(await count(t.ctx, 'people')).toBe(before.people);
      expect(await count(t.ctx, 'placements')).toBe(before.placements);
      // A writer that holds the chain first and then raises the county's report counter (as a
      // matter's implementation does) waits for the import's counter row, and the import, at its
      // end, for the chain: PostgreSQL ends the deadlock by failing one of the two. Either the
      // import is refused as a conflict and the writer goes through, or the writer fails and the
      // import goes through — neither waits for ever.
      const unit = await db
        .selectFrom('units')
        .select('id')
        .where('region_code', '=', '640122')
        .executeTakeFirstOrThrow();
      let writer: Promise<'written' | 'failed'> = Promise.resolve('failed');
      const c7 = await county('640122', 29);
      const imported = await importSliced(importer, c7.all, {
        beforePublish: async () => {
          writer = db
            .transaction()
            .execute(async (trx) => {
              await unitChange(trx, unit.id, '实施事项（最终事务期间）');
              await markReportsChangedForUnits(trx, [unit.id]);
            })
            .then(
              () => 'written' as const,
              (e: unknown) => {
                expect((e as { code?: string }).code).toBe('40P01');
                return 'failed' as const;
              },
            );
          // The writer has taken the chain before the import goes on.
          await new Promise((resolve) => setTimeout(resolve, 500));
        },
      }).then(
        () => 'imported' as const,
        (e: unknown) => {
          expect(String(e)).toContain(
            '导入校验期间，这些行政区划的数据已被他人修改；未写入任何数据，请重新导入',
          );
          return 'refused' as const;
        },
      );
      const wrote = await writer;
      expect(['refused/written', 'imported/failed']).toContain(`${imported}/${wrote}`);
    }, 300_000);

    it('gives way, within seconds, to a writer that holds the chain and waits for a unit its open final transaction created', async () => {
      const db = t.ctx.db.kysely;
      const c = await county('640181', 31);
      const code = csvRows(path.join(c.all, '机构.csv'))[0]?.['机构编码'] ?? '';
      const before = { people: await count(t.ctx, 'people'), placements: await count(t.ctx, 'placements') };
      let writer: Promise<string> = Promise.resolve('not started');
      let writerStarted = 0;
      let login = 'not tried';
      await expect(
        importSliced(importer, c.all, {
          // After the check, every slice written: no slice of the import asks for a lock any more.
          beforeApply: async () => {
            // The import's final transaction has written the county's units (not committed).
            expect(await writingElsewhere(t.ctx, 'units')).toBe(true);
            // Another user's audited write takes the chain, then creates a unit with a code the
            // import creates: it waits for the import's final transaction — and every login waits
            // for the chain.
            writerStarted = performance.now();
            writer = db
              .transaction()
              .execute(async (trx) => {
                await unitChange(trx, null, '新设机构（导入期间）', '640181');
                await trx
                  .insertInto('units')
                  .values({ region_code: '640181', code, created_at: new Date().toISOString() })
                  .execute();
              })
              .then(
                () => `written after ${Math.round((performance.now() - writerStarted) / 1000)} s`,
                (e: unknown) => `failed: ${String(e)}`,
              );
            await new Promise((resolve) => setTimeout(resolve, 300));
            // A login meanwhile: its event waits for the chain until the import gives way.
            const started = performance.now();
            await t.ctx.db.kysely.transaction().execute((trx) => loginEvent(trx, '登录（导入期间）'));
            login = `logged in after ${Math.round((performance.now() - started) / 1000)} s`;
          },
        }),
      ).rejects.toThrow('导入校验期间，这些行政区划的数据已被他人修改');
      // The import's final transaction saw the writer wait for it and rolled back (CHAIN_WATCH_MS:
      // about a second here; without the watch both wait until the test times out, so the bound is
      // loose for a busy CI machine).
      expect(await writer).toMatch(/^written after 1?[0-9] s$/);
      expect(login).toMatch(/^logged in after 1?[0-9] s$/);
      expect(await count(t.ctx, 'people')).toBe(before.people);
      expect(await count(t.ctx, 'placements')).toBe(before.placements);
      expect(await count(t.ctx, 'import_placements')).toBe(0);
      const units = await db.selectFrom('units').select('code').where('region_code', '=', '640181').execute();
      expect(units.map((u) => u.code)).toEqual([code]);
    }, 300_000);

    it('refuses the import when a slice waits too long for the chain (held by a long operation)', async () => {
      const c = await county('640202', 34);
      const before = await count(t.ctx, 'people');
      let holder: Promise<void> = Promise.resolve();
      await expect(
        importSliced(importer, c.all, {
          sliceLockTimeoutMs: 500,
          afterSlice: async (slice) => {
            if (slice !== 1) return;
            // A key rotation, say: the chain held for seconds by someone who waits for nobody.
            holder = t.ctx.db.kysely.transaction().execute(async (trx) => {
              await lockChain(trx, 'postgres');
              await new Promise((resolve) => setTimeout(resolve, 3000));
            });
            await new Promise((resolve) => setTimeout(resolve, 200));
          },
        }),
      ).rejects.toThrow('导入等待他人的操作超时');
      await holder;
      expect(await count(t.ctx, 'people')).toBe(before);
      expect(await count(t.ctx, 'import_placements')).toBe(0);
    }, 300_000);

    it('ends a second import of the same new county, which waits for the units of the first, as soon as its check fails', async () => {
      const a = await county('640205', 35);
      const b = tempDir();
      for (const f of fs.readdirSync(a.all)) fs.copyFileSync(path.join(a.all, f), path.join(b, f));
      // The same county, with a bad first 人员 row: the second import's check fails before it
      // writes a slice.
      const people = path.join(b, '人员.csv');
      const [head = '', ...rest] = fs.readFileSync(people, 'utf8').split('\n');
      fs.writeFileSync(
        people,
        [head, '110101199003074514,张三,640205,NOPE,行政编制,在编,,无,2020-01-01,', ...rest].join('\n'),
      );
      // Its final transaction waits for the first one's units; its failed check rolls it back at
      // once (the waiting statement cancelled), not when the first import ends.
      const { first, second } = await importMeanwhile(a.all, b, 30);
      expect(second).toMatch(/^rejected: /);
      expect(first.ok).toBe(true);
      expect(await count(t.ctx, 'import_placements')).toBe(0);
    }, 300_000);

    it('lets a second import run to its end while the first one holds its final transaction open', async () => {
      const a = await county('640104', 32);
      const b = await county('640105', 33);
      const people = (dir: string) => csvRows(path.join(dir, '人员.csv')).length;
      const before = await count(t.ctx, 'people');
      // The second import's end clears the staged placements: not by locking the table the first
      // import's final transaction reads (its next slice would queue behind that lock).
      const { first, second } = await importMeanwhile(a.all, b.all, 60);
      expect(second).toBe('imported');
      expect(first.ok).toBe(true);
      expect(await count(t.ctx, 'people')).toBe(before + people(a.all) + people(b.all));
      expect(await count(t.ctx, 'import_placements')).toBe(0);
      const states = await t.ctx.db.kysely
        .selectFrom('import_batches')
        .select('state')
        .orderBy('id', 'desc')
        .limit(2)
        .execute();
      expect(states.map((r) => r.state)).toEqual(['done', 'done']);
      expect((await verifyAuditChain(t.ctx.db.kysely, t.ctx.auditKeys)).ok).toBe(true);
    }, 300_000);
  },
);
