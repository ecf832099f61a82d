// The file a worker thread starts from. Under tsx (development, tests) it is the `.mjs` entry
// beside the worker's source, which registers the TypeScript loader (worker threads on Node 20
// do not inherit it); in production it is the worker compiled into dist/server.
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

export function workerEntry(name: WorkerName): URL {
  if (RUNNING_SOURCES) return new URL(`./${SOURCES[name]}-entry.mjs`, import.meta.url);
  return pathToFileURL(path.join(SERVER_BUILD_DIR, `${name}.js`));
}
