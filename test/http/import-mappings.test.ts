// The mapping step over HTTP: preview an upload (suggested mapping, masked 身份证号), save the
// mapping for the county, import through it by id in the background, and another county
// neither sees nor deletes it.
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportJob } from '../../src/common/wire.ts';
import type { MappingPreview, SavedMapping } from '../../src/common/wire-mapping.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { json, loginCookie, multipart, testApp } from '../support/app.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR, tempDir } from '../support/fixtures.ts';
import { OFFICE_PEOPLE, writeOfficeWorkbook } from '../support/office-workbook.ts';

const PASSWORD = 'Bianzhi-Test-2024';
const actor = { id: null, name: '测试' };

describe.each(DIALECTS)('import mapping routes on %s', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  const cookies: Record<string, string> = {};
  let upload: { name: string; content: Buffer }[];

  beforeAll(async () => {
    t = await openTestDb(dialect);
    expect(
      (await importWorkbook(t.ctx, { actor, paths: [COUNTY_DIR], dryRun: false, allowedRegions: null })).ok,
    ).toBe(true);
    await ensureRegion(t.ctx, { code: '640122', actor });
    for (const [username, regionCode] of [
      ['clerk', '640121'],
      ['helan', '640122'],
    ] as const) {
      await createUser(t.ctx, {
        actor,
        username,
        displayName: username,
        role: 'clerk',
        regionCode,
        unitId: null,
        password: PASSWORD,
      });
    }
    app = await testApp(t);
    for (const u of ['clerk', 'helan']) cookies[u] = await loginCookie(app, u, PASSWORD);
    const file = await writeOfficeWorkbook(tempDir());
    upload = [{ name: '花名册.xlsx', content: fs.readFileSync(file) }];
  });

  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  const post = (url: string, who: string, fields: Record<string, string>) => {
    const body = multipart(upload, fields);
    return app.inject({
      method: 'POST',
      url,
      headers: { ...body.headers, cookie: cookies[who] ?? '' },
      payload: body.payload,
    });
  };

  it('previews, saves, imports by id; another county neither sees nor deletes the mapping', async () => {
    const previewed = await post('/api/import-mappings/preview', 'clerk', {});
    expect(previewed.statusCode).toBe(200);
    const preview = json<MappingPreview>(previewed);
    expect(preview.problems).toEqual([]);
    expect(previewed.body).not.toContain(OFFICE_PEOPLE[0]?.[0] ?? '-');
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/import-mappings',
      headers: { cookie: cookies.clerk ?? '' },
      payload: { ...preview.mapping, name: '花名册' },
    });
    expect(saved.statusCode).toBe(200);
    const { id } = json<SavedMapping>(saved);

    const listed = (who: string) =>
      app.inject({ method: 'GET', url: '/api/import-mappings', headers: { cookie: cookies[who] ?? '' } });
    expect(json<SavedMapping[]>(await listed('clerk')).map((m) => m.name)).toEqual(['花名册']);
    expect(json<SavedMapping[]>(await listed('helan'))).toEqual([]);
    expect((await post('/api/imports', 'helan', { mappingId: String(id) })).statusCode).toBe(404);

    const started = await post('/api/imports', 'clerk', { dryRun: 'false', mappingId: String(id) });
    expect(started.statusCode).toBe(202);
    let job = json<ImportJob>(started);
    for (let i = 0; i < 300 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      job = json<ImportJob>(
        await app.inject({
          method: 'GET',
          url: `/api/imports/${job.id}`,
          headers: { cookie: cookies.clerk ?? '' },
        }),
      );
    }
    expect(job.result?.errors).toEqual([]);
    expect(job.result?.counts['人员']).toEqual({ inserted: 3, updated: 0, unchanged: 0 });

    const del = (who: string) =>
      app.inject({
        method: 'DELETE',
        url: `/api/import-mappings/${id}`,
        headers: { cookie: cookies[who] ?? '' },
      });
    expect((await del('helan')).statusCode).toBe(404);
    expect((await del('clerk')).statusCode).toBe(204);
    expect(json<SavedMapping[]>(await listed('clerk'))).toEqual([]);
  });
});
