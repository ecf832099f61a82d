// The built web client as the server sends it (issue 10, item 5): hashed files under assets/
// cached for a year without revalidation, index.html checked on every load, and the .br / .gz
// files written at build time sent with Content-Encoding to a browser that accepts them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../support/app.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';

const SCRIPT = `export const page = ${JSON.stringify('机构编制'.repeat(400))};\n`;

describe.each(DIALECTS)('static web client on %s', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;
  let webRoot: string;

  beforeAll(async () => {
    t = await openTestDb(dialect);
    webRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'bianzhi-web-root-'));
    fs.mkdirSync(path.join(webRoot, 'assets'));
    fs.writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>编制</title>');
    const script = path.join(webRoot, 'assets', 'UnitsPage-Ab12Cd34.js');
    fs.writeFileSync(script, SCRIPT);
    fs.writeFileSync(`${script}.br`, zlib.brotliCompressSync(SCRIPT));
    fs.writeFileSync(`${script}.gz`, zlib.gzipSync(SCRIPT));
    fs.writeFileSync(path.join(webRoot, 'assets', 'tiny-Xy98.css'), 'body{margin:0}');
    app = await testApp(t, { webRoot });
  });

  afterAll(async () => {
    await app?.close();
    await t?.destroy();
    if (webRoot) fs.rmSync(webRoot, { recursive: true, force: true });
  });

  const get = (url: string, encoding?: string) =>
    app.inject({ method: 'GET', url, headers: encoding ? { 'accept-encoding': encoding } : {} });

  it('sends a hashed script brotli- or gzip-compressed and cacheable for a year', async () => {
    const br = await get('/assets/UnitsPage-Ab12Cd34.js', 'gzip, deflate, br');
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toMatch(/javascript/);
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(zlib.brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);

    const gz = await get('/assets/UnitsPage-Ab12Cd34.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.rawPayload).toString()).toBe(SCRIPT);

    const plain = await get('/assets/UnitsPage-Ab12Cd34.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(SCRIPT);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('sends a file without a compressed copy as it is', async () => {
    const css = await get('/assets/tiny-Xy98.css', 'gzip, br');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-encoding']).toBeUndefined();
    expect(css.body).toBe('body{margin:0}');
  });

  it('has the browser check index.html on every load, at / and at a page of the client', async () => {
    for (const url of ['/', '/units/12']) {
      const res = await get(url, 'gzip, br');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<title>编制</title>');
      expect(res.headers['cache-control']).not.toMatch(/immutable|max-age=[1-9]/);
    }
    expect((await get('/')).headers['cache-control']).toBe('no-cache');
  });

  it('never answers an API path with the client or a cacheable header', async () => {
    const res = await get('/api/no-such-thing');
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.body).not.toContain('<title>');
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
