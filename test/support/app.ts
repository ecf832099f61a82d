// An in-process server on a test database, with helpers to log in and call it.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../../src/http/app.ts';
import type { TestDb } from './databases.ts';

export async function testApp(t: TestDb, options: Partial<AppOptions> = {}): Promise<FastifyInstance> {
  return buildApp({
    ctx: t.ctx,
    idleMinutes: 30,
    logger: false,
    databaseUrl: t.url,
    databaseSchema: t.schema,
    ...options,
  });
}

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
