#!/usr/bin/env node
// The `bianzhi` command. Runs the compiled CLI in dist/server (built by `npm install` and
// `npm start` through scripts/build-server.mjs); when that build is missing or older than src/
// it is rebuilt first (a second or two), so edited sources are never run stale. Tests and
// development may run the sources through tsx instead; production never transpiles.
import { ensureServerBuild } from '../scripts/build-server.mjs';

process.setSourceMapsEnabled(true);
await ensureServerBuild();
const { run } = await import('../dist/server/main.js');
await run();
