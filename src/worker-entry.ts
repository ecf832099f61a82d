// The file a worker thread starts from. In production it is the worker compiled into
// dist/server. Under tsx (development) it is the `.mjs` entry beside the worker's source, which
// registers the TypeScript loader (worker threads on Node 20 do not inherit it) and transpiles
// the worker's modules anew in every worker — seconds per start. The test run builds
// dist/server before any test (test/support/build-server.setup.mjs) and sets
// BIANZHI_WORKERS_FROM_BUILD, so its workers start from that fresh build as production's do;
// test/http/worker-entry.test.ts keeps the development entries working.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { RUNNING_SOURCES, SERVER_BUILD_DIR } from './paths.ts';

/** Each worker and its source (without `.ts`) under src/. */
const SOURCES = {
  'import-worker': 'http/import-worker',
  'report-worker': 'http/report-worker',
  'people-worker': 'domain/exchange/people-worker',
} as const;

export type WorkerName = keyof typeof SOURCES;

export function workerEntry(
  name: WorkerName,
  fromBuild = process.env.BIANZHI_WORKERS_FROM_BUILD === '1',
): URL {
  const built = path.join(SERVER_BUILD_DIR, `${name}.js`);
  if (RUNNING_SOURCES && !(fromBuild && fs.existsSync(built))) {
    return new URL(`./${SOURCES[name]}-entry.mjs`, import.meta.url);
  }
  return pathToFileURL(built);
}
