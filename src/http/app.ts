// The Fastify application: validation by zod, OpenAPI at /api/docs (signed-in users only),
// cookie sessions, the web defences (web-security.ts), one authentication hook, one error
// mapping, and the bundled web client.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import '../common/zod-chinese.ts';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { LoginThrottle } from '../domain/accounts/login-throttle.ts';
import { authenticate } from '../domain/accounts/sessions.ts';
import type { Principal } from '../domain/accounts/policies.ts';
import { authRoutes } from './routes/auth.ts';
import { ledgerRoutes } from './routes/ledger.ts';
import { peopleRoutes } from './routes/people.ts';
import { exchangeRoutes } from './routes/exchange.ts';
import { importMappingRoutes } from './routes/import-mappings.ts';
import { userRoutes } from './routes/users.ts';
import { CheckpointJobs } from './checkpoint-jobs.ts';
import { ImportJobs } from './import-jobs.ts';
import { createReportRunner } from './report-runner.ts';
import { registerReadRouting } from './read-routing.ts';
import { reportRoutes } from './routes/reports.ts';
import { matterRoutes } from './routes/matters.ts';
import { auditRoutes } from './routes/audit.ts';
import { reformRoutes } from './routes/reform.ts';
import { standardsRoutes } from './routes/standards.ts';
import { populationRoutes } from './routes/population.ts';
import { timelinessRoutes } from './routes/timeliness.ts';
import { libraryRoutes } from './routes/library.ts';
import { evaluationRoutes } from './routes/evaluation.ts';
import { evaluationFindingRoutes } from './routes/evaluation-findings.ts';
import { evaluationCrossRoutes } from './routes/evaluation-cross.ts';
import { inputRoutes } from './routes/inputs.ts';
import { authorizeRoute, recordRoutes } from './route-permissions.ts';
import { securityRoutes } from './routes/security.ts';
import { registerWebSecurity, servedOverHttps } from './web-security.ts';
import { registrationRoutes } from './routes/registration.ts';
import { domainRoutes } from './routes/domains.ts';
import { yearendRoutes } from './routes/yearend.ts';
import { fullReportRoutes } from './routes/full-report.ts';
import { publicityRoutes } from './routes/publicity.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    /** The session id (SHA-256 of the cookie token) behind `principal`. */
    sessionId: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session. */
    public?: boolean;
    /** Reachable while a one-time password still has to be changed (or a required TOTP enrolled). */
    beforePasswordChange?: boolean;
  }
}

export const SESSION_COOKIE = 'bianzhi_session';

/** JSON bodies by default; routes that need more (or less) say so with their own bodyLimit. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
/** Uploaded files by default (reconciliation lists); the import route allows IMPORT_FILE_LIMIT. */
export const DEFAULT_FILE_LIMIT = 20 * 1024 * 1024;

export interface AppOptions {
  ctx: AppContext;
  idleMinutes: number;
  /** Absolute session lifetime, counted from login (BIANZHI_SESSION_ABSOLUTE_HOURS). */
  absoluteHours?: number;
  /** BIANZHI_PUBLIC_URL's origin: https there makes cookies Secure and sends HSTS. */
  publicOrigin?: string | null;
  /** BIANZHI_TRUST_PROXY: believe X-Forwarded-For/-Proto/-Host from these proxies. */
  trustProxy?: boolean | string;
  /** Where the built web client is; omitted in API-only tests. */
  webRoot?: string;
  logger?: boolean | { level: string };
  /** DATABASE_URL and schema, for the import worker's own connection. */
  databaseUrl: string;
  databaseSchema?: string;
  /** DATABASE_READ_URL: the hot standby the report worker reads (ctx.readDb must be the same server). */
  databaseReadUrl?: string;
  /** The largest matter attachment (BIANZHI_ATTACHMENT_MAX_MB); 20 MB by default. */
  attachmentMaxBytes?: number;
  /** Where uploads wait while imported (`<data dir>/imports`); default: a new temporary folder. */
  importDir?: string;
}

/** Vite names every file under assets/ by its content's hash: a changed file gets a new name. */
function isHashedAsset(webRoot: string, filePath: string): boolean {
  const relative = path.relative(webRoot, filePath);
  return relative.startsWith(`assets${path.sep}`);
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger:
      opts.logger === undefined || opts.logger === false
        ? false
        : {
            level: typeof opts.logger === 'object' ? opts.logger.level : 'info',
            // Query strings may carry search terms; cookies carry sessions: neither is logged.
            serializers: {
              req: (req: { method: string; url: string }) => ({
                method: req.method,
                url: req.url.split('?')[0],
              }),
            },
            redact: ['req.headers.cookie', 'res.headers["set-cookie"]'],
          },
    bodyLimit: DEFAULT_BODY_LIMIT,
    trustProxy: opts.trustProxy ?? false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);
  recordRoutes(app);
  app.decorateRequest('sessionId', null);
  const web = { publicOrigin: opts.publicOrigin ?? null };
  registerWebSecurity(app, web);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: DEFAULT_FILE_LIMIT, files: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: '编制 Bianzhi API', description: '县级机构编制管理系统接口', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // Every /api/ route, the OpenAPI page and its JSON included, needs a session unless public.
  const absoluteHours = opts.absoluteHours ?? 12;
  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    const session = token
      ? await authenticate(opts.ctx, { token, idleMinutes: opts.idleMinutes, absoluteHours })
      : null;
    req.principal = session?.principal ?? null;
    req.sessionId = session?.sessionId ?? null;
    const config = req.routeOptions.config;
    if (config.public) return;
    if (!session) {
      if (token) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw new AppError('UNAUTHENTICATED', '请先登录（或登录已超时）');
    }
    if (config.beforePasswordChange) return;
    if (session.principal.mustChangePassword) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '首次登录或密码已过期，请先修改密码');
    }
    if (session.mustEnrolTotp) {
      throw new AppError('TOTP_ENROLMENT_REQUIRED', '安全策略要求管理员使用动态口令，请先绑定手机验证器');
    }
  });

  registerReadRouting(app, { ctx: opts.ctx, secure: (req) => servedOverHttps(req, web) });
  // Each route's role rule from the permission table, before any body is read.
  app.addHook('onRequest', authorizeRoute);

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) {
      return reply
        .status(err.status)
        .send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details = err.validation.map((v) => ({ path: v.instancePath, message: v.message }));
      const first = details[0];
      return reply.status(400).send({
        error: {
          code: 'VALIDATION',
          message: `请求参数有误${first ? `：${first.path} ${first.message}` : ''}`,
          details,
        },
      });
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status === 413) {
      return reply.status(413).send({ error: { code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' } });
    }
    if (status && status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: 'BAD_REQUEST', message: '请求无效' } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请联系管理员' } });
  });

  const ownImportDir = opts.importDir ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'bianzhi-imports-'));
  const runner = createReportRunner({
    databaseUrl: opts.databaseUrl,
    databaseSchema: opts.databaseSchema,
    databaseReadUrl: opts.databaseReadUrl,
  });
  // After an import the report's checkpoints of the importer's region are rebuilt in the background.
  const checkpoints = new CheckpointJobs(runner.onPrimary, undefined, (m) => app.log.warn(m));
  const jobs = new ImportJobs({
    ctx: opts.ctx,
    databaseUrl: opts.databaseUrl,
    databaseSchema: opts.databaseSchema,
    root: opts.importDir ?? ownImportDir ?? '',
    onImported: (regionCode) => checkpoints.request(regionCode),
    onWarning: (m) => app.log.warn(m),
  });
  app.addHook('onClose', async () => {
    await jobs.close();
    await checkpoints.close();
    await runner.close();
    if (ownImportDir) fs.rmSync(ownImportDir, { recursive: true, force: true });
  });

  const throttle = new LoginThrottle();
  await app.register(async (api) => {
    await authRoutes(api, {
      ctx: opts.ctx,
      throttle,
      secure: (req) => servedOverHttps(req, web),
    });
    await securityRoutes(api, { ctx: opts.ctx });
    await ledgerRoutes(api, { ctx: opts.ctx });
    await peopleRoutes(api, { ctx: opts.ctx });
    await exchangeRoutes(api, { ctx: opts.ctx, jobs });
    await importMappingRoutes(api, { ctx: opts.ctx, jobs });
    await userRoutes(api, { ctx: opts.ctx });
    await reportRoutes(api, { ctx: opts.ctx, runner });
    await matterRoutes(api, {
      ctx: opts.ctx,
      attachmentMaxBytes: opts.attachmentMaxBytes ?? 20 * 1024 * 1024,
    });
    await auditRoutes(api, { ctx: opts.ctx });
    await standardsRoutes(api, { ctx: opts.ctx });
    await reformRoutes(api, { ctx: opts.ctx });
    await populationRoutes(api, { ctx: opts.ctx });
    await timelinessRoutes(api, { ctx: opts.ctx });
    await inputRoutes(api, { ctx: opts.ctx });
    await registrationRoutes(api, { ctx: opts.ctx });
    await domainRoutes(api, { ctx: opts.ctx });
    await yearendRoutes(api, { ctx: opts.ctx });
    await fullReportRoutes(api, { ctx: opts.ctx });
    await publicityRoutes(api, { ctx: opts.ctx });
    await libraryRoutes(api, {
      ctx: opts.ctx,
      attachmentMaxBytes: opts.attachmentMaxBytes ?? 20 * 1024 * 1024,
    });
    await evaluationRoutes(api, { ctx: opts.ctx });
    await evaluationFindingRoutes(api, { ctx: opts.ctx });
    await evaluationCrossRoutes(api, { ctx: opts.ctx });
  });

  if (opts.webRoot && fs.existsSync(path.join(opts.webRoot, 'index.html'))) {
    const webRoot = opts.webRoot;
    // wildcard: files are looked up per request, so a rebuilt client is served without a restart.
    // preCompressed: the build writes .br and .gz beside each script and style sheet
    // (scripts/ensure-web.mjs), sent with Content-Encoding to a browser that accepts them.
    // Files under assets/ carry a content hash in their name: a browser keeps them for a year
    // without asking again; index.html (which names them) is checked on every load.
    await app.register(fastifyStatic, {
      root: webRoot,
      prefix: '/',
      wildcard: true,
      index: ['index.html'],
      preCompressed: true,
      setHeaders: (reply, filePath) => {
        reply.header(
          'Cache-Control',
          isHashedAsset(webRoot, filePath) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    // Client-side routes (/units/12, /people …) all load the single page.
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/')) {
        return reply.status(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在' } });
      }
      return reply.type('text/html').sendFile('index.html', webRoot);
    });
  } else {
    app.setNotFoundHandler((_req, reply) =>
      reply.status(404).send({ error: { code: 'NOT_FOUND', message: '接口不存在' } }),
    );
  }
  return app;
}
