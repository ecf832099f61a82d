// npm run check: type checks (server and web), ESLint and Prettier. The four are independent, so
// they run two at a time (the machine of record has 2 cores); each one's output is printed whole
// when it ends, in the order below, and the check fails if any of them fails. Each keeps a cache
// in .tmp/check-cache (git-ignored): a local re-run only looks at what changed; a fresh clone (CI)
// starts without one and checks everything.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cache = path.join(root, '.tmp/check-cache');
fs.mkdirSync(cache, { recursive: true });
const bin = (name) => path.join(root, 'node_modules/.bin', name);

const jobs = [
  {
    title: '类型检查（服务端）',
    cmd: bin('tsc'),
    args: [
      '-p',
      'tsconfig.json',
      '--noEmit',
      '--incremental',
      '--tsBuildInfoFile',
      path.join(cache, 'server.tsbuildinfo'),
    ],
  },
  {
    title: '类型检查（网页前端）',
    cmd: bin('tsc'),
    args: [
      '-p',
      'web/tsconfig.json',
      '--noEmit',
      '--incremental',
      '--tsBuildInfoFile',
      path.join(cache, 'web.tsbuildinfo'),
    ],
  },
  {
    title: '代码规范（ESLint）',
    cmd: bin('eslint'),
    args: ['.', '--max-warnings', '0', '--cache', '--cache-location', path.join(cache, 'eslint')],
  },
  {
    title: '格式（Prettier）',
    cmd: bin('prettier'),
    args: [
      '--check',
      '.',
      '--log-level',
      'warn',
      '--cache',
      '--cache-location',
      path.join(cache, 'prettier'),
    ],
  },
];

function run(job) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(job.cmd, job.args, { cwd: root });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', (e) => resolve({ code: 1, out: `${out}${e.message}\n`, ms: Date.now() - started }));
    child.on('close', (code) => resolve({ code: code ?? 1, out, ms: Date.now() - started }));
  });
}

const results = new Array(jobs.length);
let next = 0;
await Promise.all(
  [0, 1].map(async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await run(jobs[i]);
    }
  }),
);
let failed = 0;
jobs.forEach((job, i) => {
  const r = results[i];
  console.log(`${r.code === 0 ? '✓' : '✗'} ${job.title}（${(r.ms / 1000).toFixed(1)} 秒）`);
  if (r.out.trim()) console.log(r.out.trimEnd());
  if (r.code !== 0) failed += 1;
});
process.exit(failed === 0 ? 0 : 1);
