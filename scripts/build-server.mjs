// Compiles the server and the CLI (src/) to JavaScript in dist/server with esbuild, so that
// production never transpiles at run time. One bundle per entry (the CLI and the three worker
// threads), split into shared chunks, with the commands' dynamic imports kept as separate
// chunks; packages stay in node_modules. Linked source maps point stack traces at src/.
// exceljs (the slowest package to load) and pg (not needed on SQLite) are CommonJS packages
// required on first use instead of at start, through LAZY_CJS below; the sources are unchanged.
//
//   node scripts/build-server.mjs           build when missing or older than src/
//   node scripts/build-server.mjs --force   build now
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SERVER_BUILD_DIR = path.join(root, 'dist/server');
const STAMP = path.join(SERVER_BUILD_DIR, 'main.js');
const SOURCE_DIR = path.join(root, 'src');

function newestSource(dir) {
  let t = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) t = Math.max(t, newestSource(p));
    else if (!entry.name.endsWith('.test.ts')) t = Math.max(t, fs.statSync(p).mtimeMs);
  }
  return t;
}

/** True when dist/server is missing or older than a source file (tests excluded). */
export function serverBuildStale() {
  if (!fs.existsSync(STAMP)) return true;
  if (!fs.existsSync(SOURCE_DIR)) return false; // an installed package without sources
  const built = fs.statSync(STAMP).mtimeMs;
  return newestSource(SOURCE_DIR) > built || fs.statSync(path.join(root, 'package.json')).mtimeMs > built;
}

const KEEP_EXTERNAL = [
  'better-sqlite3', // native
  '@node-rs/argon2', // native
  'pino', // transports start worker files from its own folder
  '@fastify/swagger-ui', // serves the files of its own folder
  'tsx',
  'esbuild',
];

// `import X from 'pkg'` of a CommonJS package becomes a proxy that requires it on first use.
// Only for packages used through their default export's properties (ExcelJS.Workbook, …).
const LAZY_CJS = ['exceljs', 'pg'];
const lazyCjs = {
  name: 'lazy-cjs',
  setup(build) {
    const filter = new RegExp(`^(${LAZY_CJS.join('|')})$`);
    build.onResolve({ filter }, (args) =>
      args.namespace === 'lazy-cjs'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'lazy-cjs' },
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy-cjs' }, (args) => ({
      resolveDir: root,
      contents: [
        "import { createRequire } from 'node:module';",
        'let mod;',
        `const load = () => (mod ??= createRequire(import.meta.url)(${JSON.stringify(args.path)}));`,
        'export default new Proxy({}, {',
        '  get: (_, key) => load()[key],',
        '  has: (_, key) => key in load(),',
        '});',
      ].join('\n'),
    }));
  },
};

export async function buildServer() {
  const esbuild = await import('esbuild');
  const tmp = `${SERVER_BUILD_DIR}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: {
      main: 'src/cli/main.ts',
      'import-worker': 'src/http/import-worker.ts',
      'report-worker': 'src/http/report-worker.ts',
      'people-worker': 'src/domain/exchange/people-worker.ts',
    },
    outdir: tmp,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Packages are bundled too: loading ~1,000 small files from node_modules was most of the
    // server's start. Kept external: native modules, and packages that find files beside their own.
    external: KEEP_EXTERNAL,
    // CommonJS packages inside an ES module still call require() and may read __dirname.
    banner: {
      js: [
        "import { createRequire as __bzCreateRequire } from 'node:module';",
        "import { fileURLToPath as __bzFileURLToPath } from 'node:url';",
        'const require = __bzCreateRequire(import.meta.url);',
        'const __filename = __bzFileURLToPath(import.meta.url);',
        "const __dirname = __bzFileURLToPath(new URL('.', import.meta.url));",
      ].join(' '),
    },
    sourcemap: 'linked',
    chunkNames: 'chunks/[name]-[hash]',
    logLevel: 'warning',
    plugins: [lazyCjs],
  });
  // main.js is the freshness stamp: written last, by swapping in the whole directory at once.
  fs.rmSync(SERVER_BUILD_DIR, { recursive: true, force: true });
  try {
    fs.renameSync(tmp, SERVER_BUILD_DIR);
  } catch (e) {
    // another process (a parallel test) finished the same build first: keep its result
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!fs.existsSync(STAMP)) throw e;
  }
}

/** Builds dist/server when it is missing or stale; says so on stderr (stdout belongs to the command). */
export async function ensureServerBuild({ force = false } = {}) {
  if (!force && !serverBuildStale()) return false;
  const started = Date.now();
  await buildServer();
  process.stderr.write(`已编译服务端到 dist/server（${Date.now() - started} ms）\n`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await ensureServerBuild({ force: process.argv.includes('--force') });
}
