// npm start / npm run demo: build what is missing or stale (dist/server, dist/web), then run the
// compiled command in this same process — one node start instead of two.
//   node scripts/start.mjs serve|demo [args]
import { ensureServerBuild } from './build-server.mjs';
import { ensureWebBuild } from './ensure-web.mjs';

process.setSourceMapsEnabled(true);
await ensureServerBuild();
ensureWebBuild();
const { run } = await import('../dist/server/main.js');
await run();
