// Read routing with a hot standby (DATABASE_READ_URL). Writes, and every read inside a write,
// use the primary (ctx.db). Reports, exports and list pages read ctx.readDb — the standby —
// unless the user's own last write has not been replayed there yet:
//
// - after every successful write request (and every poll of an import job, whose transaction
//   commits in a worker), the response carries a cookie with the primary's WAL position;
// - a GET carrying that cookie asks the standby whether it has replayed up to that position:
//   if yes the cookie is dropped and the standby serves; if not, this request reads the primary.
//
// So a user always sees their own writes, other users see them as soon as the standby has
// replayed them (normally well under a second). The standby is probed every two seconds: while
// it does not answer, every read goes to the primary (the report worker falls back by itself). The cookie
// holds only a WAL position; a forged one can only send its owner's reads to the primary.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { onPrimary, type AppContext } from '../context.ts';
import { currentWalLsn, replayedUpTo, replayLsn, WAL_LSN } from '../db/repositories/replication.ts';
import type { ReportJobs } from '../domain/reports/report-service.ts';
import type { ReportRunner } from './report-runner.ts';

export const WAL_COOKIE = 'bianzhi_wal';

/** How often the standby is probed; while it does not answer every read goes to the primary. */
const STANDBY_PROBE_MS = 2_000;

declare module 'fastify' {
  interface FastifyRequest {
    /** This request reads the primary (no standby, a write, or the user's write not replayed yet). */
    readsPrimary: boolean;
  }
  interface FastifyContextConfig {
    /** A GET that reports a write committed elsewhere (an import job's progress): remember the WAL position. */
    reportsWrite?: boolean;
  }
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function isApi(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/') && !req.url.startsWith('/api/docs');
}

export function registerReadRouting(
  app: FastifyInstance,
  opts: { ctx: AppContext; secure: (req: FastifyRequest) => boolean },
): void {
  const { ctx } = opts;
  app.decorateRequest('readsPrimary', true);
  if (ctx.readDb === ctx.db) return; // no standby: every read is on the primary already

  let standbyUp = true;
  let probing = false;
  const probe = async () => {
    if (probing) return;
    probing = true;
    try {
      await replayLsn(ctx.readDb.kysely);
      if (!standbyUp) app.log.info('只读备库已恢复');
      standbyUp = true;
    } catch (e) {
      if (standbyUp) app.log.warn({ err: e }, '只读备库无响应，暂时改读主库');
      standbyUp = false;
    } finally {
      probing = false;
    }
  };
  const timer = setInterval(() => void probe(), STANDBY_PROBE_MS);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
  const clear = (reply: FastifyReply) => reply.clearCookie(WAL_COOKIE, { path: '/' });

  app.addHook('onRequest', async (req, reply) => {
    if (!isApi(req) || !READ_METHODS.has(req.method)) return; // writes stay on the primary
    if (!standbyUp) return;
    const lsn = req.cookies[WAL_COOKIE];
    if (!lsn) {
      req.readsPrimary = false;
      return;
    }
    if (!WAL_LSN.test(lsn)) {
      clear(reply);
      req.readsPrimary = false;
      return;
    }
    try {
      if (await replayedUpTo(ctx.readDb.kysely, lsn)) {
        clear(reply);
        req.readsPrimary = false;
      }
    } catch (e) {
      standbyUp = false;
      req.log.warn({ err: e }, '只读备库无响应，暂时改读主库');
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    if (!isApi(req) || reply.statusCode >= 400) return payload;
    if (READ_METHODS.has(req.method) && !req.routeOptions.config.reportsWrite) return payload;
    let lsn: string;
    try {
      lsn = await currentWalLsn(ctx.db.kysely);
    } catch (e) {
      // The write has committed; failing its response now would tell the user it did not.
      req.log.error({ err: e }, '无法读取主库 WAL 位置');
      return payload;
    }
    reply.setCookie(WAL_COOKIE, lsn, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: opts.secure(req),
      maxAge: 24 * 3600,
    });
    return payload;
  });
}

/** The context a read-only handler passes to its use case: the standby, or the primary when required. */
export function readCtx(req: FastifyRequest, ctx: AppContext): AppContext {
  return req.readsPrimary ? onPrimary(ctx) : ctx;
}

/** The report jobs for this request: computed on the standby, or on the primary when required. */
export function reportJobs(req: FastifyRequest, runner: ReportRunner): ReportJobs {
  return req.readsPrimary ? runner.onPrimary : runner;
}
