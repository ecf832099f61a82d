// Serving: boot, create the first administrator on an empty database, listen.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Booted } from './bootstrap.ts';
import { listRegions } from './db/repositories/regions.ts';
import { createFirstAdmin } from './domain/accounts/first-admin.ts';
import { buildApp } from './http/app.ts';
import { importRoot } from './domain/exchange/import-folder.ts';

export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist/web');
export const DEFAULT_REGION = '640121';

export async function serve(
  b: Booted,
  opts: { port: number; host: string; out: (l: string) => void },
): Promise<FastifyInstance> {
  const counties = (await listRegions(b.ctx.db.kysely)).filter((r) => r.level === 'county');
  const admin = await createFirstAdmin(b.ctx, {
    regionCode: counties[0]?.code ?? process.env.BIANZHI_REGION ?? DEFAULT_REGION,
  });
  const app = await buildApp({
    ctx: b.ctx,
    idleMinutes: b.config.sessionIdleMinutes,
    webRoot: WEB_ROOT,
    logger: { level: b.config.logLevel },
    databaseUrl: b.config.databaseUrl,
    importDir: importRoot(b.config.dataDir),
  });
  await app.listen({ port: opts.port, host: opts.host });
  opts.out(
    `编制系统已启动：http://${opts.host === '0.0.0.0' ? '127.0.0.1' : opts.host}:${opts.port}（数据库：${b.ctx.db.describe}）`,
  );
  if (admin) {
    opts.out('');
    opts.out('══════════════════════════════════════════════');
    opts.out(`  已创建管理员账号：${admin.username}`);
    opts.out(`  一次性密码：${admin.password}`);
    opts.out('  该密码只显示这一次，首次登录后须修改。');
    opts.out('══════════════════════════════════════════════');
  }
  return app;
}
