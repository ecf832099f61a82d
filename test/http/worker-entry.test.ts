// Worker threads start from the compiled build in production and in the test run (which builds
// it first), and from the `.mjs` entries under tsx in development. Both must compute the same
// report; this test is what keeps the development entries working, since no other test starts
// them.
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerEntry } from '../../src/worker-entry.ts';
import type { ReportReply, ReportRequest, ReportWorkerData } from '../../src/http/report-worker.ts';
import { importWorkbook } from '../../src/domain/exchange/import-workbook.ts';
import { openTestDb, type TestDb } from '../support/databases.ts';
import { COUNTY_DIR } from '../support/fixtures.ts';

function askReportWorker(entry: URL, data: ReportWorkerData, req: ReportRequest): Promise<ReportReply> {
  const worker = new Worker(entry, { workerData: data });
  return new Promise<ReportReply>((resolve, reject) => {
    worker.once('message', (reply: ReportReply) => resolve(reply));
    worker.once('error', reject);
    worker.postMessage(req);
  }).finally(() => void worker.terminate());
}

describe('worker entries', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb('sqlite');
    const imported = await importWorkbook(t.ctx, {
      actor: { id: null, name: '测试' },
      paths: [COUNTY_DIR],
      dryRun: false,
      allowedRegions: null,
    });
    expect(imported.ok).toBe(true);
  }, 60_000);
  afterAll(async () => {
    await t?.destroy();
  });

  it('start from the build when asked and it exists, else from the tsx entry', () => {
    expect(fileURLToPath(workerEntry('report-worker', true))).toMatch(/dist\/server\/report-worker\.js$/);
    expect(fileURLToPath(workerEntry('import-worker', true))).toMatch(/dist\/server\/import-worker\.js$/);
    expect(fileURLToPath(workerEntry('report-worker', false))).toMatch(
      /src\/http\/report-worker-entry\.mjs$/,
    );
    expect(fileURLToPath(workerEntry('import-worker', false))).toMatch(
      /src\/http\/import-worker-entry\.mjs$/,
    );
    expect(fileURLToPath(workerEntry('people-worker', true))).toMatch(/dist\/server\/people-worker\.js$/);
    expect(fileURLToPath(workerEntry('people-worker', false))).toMatch(
      /src\/domain\/exchange\/people-worker-entry\.mjs$/,
    );
  });

  it('compute the same report from the development entry as from the build', async () => {
    const req: ReportRequest = { id: 1, job: 'summary', args: { regionCode: '640121', asOf: '2026-06-30' } };
    const data: ReportWorkerData = { databaseUrl: t.url };
    const dev = await askReportWorker(workerEntry('report-worker', false), data, req);
    const built = await askReportWorker(workerEntry('report-worker', true), data, req);
    expect(dev).toMatchObject({
      ok: true,
      result: { report: { asOf: '2026-06-30', counties: [{ code: '640121' }] } },
    });
    expect(dev).toEqual(built);
  }, 60_000);

  it('run the import worker’s own code from the development entry', async () => {
    // Without an import to run it fails inside its own module, past the loader and every import.
    const worker = new Worker(workerEntry('import-worker', false), { workerData: {} });
    const error = await new Promise<Error>((resolve) => worker.once('error', resolve));
    await worker.terminate();
    expect(error.name).toBe('TypeError');
    expect(String((error as { code?: unknown }).code ?? '')).not.toMatch(/^ERR_/);
  }, 60_000);

  it('run the 人员 check worker’s own code from the development entry', async () => {
    // Without a sheet to read it reports its own failure, past the loader and every import.
    const worker = new Worker(workerEntry('people-worker', false), { workerData: {} });
    const message = await new Promise<unknown>((resolve) => worker.once('message', resolve));
    await worker.terminate();
    expect(message).toMatchObject({ kind: 'error' });
  }, 60_000);
});
