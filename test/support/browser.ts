// Debian's Chromium driven by playwright-core (never a downloaded browser), and a server on
// a fresh database with the built web client.
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
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

/**
 * Runs in the page: resolves once, on two frames in a row, no animation or transition is running
 * (endless ones aside), nothing is loading under a spinner, every chart (EChart's
 * `div[role="img"]`) is drawn into its canvas or SVG, and the layout — the page's size, each table
 * header cell's and each chart's box — is the same as on the frame before; rejects after 30 s.
 * Tables and charts re-measure within a frame or two of a resize. (One evaluation polling on
 * animation frames: the page's CSP forbids the string evaluation Playwright's waitForFunction
 * polls with.)
 */
const SETTLED_SCRIPT = `new Promise((resolve, reject) => {
  const box = (e) => {
    const r = e.getBoundingClientRect();
    return [r.left, r.top, r.width, r.height].map(Math.round).join(',');
  };
  const state = () => {
    // A spinner's or a status dot's endless loop never ends: only what comes to an end is awaited.
    const moving = document
      .getAnimations()
      .some((a) => (a.playState === 'running' || a.pending) && a.effect?.getTiming().iterations !== Infinity);
    const charts = Array.from(document.querySelectorAll('div[role="img"]'));
    const loading =
      document.querySelector('.ant-spin-spinning') !== null || charts.some((c) => !c.querySelector('canvas, svg'));
    const root = document.documentElement;
    const parts = [root.scrollWidth, root.scrollHeight, charts.length];
    for (const e of document.querySelectorAll('thead th, div[role="img"] canvas, div[role="img"] svg'))
      parts.push(box(e));
    return { still: !moving && !loading, layout: parts.join(';') };
  };
  const deadline = Date.now() + 30000;
  let last = null;
  let frames = 0;
  const tick = () => {
    const now = state();
    frames = now.still && now.layout === last ? frames + 1 : 0;
    last = now.layout;
    if (frames >= 2) resolve(true);
    else if (Date.now() > deadline) reject(new Error('页面 30 秒内仍未静止：仍在加载、动画未结束或布局仍在变化'));
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

/**
 * Waits until the page has come to rest (SETTLED_SCRIPT): after a page opens or the window is
 * resized, before its layout is checked or its screenshot taken. A wait for the condition, where
 * a fixed pause would wait too long on a quiet machine and too little on a busy one.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(SETTLED_SCRIPT);
}

/** Screenshots of the browser journeys: CI keeps this folder as an artifact of the run. */
export const SCREENSHOT_DIR = path.resolve('test-results/screenshots');

/**
 * Where the journey of a page saves its screenshot: SCREENSHOT_DIR/<role>/<page>.png, or
 * SCREENSHOT_DIR/<role>/<width>/<page>.png for a page taken at each screen width.
 */
export function screenshotPath(role: string, pageName: string, width?: number): string {
  const dir =
    width === undefined ? path.join(SCREENSHOT_DIR, role) : path.join(SCREENSHOT_DIR, role, String(width));
  fs.mkdirSync(dir, { recursive: true });
  return path.join(dir, `${pageName}.png`);
}

export const JOURNEY_PASSWORD = 'Journey-Pass-2026';

/** An account of a browser journey (all with JOURNEY_PASSWORD). */
export interface JourneyUser {
  username: string;
  displayName?: string;
  role: string;
  unitCode?: string;
  /** The account's region: the county 640121 unless given (a city user sits at 640100). */
  regionCode?: string;
}

/**
 * A SQLite test database holding the county fixture and the given accounts (all with
 * JOURNEY_PASSWORD), served with the built web client.
 */
export async function seededWebServer(
  users: readonly JourneyUser[],
): Promise<{ t: TestDb; app: FastifyInstance; baseUrl: string; units: Map<string, number> }> {
  const { openTestDb } = await import('./databases.ts');
  const { COUNTY_DIR } = await import('./fixtures.ts');
  const { importWorkbook } = await import('../../src/domain/exchange/import-workbook.ts');
  const { createUser } = await import('../../src/domain/accounts/manage-users.ts');
  const { unitIdsByCode } = await import('../../src/db/repositories/units.ts');
  const { ensureRegion } = await import('../../src/domain/regions/ensure-region.ts');
  const t = await openTestDb('sqlite');
  const actor = { id: null, name: '测试' };
  const imported = await importWorkbook(t.ctx, {
    actor,
    paths: [COUNTY_DIR],
    dryRun: false,
    allowedRegions: null,
  });
  if (!imported.ok) throw new Error('县样例数据导入失败');
  const units = await unitIdsByCode(t.ctx.db.kysely, ['640121']);
  // An account of another county (e.g. a 交叉互评 evaluator of 贺兰县 640122) needs its region known.
  for (const code of new Set(users.map((u) => u.regionCode ?? '640121')))
    await ensureRegion(t.ctx, { code, actor });
  for (const u of users) {
    await createUser(t.ctx, {
      actor,
      username: u.username,
      displayName: u.displayName ?? u.username,
      role: u.role,
      regionCode: u.regionCode ?? '640121',
      unitId: u.unitCode ? (units.get(`640121/${u.unitCode}`) ?? null) : null,
      password: JOURNEY_PASSWORD,
    });
  }
  const { app, baseUrl } = await startWebServer(t);
  return { t, app, baseUrl, units };
}

/** A new browser context logged in as the user, on the page they land on. */
export async function loggedIn(
  browser: Browser,
  baseUrl: string,
  username: string,
  viewport: { width: number; height: number } = { width: 1400, height: 1000 },
): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    acceptDownloads: true,
    // As a user who asked the system for less motion: pages and charts drawn without animation.
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(JOURNEY_PASSWORD);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  return page;
}

/** One seeded server and one browser for a file of journeys; see webJourney. */
export interface WebJourney {
  t: TestDb;
  app: FastifyInstance;
  baseUrl: string;
  browser: Browser;
  /** The county's units by `640121/<code>`. */
  units: Map<string, number>;
  /** A new browser context logged in as the user (close its context when done). */
  login: (username: string, viewport?: { width: number; height: number }) => Promise<Page>;
  close: () => Promise<void>;
}

/**
 * The set-up every browser journey shares: a SQLite database with the county fixture and the
 * accounts, the server with the built web client, and one Chromium. Call in beforeAll and close
 * in afterAll:
 *   let w: WebJourney;
 *   beforeAll(async () => { w = await webJourney([{ username: 'guanli', role: 'admin' }]); });
 *   afterAll(() => w?.close());
 */
export async function webJourney(users: readonly JourneyUser[]): Promise<WebJourney> {
  const { t, app, baseUrl, units } = await seededWebServer(users);
  let browser: Browser;
  try {
    browser = await launchBrowser();
  } catch (error) {
    await app.close();
    await t.destroy();
    throw error;
  }
  return {
    t,
    app,
    baseUrl,
    browser,
    units,
    login: (username, viewport) => loggedIn(browser, baseUrl, username, viewport),
    close: async () => {
      await browser.close();
      await app.close();
      await t.destroy();
    },
  };
}
