// The report runner's worker thread does not keep an idle process alive, but a job waiting for
// its reply does: a process whose only work left is awaiting a report (a command printing one, a
// server's shutdown waiting for the checkpoint date being built) gets the reply instead of Node
// exiting with code 13 (unsettled top-level await) while the worker computes. Both databases.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';
import { tempDir } from '../support/fixtures.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe.each(DIALECTS)('the report runner (%s)', (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb(dialect);
    await ensureRegion(t.ctx, { code: '640121', actor: { id: null, name: '测试' } });
  });
  afterAll(async () => {
    await t?.destroy();
  });

  it('keeps the process alive while a job waits for the worker, and lets it end when idle', () => {
    const script = path.join(tempDir(), 'await-report.mts');
    fs.writeFileSync(
      script,
      `import { createReportRunner } from ${JSON.stringify(path.join(ROOT, 'src/http/report-runner.ts'))};
const runner = createReportRunner(JSON.parse(process.env.RUNNER_DATA ?? '{}'));
const summary = await runner.summary({ regionCode: '640121', asOf: '2026-06-30' });
console.log('报告', summary.report.regionCode);
// No close: an idle worker must not hold the process open.
`,
    );
    const data = { databaseUrl: t.url, ...(t.schema ? { databaseSchema: t.schema } : {}) };
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], {
      cwd: ROOT,
      env: { ...process.env, RUNNER_DATA: JSON.stringify(data) },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('报告 640121');
    expect(run.status).toBe(0);
  }, 90_000);
});
