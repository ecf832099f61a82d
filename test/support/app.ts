// An in-process server on a test database, with helpers to log in and call it.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { REQUEST_MARK_HEADER, REQUEST_MARK_VALUE } from '../../src/common/request-mark.ts';
import { buildApp, type AppOptions } from '../../src/http/app.ts';
import type { TestDb } from './databases.ts';

/** What the web's fetch layer sends with every request (web/src/api/client.ts). */
export const WEB_CLIENT_HEADERS = { [REQUEST_MARK_HEADER.toLowerCase()]: REQUEST_MARK_VALUE };

/**
 * The app under test. Its `inject` sends what the web client sends — the request mark header —
 * unless a test sets that header itself (to '' to leave it out: see withoutMark).
 */
export async function testApp(
  t: TestDb,
  extra: Partial<Omit<AppOptions, 'ctx' | 'databaseUrl' | 'databaseSchema'>> = {},
): Promise<FastifyInstance> {
  const app = await buildApp({
    ctx: t.ctx,
    idleMinutes: 30,
    logger: false,
    databaseUrl: t.url,
    databaseSchema: t.schema,
    ...extra,
  });
  const inject = app.inject.bind(app) as (o: InjectOptions) => Promise<LightMyRequestResponse>;
  const withMark = (o: InjectOptions | string): Promise<LightMyRequestResponse> => {
    const opts: InjectOptions = typeof o === 'string' ? { url: o } : o;
    const headers = { ...WEB_CLIENT_HEADERS, ...(opts.headers ?? {}) };
    if (headers[REQUEST_MARK_HEADER.toLowerCase()] === '') delete headers[REQUEST_MARK_HEADER.toLowerCase()];
    return inject({ ...opts, headers });
  };
  app.inject = withMark as FastifyInstance['inject'];
  return app;
}

/** Headers that leave the request mark out, as a page of another site would. */
export const withoutMark = (headers: Record<string, string> = {}): Record<string, string> => ({
  ...headers,
  [REQUEST_MARK_HEADER.toLowerCase()]: '',
});

export async function loginCookie(app: FastifyInstance, username: string, password: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'bianzhi_session');
  if (!cookie) throw new Error('no session cookie');
  return `bianzhi_session=${cookie.value}`;
}

export function multipart(
  files: { name: string; content: Buffer }[],
  fields: Record<string, string>,
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----bianzhi${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
    );
    parts.push(f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export function json<T>(res: LightMyRequestResponse): T {
  return JSON.parse(res.body) as T;
}
