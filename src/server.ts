// Serving: boot, create the first administrator on an empty database, listen. The first
// administrator's one-time password goes to the terminal only, once, after every start-up
// line: never to the log (Fastify's logger has no part in it), and not at all when standard
// output is not a terminal (a service manager or a redirect would keep it in a file).
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Booted } from './bootstrap.ts';
import { listRegions } from './db/repositories/regions.ts';
import { createFirstAdmin } from './domain/accounts/first-admin.ts';
import { buildApp } from './http/app.ts';
import { PROJECT_ROOT } from './paths.ts';
import { importRoot } from './domain/exchange/import-folder.ts';

export const WEB_ROOT = path.join(PROJECT_ROOT, 'dist/web');
export const DEFAULT_REGION = '640121';

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
  await app.listen({ port: opts.port, host: opts.host });
  opts.out(
    `编制系统已启动：http://${opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host}:${opts.port}（数据库：${b.ctx.db.describe}）`,
  );
  if (admin) for (const line of firstAdminNotice(admin, opts.terminal ?? false)) opts.out(line);
  return app;
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
