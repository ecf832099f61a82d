// The Fastify application: validation by zod, OpenAPI at /api/docs, cookie sessions, one
// authentication hook, one error mapping, and the bundled web client.
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
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
import { authenticate } from '../domain/accounts/sessions.ts';
import type { Principal } from '../domain/accounts/policies.ts';
import { authRoutes } from './routes/auth.ts';
import { ledgerRoutes } from './routes/ledger.ts';
import { peopleRoutes } from './routes/people.ts';
import { exchangeRoutes } from './routes/exchange.ts';
import { userRoutes } from './routes/users.ts';
import { ImportJobs } from './import-jobs.ts';
import { createReportRunner } from './report-runner.ts';
import { reportRoutes } from './routes/reports.ts';
import { matterRoutes } from './routes/matters.ts';
import { auditRoutes } from './routes/audit.ts';
import { standardsRoutes } from './routes/standards.ts';
import { populationRoutes } from './routes/population.ts';
import { timelinessRoutes } from './routes/timeliness.ts';
import { inputRoutes } from './routes/inputs.ts';
import { registrationRoutes } from './routes/registration.ts';
import { domainRoutes } from './routes/domains.ts';
import { publicityRoutes } from './routes/publicity.ts';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session. */
    public?: boolean;
    /** Reachable while a one-time password still has to be changed. */
    beforePasswordChange?: boolean;
  }
}

export const SESSION_COOKIE = 'bianzhi_session';

// Ant Design injects its styles at run time, hence 'unsafe-inline' for styles only.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export interface AppOptions {
  ctx: AppContext;
  idleMinutes: number;
  /** Where the built web client is; omitted in API-only tests. */
  webRoot?: string;
  logger?: boolean | { level: string };
  /** Set when served over HTTPS, so the cookie is Secure. */
  secureCookies?: boolean;
  /** DATABASE_URL and schema, for the import worker's own connection. */
  databaseUrl: string;
  databaseSchema?: string;
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
    bodyLimit: 2 * 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 200 * 1024 * 1024, files: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: '编制 Bianzhi API', description: '县级机构编制管理系统接口', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.addHook('onRequest', async (req, reply) => {
    if (!req.url.startsWith('/api/') || req.url.startsWith('/api/docs')) return;
    const token = req.cookies[SESSION_COOKIE];
    req.principal = token ? await authenticate(opts.ctx, { token, idleMinutes: opts.idleMinutes }) : null;
    const config = req.routeOptions.config;
    if (config.public) return;
    if (!req.principal) {
      if (token) reply.clearCookie(SESSION_COOKIE, { path: '/' });
      throw new AppError('UNAUTHENTICATED', '请先登录（或登录已超时）');
    }
    if (req.principal.mustChangePassword && !config.beforePasswordChange) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', '首次登录请先修改密码');
    }
  });

  // Everything is served from this origin; nothing may be framed or sniffed.
  app.addHook('onSend', async (req, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    if (!req.url.startsWith('/api/docs')) reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  });

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
    if (status && status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: 'BAD_REQUEST', message: '请求无效' } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: '服务器内部错误，请联系管理员' } });
  });

  const jobs = new ImportJobs({
    ctx: opts.ctx,
    databaseUrl: opts.databaseUrl,
    databaseSchema: opts.databaseSchema,
  });
  const runner = createReportRunner({
    databaseUrl: opts.databaseUrl,
    databaseSchema: opts.databaseSchema,
  });
  app.addHook('onClose', async () => {
    await jobs.close();
    await runner.close();
  });

  const secure = opts.secureCookies ?? false;
  await app.register(async (api) => {
    await authRoutes(api, { ctx: opts.ctx, secure });
    await ledgerRoutes(api, { ctx: opts.ctx });
    await peopleRoutes(api, { ctx: opts.ctx });
    await exchangeRoutes(api, { ctx: opts.ctx, jobs });
    await userRoutes(api, { ctx: opts.ctx });
    await reportRoutes(api, { ctx: opts.ctx, runner });
    await matterRoutes(api, { ctx: opts.ctx });
    await auditRoutes(api, { ctx: opts.ctx });
    await standardsRoutes(api, { ctx: opts.ctx });
    await populationRoutes(api, { ctx: opts.ctx });
    await timelinessRoutes(api, { ctx: opts.ctx });
    await inputRoutes(api, { ctx: opts.ctx });
    await registrationRoutes(api, { ctx: opts.ctx });
    await domainRoutes(api, { ctx: opts.ctx });
    await publicityRoutes(api, { ctx: opts.ctx });
  });

  if (opts.webRoot && fs.existsSync(path.join(opts.webRoot, 'index.html'))) {
    const webRoot = opts.webRoot;
    // wildcard: files are looked up per request, so a rebuilt client is served without a restart.
    await app.register(fastifyStatic, { root: webRoot, prefix: '/', wildcard: true, index: ['index.html'] });
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
