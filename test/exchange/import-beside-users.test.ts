// An import never locks other users out (issue 8): while a 20,000-person county is imported
// through the web, logins, page loads and logouts (each login and logout writes) all succeed,
// on both databases. And an import leaves no uploaded file behind however it ends: success,
// rejection, cancellation (worker terminated mid-way) or a crash (swept on start-up).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob } from '../../src/common/wire.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import type { Principal } from '../../src/domain/accounts/policies.ts';
import { createImportFolder, sweepImportFolders } from '../../src/domain/exchange/import-folder.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { writeCounty } from '../../src/demo/write-county.ts';
import { ImportJobs } from '../../src/http/import-jobs.ts';
import { json, multipart, testApp } from '../support/app.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, tempDir } from '../support/fixtures.ts';

const actor = { id: null, name: '测试' };
const PASSWORD = 'Correct-Horse-9';
// scale 1 ≈ 6,000 people
const SCALE = 3.4;

async function countPeople(t: TestDb): Promise<number> {
  const r = await t.ctx.db.kysely
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

function uploads(dir: string): { name: string; content: Buffer }[] {
  return fs.readdirSync(dir).map((f) => ({ name: f, content: fs.readFileSync(path.join(dir, f)) }));
}

describe.each(DIALECTS)('imports beside other users on %s', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  let root: string;
  let county: string;
  let clerk: Principal;

  beforeAll(async () => {
    t = await openTestDb(dialect);
    county = tempDir();
    await writeCounty(county, { regionCode: '640121', scale: SCALE, seed: 11, asOf: '2026-06-30' });
    await ensureRegion(t.ctx, { code: '640121', actor });
    const user = await createUser(t.ctx, {
      actor,
      username: 'clerk',
      displayName: '录入员',
      role: 'clerk',
      regionCode: '640121',
      unitId: null,
      password: PASSWORD,
    });
    clerk = {
      userId: user.id,
      username: 'clerk',
      displayName: '录入员',
      role: 'clerk',
      regionCode: '640121',
      unitId: null,
      mustChangePassword: false,
    };
    root = tempDir();
    // testApp: every request carries the web client's same-origin mark, as the browser's would.
    app = await testApp(t, { importDir: root });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  it('keeps logins, page loads and logouts working during a 20,000-person import', async () => {
    const login = async (): Promise<{ status: number; cookie: string }> => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'clerk', password: PASSWORD },
      });
      const c = res.cookies.find((x) => x.name === 'bianzhi_session');
      return { status: res.statusCode, cookie: `bianzhi_session=${c?.value ?? ''}` };
    };
    const first = await login();
    expect(first.status).toBe(200);
    const body = multipart(uploads(county), { dryRun: 'false' });
    const started = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...body.headers, cookie: first.cookie },
      payload: body.payload,
    });
    expect(started.statusCode).toBe(202);
    let job = json<ImportJob>(started);
    const failures: string[] = [];
    const phases = new Set<string>();
    let whileRunning = 0;
    for (let round = 0; job.status === 'running' || round < 5; round++) {
      // A user's pace, not a flood: the import must get on too (2 cores in CI).
      await new Promise((r) => setTimeout(r, 200));
      const s = await login();
      if (s.status !== 200) failures.push(`login ${s.status}`);
      for (const url of ['/api/auth/me', '/api/units?region=640121', '/api/people?region=640121&page=1']) {
        const res = await app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
        if (res.statusCode !== 200) failures.push(`${url} ${res.statusCode}`);
      }
      const out = await app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: s.cookie },
      });
      if (out.statusCode !== 204) failures.push(`logout ${out.statusCode}`);
      job = json<ImportJob>(
        await app.inject({ method: 'GET', url: `/api/imports/${job.id}`, headers: { cookie: first.cookie } }),
      );
      if (job.status === 'running') {
        whileRunning += 1;
        phases.add(job.progress.phase);
      }
    }
    expect(failures).toEqual([]);
    expect(job.message).toBeNull();
    expect(job.status).toBe('done');
    expect(job.result?.ok).toBe(true);
    expect(job.result?.counts['人员']?.inserted).toBeGreaterThan(19_000);
    // The requests above really ran beside the import, not after it.
    expect(whileRunning).toBeGreaterThan(3);
    expect(phases.has('导入中')).toBe(true);
    expect(await countPeople(t)).toBe(job.result?.counts['人员']?.inserted);
    // Nothing of the upload is left.
    expect(fs.readdirSync(root)).toEqual([]);
  }, 300_000);

  it('leaves no uploaded file and writes nothing when an import is rejected or cancelled', async () => {
    const jobs = new ImportJobs({
      ctx: t.ctx,
      databaseUrl: t.url,
      databaseSchema: t.schema,
      root: tempDir(),
    });
    const before = await countPeople(t);

    // Rejected: a row refers to a unit that does not exist.
    const bad = jobs.folder('upload');
    fs.writeFileSync(
      path.join(bad, '人员.csv'),
      `${fs.readFileSync(path.join(COUNTY_DIR, '人员.csv'), 'utf8').split('\n')[0]}\n` +
        '110101199003074514,张三,640121,NOPE,行政编制,在编,,无,2020-01-01,\n',
    );
    const rejected = jobs.start({
      principal: clerk,
      files: [{ path: path.join(bad, '人员.csv'), name: '人员.csv' }],
      dryRun: false,
      ignoreExtraColumns: false,
      cleanupDir: bad,
    });
    await jobs.settled(rejected.id);
    expect(jobs.get(rejected.id, clerk).result?.ok).toBe(false);
    expect(fs.existsSync(bad)).toBe(false);

    // Cancelled while checking a fresh county's 20,000 people (another county: all would be new).
    const other = tempDir();
    await writeCounty(other, { regionCode: '640122', scale: SCALE, seed: 12, asOf: '2026-06-30' });
    const dir = jobs.folder('upload');
    const files = fs.readdirSync(other).map((f) => {
      fs.copyFileSync(path.join(other, f), path.join(dir, f));
      return { path: path.join(dir, f), name: f };
    });
    const job = jobs.start({
      principal: { ...clerk, regionCode: '640122' },
      files,
      dryRun: false,
      ignoreExtraColumns: false,
      cleanupDir: dir,
    });
    while (jobs.get(job.id, clerk).progress.table !== '人员') await new Promise((r) => setTimeout(r, 20));
    const cancelled = await jobs.cancel(job.id, clerk);
    expect(cancelled.status).toBe('cancelled');
    expect(fs.existsSync(dir)).toBe(false);
    expect(await countPeople(t)).toBe(before);
    await jobs.close();
  }, 300_000);
});

describe('import folders', () => {
  it('are swept on start-up when their process is gone, and kept while it lives', async () => {
    const root = tempDir();
    const live = createImportFolder(root, 'upload');
    fs.writeFileSync(path.join(live, '人员.csv'), 'x');
    const dead = createImportFolder(root, 'upload');
    fs.writeFileSync(path.join(dead, '人员.csv'), '身份证号\n110101199003074514\n');
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    fs.writeFileSync(path.join(dead, 'owner.pid'), String(gone));
    const orphan = path.join(root, 'upload-orphan');
    fs.mkdirSync(orphan);
    fs.writeFileSync(path.join(orphan, 'staged.ndjson'), '{}');

    // A server starting on this data folder sweeps it.
    const t = await openTestDb('sqlite');
    try {
      const jobs = new ImportJobs({ ctx: t.ctx, databaseUrl: t.url, root });
      expect(fs.existsSync(dead)).toBe(false);
      expect(fs.existsSync(orphan)).toBe(false);
      expect(fs.existsSync(live)).toBe(true);
      await jobs.close();
    } finally {
      await t.destroy();
    }
    expect(sweepImportFolders(root)).toBe(0);
  });

  it('hold no input once an import has read it, even when the import is refused', async () => {
    const t = await openTestDb('sqlite');
    try {
      const dir = tempDir();
      const work = tempDir();
      for (const f of fs.readdirSync(COUNTY_DIR))
        fs.copyFileSync(path.join(COUNTY_DIR, f), path.join(dir, f));
      fs.appendFileSync(
        path.join(dir, '人员.csv'),
        '110101199003074514,张三,640121,NOPE,行政编制,在编,,无,2020-01-01,\n',
      );
      const result = await importWorkbook(t.ctx, {
        actor,
        paths: fs.readdirSync(dir).map((f) => path.join(dir, f)),
        dryRun: false,
        allowedRegions: null,
        workDir: work,
        discardInputs: true,
      });
      expect(result.ok).toBe(false);
      expect(fs.readdirSync(dir)).toEqual([]);
      expect(fs.readdirSync(work)).toEqual([]);
    } finally {
      await t.destroy();
    }
  });
});

describe.each(DIALECTS)('an import racing another change on %s', (dialect) => {
  it('refuses to apply over a change made to its county while it was checked, writing nothing', async () => {
    const t = await openTestDb(dialect);
    try {
      // The county is recorded already: the racing import below writes a row of its own in it. (Had
      // it to create the county too, on PostgreSQL it would wait for the first import's final
      // transaction, which creates it and here waits for the racing import: docs/import.md item 3.)
      await ensureRegion(t.ctx, { code: '640121', actor });
      const population = tempDir();
      fs.writeFileSync(
        path.join(population, '人口.csv'),
        '行政区划代码,机构编码,年份,常住人口\n640121,,2031,123456\n',
      );
      let racing: unknown = null;
      const result = importWorkbook(t.ctx, {
        actor,
        paths: [COUNTY_DIR],
        dryRun: false,
        allowedRegions: null,
        // After the county was checked and before it is written, someone imports into it.
        beforeApply: async () => {
          racing = await importWorkbook(t.ctx, {
            actor,
            paths: [population],
            dryRun: false,
            allowedRegions: null,
          });
        },
      });
      await expect(result).rejects.toThrow('导入校验期间，这些行政区划的数据已被他人修改');
      expect(racing).toMatchObject({ ok: true });
      expect(await countPeople(t)).toBe(0);
      const units = await t.ctx.db.kysely.selectFrom('units').select('id').execute();
      expect(units).toEqual([]);
      // Imported again, it applies.
      const again = await importWorkbook(t.ctx, {
        actor,
        paths: [COUNTY_DIR],
        dryRun: false,
        allowedRegions: null,
      });
      expect(again.ok).toBe(true);
      expect(await countPeople(t)).toBeGreaterThan(0);
    } finally {
      await t.destroy();
    }
  }, 120_000);
});
