// Debian's Chromium driven by playwright-core (never a downloaded browser), and a server on
// a fresh database with the built web client.
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/http/app.ts';
import { WEB_ROOT } from '../../src/server.ts';
import type { TestDb } from './databases.ts';

export const CHROMIUM = process.env.BIANZHI_CHROMIUM ?? '/usr/bin/chromium';

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `未找到 Chromium（${CHROMIUM}）：浏览器测试是必需的，请 apt-get install -y chromium fonts-noto-cjk`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export async function startWebServer(t: TestDb): Promise<{ app: FastifyInstance; baseUrl: string }> {
  if (!fs.existsSync(path.join(WEB_ROOT, 'index.html'))) {
    throw new Error(
      '网页前端尚未构建：请先运行 npx vite build --config web/vite.config.ts（npm test 会自动构建）',
    );
  }
  const app = await buildApp({
    ctx: t.ctx,
    idleMinutes: 30,
    webRoot: WEB_ROOT,
    logger: false,
    databaseUrl: t.url,
    databaseSchema: t.schema,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { app, baseUrl: `http://127.0.0.1:${port}` };
}

export const SCREENSHOT_DIR = path.resolve('test-results');
