// Where the project's own files are. Found from this module's location by walking up to
// package.json, so the same answer comes from the sources (src/, run by tsx) and from the
// compiled build (dist/server/, where esbuild may have moved this code into a shared chunk).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('找不到项目根目录（package.json）');
    dir = parent;
  }
  return dir;
}

export const PROJECT_ROOT = findProjectRoot();

/** The compiled server and CLI (scripts/build-server.mjs). */
export const SERVER_BUILD_DIR = path.join(PROJECT_ROOT, 'dist/server');

/** True when running the sources through tsx (development, tests), false in the compiled build. */
export const RUNNING_SOURCES = import.meta.url.endsWith('.ts');
