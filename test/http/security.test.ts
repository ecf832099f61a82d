// Web and account security (issue 8, items 4 and 5) over HTTP on both databases: cross-site
// requests, HTTPS cookies and HSTS, no-store, the API docs, bounded input, real dates, the
// password policy and history, login throttling per address, session ends and lifetime, TOTP.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MeResponse } from '../../src/common/wire.ts';
import type { SecurityPolicyResponse, TotpEnrolment } from '../../src/common/wire-security.ts';
import { createUser } from '../../src/domain/accounts/manage-users.ts';
import { setSecurityPolicy } from '../../src/domain/accounts/set-security-policy.ts';
import { base32Decode, hotp, totpStep } from '../../src/domain/accounts/totp.ts';
import { ensureRegion } from '../../src/domain/regions/ensure-region.ts';
import { json, loginCookie, testApp, withoutMark } from '../support/app.ts';
import { DIALECTS, openTestDb, type TestDb } from '../support/databases.ts';

const actor = { id: null, name: '测试' };
const PASSWORD = 'Secure-Horse-2026';
type ErrorReply = { error: { code: string; message: string } };

describe.each(DIALECTS)('web and account security on %s', (dialect) => {
  let t: TestDb;
  let app: FastifyInstance;

  const make = (username: string, role: string, password = PASSWORD) =>
    createUser(t.ctx, {
      actor,
      username,
      displayName: username,
      role,
      regionCode: '640121',
      unitId: null,
      password,
    });

  beforeAll(async () => {
    t = await openTestDb(dialect);
    await ensureRegion(t.ctx, { code: '640121', actor });
    for (const [name, role] of [
      ['admin', 'admin'],
      ['clerk', 'clerk'],
      ['sec', 'secadmin'],
      ['sys', 'sysadmin'],
    ] as const)
      await make(name, role);
    app = await testApp(t);
  });

  afterAll(async () => {
    await app?.close();
    await t?.destroy();
  });

  const login = (username: string, password: string, extra: Record<string, unknown> = {}) =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password, ...extra } });
  const cookieOf = (res: { cookies: { name: string; value: string }[] }): string =>
    `bianzhi_session=${res.cookies.find((c) => c.name === 'bianzhi_session')?.value ?? ''}`;
  const me = (cookie: string) => app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
  const auditCount = async (): Promise<number> =>
    Number(
      (
        await t.ctx.db.kysely
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('refuses a mutating request from a foreign Origin although the cookie is valid', async () => {
    const cookie = await loginCookie(app, 'clerk', PASSWORD);
    const logoutFrom = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie, ...headers } });
    const foreign = await logoutFrom({ origin: 'https://evil.example.com' });
    expect(foreign.statusCode).toBe(403);
    expect(json<ErrorReply>(foreign).error.code).toBe('FORBIDDEN');
    expect((await logoutFrom({ 'sec-fetch-site': 'cross-site' })).statusCode).toBe(403);
    expect((await logoutFrom({ origin: 'null' })).statusCode).toBe(403);
    // Neither an Origin nor the web client's header: refused as well.
    expect((await logoutFrom(withoutMark())).statusCode).toBe(403);
    // The session survived every refused attempt.
    expect((await me(cookie)).statusCode).toBe(200);
    // The same origin (as a browser sends it) passes without the header.
    const same = await logoutFrom(withoutMark({ origin: 'http://localhost:80', host: 'localhost:80' }));
    expect(same.statusCode).toBe(204);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('answers API requests with Cache-Control: no-store', async () => {
    const cookie = await loginCookie(app, 'clerk', PASSWORD);
    const res = await me(cookie);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect((await app.inject({ method: 'GET', url: '/api/auth/me' })).headers['cache-control']).toBe(
      'no-store',
    );
  });

  it('shows the OpenAPI docs to signed-in users only', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/docs/json' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBe(401);
    const cookie = await loginCookie(app, 'clerk', PASSWORD);
    const docs = await app.inject({ method: 'GET', url: '/api/docs/json', headers: { cookie } });
    expect(docs.statusCode).toBe(200);
    expect(json<{ openapi: string }>(docs).openapi).toMatch(/^3\./);
  });

  it('refuses an oversized username before it reaches the audit log', async () => {
    const before = await auditCount();
    const huge = await login('u'.repeat(1_900_000), 'whatever');
    expect(huge.statusCode).toBe(413);
    const long = await login('u'.repeat(10_000), 'whatever');
    expect(long.statusCode).toBe(400);
    expect(json<ErrorReply>(long).error.code).toBe('VALIDATION');
    expect(await auditCount()).toBe(before);
    const longest = await t.ctx.db.kysely
      .selectFrom('audit_events')
      .select('actor_name')
      .orderBy('id', 'desc')
      .limit(50)
      .execute();
    expect(longest.every((r) => r.actor_name.length <= 64)).toBe(true);
  });

  it('refuses dates that do not exist (2023-02-30) as asOf and in a body', async () => {
    const cookie = await loginCookie(app, 'admin', PASSWORD);
    const tree = await app.inject({
      method: 'GET',
      url: '/api/units?region=640121&asOf=2023-02-30',
      headers: { cookie },
    });
    expect(tree.statusCode).toBe(400);
    expect(json<ErrorReply>(tree).error.message).toContain('日期不存在');
    const report = await app.inject({
      method: 'GET',
      url: '/api/reports/basic?region=640121&asOf=2023-02-30',
      headers: { cookie },
    });
    expect(report.statusCode).toBe(400);
    const total = await app.inject({
      method: 'POST',
      url: '/api/control-totals',
      headers: { cookie },
      payload: {
        region: '640121',
        quotaType: '行政编制',
        total: 10,
        effectiveFrom: '2023-02-30',
        docNo: null,
      },
    });
    expect(total.statusCode).toBe(400);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/units?region=640121&asOf=2024-02-29',
          headers: { cookie },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('does not let five bad logins from one address lock the user out from another', async () => {
    await make('victim', 'clerk');
    const from = (address: string, password: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        remoteAddress: address,
        payload: { username: 'victim', password },
      });
    for (let i = 0; i < 5; i++) expect((await from('192.0.2.66', 'wrong-guess')).statusCode).toBe(401);
    // The attacker's address must wait, even with the right password …
    const stalled = await from('192.0.2.66', PASSWORD);
    expect(stalled.statusCode).toBe(429);
    // … while the user, from their own address, logs in.
    expect((await from('198.51.100.7', PASSWORD)).statusCode).toBe(200);
  });

  it('refuses Password12 and other passwords against the default policy, then keeps a history', async () => {
    await make('hist', 'clerk');
    const cookie = await loginCookie(app, 'hist', PASSWORD);
    const change = (oldPassword: string, newPassword: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/change-password',
        headers: { cookie },
        payload: { oldPassword, newPassword },
      });
    const policy = await app.inject({ method: 'GET', url: '/api/auth/password-policy', headers: { cookie } });
    expect(json<{ description: string }>(policy).description).toContain('至少12位');
    const weak = await change(PASSWORD, 'Password12');
    expect(weak.statusCode).toBe(400);
    expect(json<ErrorReply>(weak).error.message).toContain('至少12位');
    expect((await change(PASSWORD, 'alllowercaseletters')).statusCode).toBe(400);
    expect((await change(PASSWORD, 'Hist-is-my-name-1')).statusCode).toBe(400);
    // Through four new passwords; the first (PASSWORD) is still among the last five.
    const chain = [PASSWORD, 'Second-Pass-2026', 'Third-Pass-2026', 'Fourth-Pass-2026', 'Fifth-Pass-2026'];
    for (let i = 1; i < chain.length; i++)
      expect((await change(chain[i - 1] ?? '', chain[i] ?? '')).statusCode).toBe(204);
    const reused = await change('Fifth-Pass-2026', PASSWORD);
    expect(reused.statusCode).toBe(400);
    expect(json<ErrorReply>(reused).error.message).toContain('最近5次');
    expect((await change('Fifth-Pass-2026', 'Sixth-Pass-2026')).statusCode).toBe(204);
    // Now PASSWORD is six passwords back: allowed again.
    expect((await change('Sixth-Pass-2026', PASSWORD)).statusCode).toBe(204);
  });

  it('ends the other sessions of a user who changes their password, keeping the current one', async () => {
    await make('multi', 'clerk');
    const laptop = await loginCookie(app, 'multi', PASSWORD);
    const phone = await loginCookie(app, 'multi', PASSWORD);
    const changed = await app.inject({
      method: 'POST',
      url: '/api/auth/change-password',
      headers: { cookie: laptop },
      payload: { oldPassword: PASSWORD, newPassword: 'Laptop-Device-2026' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await me(laptop)).statusCode).toBe(200);
    expect((await me(phone)).statusCode).toBe(401);
  });

  it('ends a session after its absolute lifetime however active it was', async () => {
    await make('longday', 'clerk');
    const cookie = await loginCookie(app, 'longday', PASSWORD);
    expect((await me(cookie)).statusCode).toBe(200);
    const thirteenHoursAgo = new Date(Date.now() - 13 * 3_600_000).toISOString();
    const user = await t.ctx.db.kysely
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'longday')
      .executeTakeFirstOrThrow();
    // Active a moment ago, but logged in 13 hours ago (the default lifetime is 12 h).
    await t.ctx.db.kysely
      .updateTable('sessions')
      .set({ created_at: thirteenHoursAgo })
      .where('user_id', '=', user.id)
      .execute();
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('asks for a new password when the current one has expired', async () => {
    await make('stale', 'clerk');
    const longAgo = new Date(Date.now() - 91 * 86_400_000).toISOString();
    await t.ctx.db.kysely
      .updateTable('users')
      .set({ password_changed_at: longAgo })
      .where('username', '=', 'stale')
      .execute();
    const res = await login('stale', PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(json<MeResponse>(res).user.mustChangePassword).toBe(true);
    const blocked = await app.inject({
      method: 'GET',
      url: '/api/units?region=640121',
      headers: { cookie: cookieOf(res) },
    });
    expect(json<ErrorReply>(blocked).error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('lets only the security administrator set the policy, and requires TOTP of administrators when set', async () => {
    const sec = await loginCookie(app, 'sec', PASSWORD);
    const sys = await loginCookie(app, 'sys', PASSWORD);
    const clerk = await loginCookie(app, 'clerk', PASSWORD);
    const put = (cookie: string, body: Record<string, unknown>) =>
      app.inject({ method: 'PUT', url: '/api/security/policy', headers: { cookie }, payload: body });
    const current = json<SecurityPolicyResponse>(
      await app.inject({ method: 'GET', url: '/api/security/policy', headers: { cookie: sys } }),
    );
    expect(current).toMatchObject({
      passwordMinLength: 12,
      passwordMinClasses: 3,
      passwordHistory: 5,
      passwordExpiryDays: 90,
      totpRequired: false,
    });
    expect(
      (await app.inject({ method: 'GET', url: '/api/security/policy', headers: { cookie: clerk } }))
        .statusCode,
    ).toBe(403);
    const { updatedAt: _ignored, ...policy } = current;
    expect((await put(sys, { ...policy, totpRequired: true })).statusCode).toBe(403);
    expect((await put(sec, { ...policy, passwordMinLength: 4 })).statusCode).toBe(400);
    const set = await put(sec, { ...policy, totpRequired: true });
    expect(set.statusCode).toBe(200);
    expect(json<SecurityPolicyResponse>(set).totpRequired).toBe(true);

    try {
      // An administrator without a second factor may sign in only to enrol one.
      const first = await login('admin', PASSWORD);
      expect(first.statusCode).toBe(200);
      expect(json<MeResponse>(first).user.mustEnrolTotp).toBe(true);
      const admin = cookieOf(first);
      const blocked = await app.inject({
        method: 'GET',
        url: '/api/units?region=640121',
        headers: { cookie: admin },
      });
      expect(blocked.statusCode).toBe(403);
      expect(json<ErrorReply>(blocked).error.code).toBe('TOTP_ENROLMENT_REQUIRED');
      // A clerk is not an administrator: not required.
      expect(json<MeResponse>(await me(clerk)).user.mustEnrolTotp).toBe(false);

      const enrol = json<TotpEnrolment>(
        await app.inject({ method: 'POST', url: '/api/auth/totp/enrol', headers: { cookie: admin } }),
      );
      expect(enrol.uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
      const stored = await t.ctx.db.kysely
        .selectFrom('users')
        .select('totp_secret')
        .where('username', '=', 'admin')
        .executeTakeFirstOrThrow();
      expect(stored.totp_secret).not.toContain(enrol.secret);
      const codeAt = (offsetSteps: number) =>
        hotp(base32Decode(enrol.secret), totpStep(Date.now()) + offsetSteps);
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/auth/totp/confirm',
        headers: { cookie: admin },
        payload: { code: codeAt(5) },
      });
      expect(wrong.statusCode).toBe(400);
      const confirmed = await app.inject({
        method: 'POST',
        url: '/api/auth/totp/confirm',
        headers: { cookie: admin },
        payload: { code: codeAt(0) },
      });
      expect(confirmed.statusCode).toBe(204);
      expect(
        (await app.inject({ method: 'GET', url: '/api/units?region=640121', headers: { cookie: admin } }))
          .statusCode,
      ).toBe(200);

      // From now on the code is asked at login, and each code works once.
      const noCode = await login('admin', PASSWORD);
      expect(noCode.statusCode).toBe(401);
      expect(json<ErrorReply>(noCode).error.code).toBe('TOTP_REQUIRED');
      expect((await login('admin', PASSWORD, { totp: codeAt(0) })).statusCode).toBe(401);
      const withCode = await login('admin', PASSWORD, { totp: codeAt(1) });
      expect(withCode.statusCode).toBe(200);
      expect(json<MeResponse>(withCode).user).toMatchObject({ totpEnabled: true, mustEnrolTotp: false });
      expect((await login('admin', PASSWORD, { totp: codeAt(1) })).statusCode).toBe(401);
      // The security administrator who required it is an administrator too.
      const secBlocked = await put(sec, { ...policy, totpRequired: false });
      expect(json<ErrorReply>(secBlocked).error.code).toBe('TOTP_ENROLMENT_REQUIRED');
    } finally {
      await setSecurityPolicy(t.ctx, { actor: { id: null, name: '测试' }, policy });
    }
  });

  it('records every policy change in the audit log', async () => {
    const rows = await t.ctx.db.kysely
      .selectFrom('audit_events')
      .select(['actor_name', 'payload'])
      .where('action', '=', 'security.policy')
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.actor_name)).toEqual(['sec', '测试']);
    expect(JSON.parse(rows[0]?.payload ?? '{}')).toMatchObject({
      before: { totpRequired: false },
      after: { totpRequired: true },
    });
  });
});

describe.each(DIALECTS)('HTTPS settings on %s', (dialect) => {
  let t: TestDb;

  beforeAll(async () => {
    t = await openTestDb(dialect);
    await ensureRegion(t.ctx, { code: '640121', actor });
    await createUser(t.ctx, {
      actor,
      username: 'clerk',
      displayName: 'clerk',
      role: 'clerk',
      regionCode: '640121',
      unitId: null,
      password: PASSWORD,
    });
  });

  afterAll(async () => {
    await t?.destroy();
  });

  const loginOn = async (app: FastifyInstance, headers: Record<string, string> = {}) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers,
      payload: { username: 'clerk', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    return res;
  };

  it('sets a plain cookie and no HSTS over plain HTTP', async () => {
    const app = await testApp(t);
    try {
      const res = await loginOn(app);
      expect(res.cookies.find((c) => c.name === 'bianzhi_session')?.secure).toBeFalsy();
      expect(res.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('sets a Secure cookie and HSTS when BIANZHI_PUBLIC_URL is https', async () => {
    const app = await testApp(t, { publicOrigin: 'https://bianzhi.example.gov.cn' });
    try {
      const res = await loginOn(app);
      expect(res.cookies.find((c) => c.name === 'bianzhi_session')?.secure).toBe(true);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
      // The public origin is the page's origin, though the proxy passed another Host.
      const cross = await app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: withoutMark({ origin: 'https://bianzhi.example.gov.cn', host: '127.0.0.1:8080' }),
      });
      expect(cross.statusCode).toBe(204);
    } finally {
      await app.close();
    }
  });

  it('believes X-Forwarded-Proto only from a trusted proxy', async () => {
    const trusting = await testApp(t, { trustProxy: '127.0.0.1' });
    const wary = await testApp(t);
    try {
      const viaProxy = await loginOn(trusting, { 'x-forwarded-proto': 'https' });
      expect(viaProxy.cookies.find((c) => c.name === 'bianzhi_session')?.secure).toBe(true);
      expect(viaProxy.headers['strict-transport-security']).toBe('max-age=31536000');
      const spoofed = await loginOn(wary, { 'x-forwarded-proto': 'https' });
      expect(spoofed.cookies.find((c) => c.name === 'bianzhi_session')?.secure).toBeFalsy();
    } finally {
      await trusting.close();
      await wary.close();
    }
  });
});
