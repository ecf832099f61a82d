// Vitest global setup: tests that run `bin/bianzhi.mjs` run the compiled build in dist/server,
// as production does. Build it once before any test, so no test sees a stale build or the
// build's own message in a command's output.
import { ensureServerBuild } from '../../scripts/build-server.mjs';

export async function setup() {
  await ensureServerBuild();
}
