// An administrator's account journey in real Chromium when the security policy requires a
// second factor: log in → sent to the account page → enrol TOTP (secret shown once) → in;
// log out → the login form asks for the code → in. Every write passes the cross-site check.
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { DEFAULT_SECURITY_POLICY } from '../../src/domain/accounts/security-policy.ts';
import { setSecurityPolicy } from '../../src/domain/accounts/set-security-policy.ts';
import { base32Decode, hotp, totpStep } from '../../src/domain/accounts/totp.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { JOURNEY_PASSWORD, launchBrowser, startWebServer } from '../support/browser.ts';
import { openTestDb, type TestDb } from '../support/databases.ts';

describe('account journey in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  let secret = '';
  const base = { step: 0 };

  beforeAll(async () => {
    t = await openTestDb('sqlite');
    const actor = { id: null, name: '测试' };
    await ensureRegion(t.ctx, { code: '640121', actor });
    await createUser(t.ctx, {
      actor,
      username: 'boss',
      displayName: '李主任',
      role: 'admin',
      regionCode: '640121',
      unitId: null,
      password: JOURNEY_PASSWORD,
    });
    await setSecurityPolicy(t.ctx, { actor, policy: { ...DEFAULT_SECURITY_POLICY, totpRequired: true } });
    ({ app, baseUrl } = await startWebServer(t));
    browser = await launchBrowser();
    page = await browser.newPage({
      viewport: { width: 1400, height: 900 },
      locale: 'zh-CN',
      reducedMotion: 'reduce',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await t?.destroy();
  });

  const fillLogin = async () => {
    await page.goto(`${baseUrl}/login`);
    await page.getByTestId('login-username').fill('boss');
    await page.getByTestId('login-password').fill(JOURNEY_PASSWORD);
    await page.getByTestId('login-submit').click();
  };

  it('sends an administrator without a second factor to enrol one', async () => {
    await fillLogin();
    await page.waitForURL((u) => u.pathname === '/change-password');
    await page.getByText('安全策略要求管理员使用动态口令').waitFor();
    await page.getByTestId('totp-start').click();
    secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    base.step = totpStep(Date.now());
    await page.getByTestId('totp-code').fill(hotp(base32Decode(secret), base.step));
    await page.getByTestId('totp-confirm').click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByText('李主任').first().waitFor();
  });

  it('asks for the code at the next login', async () => {
    await page.context().clearCookies();
    await fillLogin();
    await page.getByTestId('login-totp').waitFor();
    await page.getByTestId('login-totp').fill(hotp(base32Decode(secret), base.step + 1));
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await page.getByText('李主任').first().waitFor();
  });
});
