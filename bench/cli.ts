// Start-up of the compiled build: the `bianzhi` bin run with node (what npx, `npm link` and a
// global install run) against a bare `node -e 0` measured in the same run, and `npm start` on an
// existing build and database until the first page is served.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { median, type Figure } from './table.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/bianzhi.mjs');
const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 9);

function timeRun(args: string[], env: NodeJS.ProcessEnv): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} 退出码 ${r.status}：${r.stderr}`);
  return ms;
}

/** Interleaved runs, so a busy moment of the machine falls on the floor and the command alike. */
function medians(commands: string[][], env: NodeJS.ProcessEnv): number[] {
  const times = commands.map(() => [] as number[]);
  for (let i = 0; i < RUNS; i++) commands.forEach((c, k) => times[k]?.push(timeRun(c, env)));
  return times.map(median);
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

/** Milliseconds from `npm start` until GET / answers 200; the server is then stopped. */
async function timeNpmStart(env: NodeJS.ProcessEnv): Promise<number> {
  const port = await freePort();
  const t = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: 'ignore',
    detached: true,
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start 退出（${child.exitCode}）`);
      if (performance.now() - t > 60_000) throw new Error('npm start 60 秒内未响应');
      const ok = await fetch(`http://127.0.0.1:${port}/`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - t;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
  }
}

export async function benchCli(): Promise<Figure[]> {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('构建失败');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bianzhi-bench-cli-'));
  const env = {
    ...process.env,
    DATABASE_URL: `file:${path.join(dir, 'cli.db')}`,
    BIANZHI_KEY: 'd4'.repeat(32),
    BIANZHI_LOG_LEVEL: 'warn',
  };
  try {
    const [floor = 0, help = 0, validate = 0] = medians(
      [
        ['-e', '0'],
        [BIN, '--help'],
        [BIN, 'validate', 'id', '11010519491231002X'],
      ],
      env,
    );
    const ref = { label: 'node -e 0', value: floor };
    // an existing database with its administrator, as on every start but the first
    timeRun([BIN, 'init', '--region', '640121'], env);
    timeRun([BIN, 'user', 'add', 'bench', '--role', 'admin', '--region', '640121'], env);
    const starts: number[] = [];
    for (let i = 0; i < 3; i++) starts.push(await timeNpmStart(env));
    return [
      { what: `bianzhi --help（${RUNS} 次中位数）`, value: help, unit: 'ms', reference: ref, maxRatio: 3 },
      { what: 'bianzhi validate id …', value: validate, unit: 'ms', reference: ref, maxRatio: 3 },
      {
        what: 'npm start 到首页可访问（已构建，3 次中位数）',
        value: median(starts),
        unit: 'ms',
        reference: { label: '预算', value: 2000 },
        maxRatio: 1,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
