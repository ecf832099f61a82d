// Start-up as a user sees it, from the compiled bin: `bianzhi serve` prints its address, then the
// first administrator's framed notice last; request logs stay quiet unless BIANZHI_LOG_LEVEL asks
// for them; `bianzhi demo` on a port already in use says so in Chinese before generating any data.
// SQLite only: nothing here depends on the database.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REQUEST_MARK_HEADER, REQUEST_MARK_VALUE } from '../../src/common/request-mark.ts';
import { TEST_KEY_HEX } from '../support/databases.ts';
import { tempDir } from '../support/fixtures.ts';

const BIN = path.resolve('bin/bianzhi.mjs');
const RULE = '══════════════════════════════════════════════';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

function envFor(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BIANZHI_KEY: TEST_KEY_HEX,
    BIANZHI_DATA_DIR: dir,
    DATABASE_URL: `file:${path.join(dir, 'serve.db')}`,
    DEMO_DATABASE_URL: `file:${path.join(dir, 'demo.db')}`,
    HOST: '127.0.0.1',
    ...extra,
  };
  delete env.BIANZHI_LOG_LEVEL;
  if (extra.BIANZHI_LOG_LEVEL) env.BIANZHI_LOG_LEVEL = extra.BIANZHI_LOG_LEVEL;
  return env;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) child.kill('SIGTERM');
});

/** Starts `bianzhi serve` and resolves with its output once the framed notice is complete. */
async function startServe(dir: string, port: number, extra: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], { env: envFor(dir, extra) });
  running.push(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  await expect.poll(() => output.split(RULE).length - 1, { timeout: 60_000, interval: 200 }).toBe(2);
  return { child, output: () => output };
}

describe('bianzhi serve and demo', () => {
  it('prints the address, then the first administrator framed and last; requests are not logged', async () => {
    const dir = tempDir();
    const port = await freePort();
    const server = await startServe(dir, port);
    const lines = server
      .output()
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const started = lines.findIndex((l) => l.startsWith('编制系统已启动：'));
    expect(lines[started]).toContain(`http://127.0.0.1:${String(port)}`);
    // The notice closes the output: rule, account, why no password (not a terminal), how to set one, rule.
    expect(lines.at(-1)).toBe(RULE);
    expect(lines.slice(started + 1)).toEqual([
      RULE,
      '已创建管理员账号：sysadmin',
      '输出不是终端（可能被写入日志），一次性密码不在此显示。',
      '请在终端运行：npx bianzhi user reset-password sysadmin',
      RULE,
    ]);
    const before = server.output();
    const response = await fetch(`http://127.0.0.1:${String(port)}/api/auth/me`);
    expect(response.status).toBe(401);
    await new Promise((r) => setTimeout(r, 500));
    // Quiet by default (warn): the request left no line behind.
    expect(server.output()).toBe(before);
  });

  it('stops on SIGTERM in order: the last write’s audit checkpoint, then the database; exit code 0', async () => {
    const dir = tempDir();
    const port = await freePort();
    const server = await startServe(dir, port);
    // A failed login writes an audit event, whose checkpoint is asked for as the signal comes.
    const login = await fetch(`http://127.0.0.1:${String(port)}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [REQUEST_MARK_HEADER]: REQUEST_MARK_VALUE },
      body: JSON.stringify({ username: 'sysadmin', password: 'wrong-password-1' }),
    });
    expect(login.status).toBe(401);
    const exited = new Promise<number | null>((resolve) =>
      server.child.once('exit', (code) => resolve(code)),
    );
    server.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(server.output()).not.toContain('审计检查点写入失败');
    expect(server.output()).not.toContain('关闭服务时出错');
    // Every event is covered by a checkpoint written before the database was closed.
    const verify = spawnSync(process.execPath, [BIN, 'audit', 'verify'], {
      env: envFor(dir),
      encoding: 'utf8',
    });
    expect(verify.status, `${verify.stdout}${verify.stderr}`).toBe(0);
  });

  it('logs requests when BIANZHI_LOG_LEVEL=info asks for them', async () => {
    const dir = tempDir();
    const port = await freePort();
    const server = await startServe(dir, port, { BIANZHI_LOG_LEVEL: 'info' });
    await fetch(`http://127.0.0.1:${String(port)}/api/auth/me`);
    await expect.poll(() => server.output(), { timeout: 10_000 }).toContain('/api/auth/me');
  });

  it('the demo ends by saying its address and port, then its accounts', async () => {
    const dir = tempDir();
    const port = await freePort();
    const child = spawn(process.execPath, [BIN, 'demo', '--port', String(port), '--scale', '0.02'], {
      env: envFor(dir),
    });
    running.push(child);
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await expect.poll(() => output, { timeout: 120_000, interval: 300 }).toContain('演示账号（密码均为');
    const lines = output
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    expect(lines.at(-2)).toBe(`演示系统地址：http://127.0.0.1:${String(port)}（端口 ${String(port)}）`);
    expect(lines.at(-1)).toMatch(/^演示账号（密码均为 .+）：admin、clerk、liaison/);
    const response = await fetch(`http://127.0.0.1:${String(port)}/login`);
    expect(response.status).toBe(200);
  });

  it('refuses a port in use in Chinese, before generating any demo data', async () => {
    const dir = tempDir();
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', () => resolve()));
    const address = blocker.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      const r = spawnSync(process.execPath, [BIN, 'demo', '--port', String(port)], {
        env: envFor(dir),
        encoding: 'utf8',
        timeout: 60_000,
      });
      const out = `${r.stdout}${r.stderr}`;
      expect(r.status).toBe(2);
      expect(out).toContain(`演示系统无法启动：端口 ${String(port)} 已被占用`);
      expect(out).not.toContain('正在生成演示数据');
      // And `serve` on the same port creates no administrator whose password would be lost.
      const s = spawnSync(process.execPath, [BIN, 'serve', '--port', String(port)], {
        env: envFor(dir),
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(`${s.stdout}${s.stderr}`).toContain(`端口 ${String(port)} 已被占用`);
      expect(`${s.stdout}${s.stderr}`).not.toContain('已创建管理员账号');
      expect(s.status).not.toBe(0);
      const users = spawnSync(process.execPath, [BIN, 'user', 'list'], {
        env: envFor(dir),
        encoding: 'utf8',
      });
      expect(users.stdout).toContain('（暂无用户）');
    } finally {
      blocker.close();
    }
  });
});
