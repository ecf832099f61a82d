// Serving: boot, create the first administrator on an empty database, listen. The first
// administrator's one-time password goes to the terminal only, once, after every start-up
// line: never to the log (Fastify's logger has no part in it), and not at all when standard
// output is not a terminal (a service manager or a redirect would keep it in a file).
import net from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Booted } from './bootstrap.ts';
import { listRegions } from './db/repositories/regions.ts';
import { createFirstAdmin } from './domain/accounts/first-admin.ts';
import { buildApp } from './http/app.ts';
import { recordLapsedCrossGrants } from './domain/evaluation/record-lapsed-cross-grants.ts';
import { PROJECT_ROOT } from './paths.ts';
import { importRoot } from './domain/exchange/import-folder.ts';

export const WEB_ROOT = path.join(PROJECT_ROOT, 'dist/web');
export const DEFAULT_REGION = '640121';

/** Why the server could not listen on host:port (in Chinese), or null when it can. */
export async function portProblem(port: number, host: string): Promise<string | null> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE')
        resolve(`端口 ${String(port)} 已被占用（${host}）：请先关闭占用它的程序，或用 --port 指定其他端口`);
      else if (error.code === 'EACCES')
        resolve(`无权监听端口 ${String(port)}：1024 以下的端口需要管理员权限，请用 --port 指定其他端口`);
      else if (error.code === 'EADDRNOTAVAIL') resolve(`本机没有地址 ${host}：请检查 HOST 设置`);
      else resolve(`无法监听 ${host}:${String(port)}（${error.code ?? error.message}）`);
    });
    probe.listen(port, host, () => probe.close(() => resolve(null)));
  });
}

/** Thrown before anything is written when the port cannot be listened on. */
export class PortUnavailable extends Error {}

export async function serve(
  b: Booted,
  opts: {
    port: number;
    host: string;
    out: (l: string) => void;
    /** Whether `out` is a terminal (process.stdout.isTTY); only then is a password shown. */
    terminal?: boolean;
  },
): Promise<FastifyInstance> {
  // Before the first administrator is made: a password printed for a server that never started
  // would be lost.
  const problem = await portProblem(opts.port, opts.host);
  if (problem !== null) throw new PortUnavailable(problem);
  const counties = (await listRegions(b.ctx.db.kysely)).filter((r) => r.level === 'county');
  const admin = await createFirstAdmin(b.ctx, {
    regionCode: counties[0]?.code ?? process.env.BIANZHI_REGION ?? DEFAULT_REGION,
  });
  const app = await buildApp({
    ctx: b.ctx,
    idleMinutes: b.config.sessionIdleMinutes,
    absoluteHours: b.config.sessionAbsoluteHours,
    publicOrigin: b.config.publicOrigin,
    trustProxy: b.config.trustProxy,
    webRoot: WEB_ROOT,
    logger: { level: b.config.logLevel },
    databaseUrl: b.config.databaseUrl,
    databaseReadUrl: b.config.databaseReadUrl,
    attachmentMaxBytes: b.config.attachmentMaxBytes,
    importDir: importRoot(b.config.dataDir),
  });
  watchCrossGrants(b, app);
  await app.listen({ port: opts.port, host: opts.host });
  closeOnSignals(b, app);
  opts.out(`编制系统已启动：${serverAddress(opts.host, opts.port)}（数据库：${b.ctx.db.describe}）`);
  if (admin) for (const line of firstAdminNotice(admin, opts.terminal ?? false)) opts.out(line);
  return app;
}

const CROSS_GRANT_CHECK_MS = 60 * 60 * 1000;

/** Writes the ends of lapsed 交叉互评 grants to the audit chain now and every hour. */
function watchCrossGrants(b: Booted, app: FastifyInstance): void {
  let running: Promise<void> = Promise.resolve();
  const check = () => {
    running = recordLapsedCrossGrants(b.ctx).then(
      () => undefined,
      (e: unknown) => app.log.warn({ err: e }, '记录交叉互评授权到期失败，下次检查时重试'),
    );
  };
  check();
  const timer = setInterval(check, CROSS_GRANT_CHECK_MS);
  timer.unref();
  // A check under way finishes (and asks for its checkpoint) before the database is closed.
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}

/**
 * On SIGTERM or SIGINT, shuts down in order: stop taking requests and end the timers and
 * workers (app.close), then write the last audit checkpoint and close the database (b.close).
 * Without it the process died mid-write, or a checkpoint asked for by the last write ran after
 * the database was gone (“driver has already been destroyed”).
 */
function closeOnSignals(b: Booted, app: FastifyInstance): void {
  const stop = () => {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    app
      .close()
      .then(() => b.close())
      .then(
        () => process.exit(0),
        (e: unknown) => {
          console.error(`⚠ 关闭服务时出错：${e instanceof Error ? e.message : String(e)}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/** The address a browser on this machine opens. */
export function serverAddress(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${shown}:${String(port)}`;
}

/** The framed notice of the first administrator: with the password on a terminal, without it otherwise. */
export function firstAdminNotice(admin: { username: string; password: string }, terminal: boolean): string[] {
  const rule = '══════════════════════════════════════════════';
  const body = terminal
    ? [
        `  已创建管理员账号：${admin.username}`,
        `  一次性密码：${admin.password}`,
        '  该密码只显示这一次（不写入任何日志），首次登录后须修改。',
      ]
    : [
        `  已创建管理员账号：${admin.username}`,
        '  输出不是终端（可能被写入日志），一次性密码不在此显示。',
        `  请在终端运行：npx bianzhi user reset-password ${admin.username}`,
      ];
  return ['', rule, ...body, rule];
}
