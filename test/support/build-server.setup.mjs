// Vitest global setup: tests that run `bin/bianzhi.mjs` run the compiled build in dist/server,
// as production does. Build it once before any test, so no test sees a stale build or the
// build's own message in a command's output. Worker threads (imports, reports) then start from
// that build too (src/worker-entry.ts): under tsx each would transpile its modules anew.
import { ensureServerBuild } from '../../scripts/build-server.mjs';

export async function setup() {
  await ensureServerBuild();
  process.env.BIANZHI_WORKERS_FROM_BUILD = '1';
}
