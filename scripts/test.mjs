// npm test: the whole suite, on both databases. PostgreSQL and Chromium are required — a
// missing one fails the run with a message saying how to provide it, it never skips tests.
// `npm run test:quick` (--quick) is for local work only: unit, web unit and integration tests on SQLite,
// no PostgreSQL, no browser, no check step or web build. CI always runs the whole suite.
import { execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const fail = (msg) => {
  console.error(`\n✗ ${msg}\n`);
  console.log('0 passed, 1 failed');
  process.exit(1);
};

const quick = process.argv.includes('--quick');
const env = { ...process.env };
if (quick) env.DIALECTS = 'sqlite';
else if (env.DIALECTS) {
  console.error(`npm test 总是在两种数据库上运行全部测试：忽略 DIALECTS=${env.DIALECTS}`);
  delete env.DIALECTS;
}

// The full run requires both; the quick run needs neither.
if (!quick) {
  const chromium = process.env.BIANZHI_CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromium))
    fail(`未找到 Chromium（${chromium}）：请运行 apt-get install -y chromium fonts-noto-cjk`);

  const pgUrl = new URL(process.env.BIANZHI_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  const pgUp = await new Promise((resolve) => {
    const s = net.connect({ host: pgUrl.hostname, port: Number(pgUrl.port || 5432) });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
    setTimeout(() => (s.destroy(), resolve(false)), 3000);
  });
  if (!pgUp)
    fail(
      `无法连接 PostgreSQL（${pgUrl.host}）：测试要求 PostgreSQL，可运行 pg_ctlcluster --skip-systemctl-redirect 15 main start`,
    );
}

const step = (title, cmd) => {
  console.log(`\n▶ ${title}`);
  execSync(cmd, { cwd: root, stdio: 'inherit' });
};

try {
  if (quick) step('编译服务端（如有改动）', 'node scripts/build.mjs --server-only');
  else {
    step('类型检查、代码规范与格式', 'npm run check --silent');
    step('编译服务端与网页前端（如有改动）', 'node scripts/build.mjs');
  }
} catch {
  fail('检查或构建失败');
}

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bianzhi-vitest-')), 'report.json');
console.log(
  quick ? '\n▶ 单元与集成测试（仅 SQLite，无浏览器）' : '\n▶ 单元、集成（SQLite 与 PostgreSQL）与浏览器测试',
);
const projects = quick ? ['--project', 'unit', '--project', 'web', '--project', 'integration'] : [];
const run = spawnSync(
  'npx',
  ['vitest', 'run', ...projects, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  { cwd: root, stdio: 'inherit', env },
);
let summary = null;
try {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  summary = {
    passed: r.numPassedTests,
    failed: r.numFailedTests,
    skipped: r.numPendingTests + r.numTodoTests,
  };
} catch {
  // no report: the run itself failed before writing it
}
if (summary) {
  if (summary.skipped > 0) console.error(`注意：${summary.skipped} 个测试被跳过，视为失败。`);
  const failed = summary.failed + summary.skipped;
  console.log(`\n${summary.passed} passed, ${failed} failed`);
  process.exit(run.status === 0 && failed === 0 ? 0 : 1);
}
console.log('0 passed, 1 failed');
process.exit(run.status || 1);
