// Builds what production runs, each part only when missing or older than its sources:
// the server and CLI (dist/server, esbuild) and the web client (dist/web, Vite).
// Run by `npm install` (prepare) and `npm test`; `npm start` and `npm run demo` use start.mjs.
//   node scripts/build.mjs [--force] [--server-only]
import { ensureServerBuild } from './build-server.mjs';
import { ensureWebBuild } from './ensure-web.mjs';

const force = process.argv.includes('--force');
await ensureServerBuild({ force });
if (!process.argv.includes('--server-only')) ensureWebBuild({ force });
