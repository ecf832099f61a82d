// 登录、退出、当前用户、修改密码、绑定动态口令（TOTP）.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLE_LABELS } from '../../common/labels.ts';
import {
  ChangePasswordBody,
  ErrorBody,
  LoginBody,
  MeResponse,
  PasswordPolicyInfo,
} from '../../common/wire.ts';
import { TotpCodeBody, TotpEnrolment } from '../../common/wire-security.ts';
import type { AppContext } from '../../context.ts';
import { findUser } from '../../db/repositories/accounts.ts';
import { findRegion } from '../../db/repositories/regions.ts';
import { unitAsOf } from '../../db/repositories/units.ts';
import { todayInChina } from '../../context.ts';
import { changePassword } from '../../domain/accounts/change-password.ts';
import { confirmTotp } from '../../domain/accounts/confirm-totp.ts';
import { enrolTotp } from '../../domain/accounts/enrol-totp.ts';
import type { LoginThrottle } from '../../domain/accounts/login-throttle.ts';
import { describePasswordPolicy } from '../../domain/accounts/passwords.ts';
import { permissionsOf, type Principal } from '../../domain/accounts/policies.ts';
import { totpRequiredFor } from '../../domain/accounts/security-policy.ts';
import { login, logout } from '../../domain/accounts/sessions.ts';
import { loadSecurityPolicy } from '../../domain/accounts/set-security-policy.ts';
import { principal } from '../principal.ts';

const SESSION_COOKIE = 'bianzhi_session';
/** Login and password bodies are small: a few fields of bounded length. */
const AUTH_BODY_LIMIT = 16 * 1024;

async function me(ctx: AppContext, p: Principal): Promise<MeResponse> {
  const db = ctx.db.kysely;
  const region = await findRegion(db, p.regionCode);
  const unit = p.unitId === null ? undefined : await unitAsOf(db, p.unitId, todayInChina());
  const user = await findUser(db, p.userId);
  const totpEnabled = user?.totp_enabled_at !== null && user?.totp_enabled_at !== undefined;
  const { policy } = await loadSecurityPolicy(db);
  return {
    user: {
      id: p.userId,
      username: p.username,
      displayName: p.displayName,
      role: p.role,
      roleLabel: ROLE_LABELS[p.role],
      regionCode: p.regionCode,
      regionName: region?.name ?? p.regionCode,
      unitId: p.unitId,
      unitName: unit?.name ?? null,
      mustChangePassword: p.mustChangePassword,
      totpEnabled,
      mustEnrolTotp: !totpEnabled && totpRequiredFor(policy, p.role),
    },
    permissions: permissionsOf(p),
  };
}

export async function authRoutes(
  app: FastifyInstance,
  deps: { ctx: AppContext; throttle: LoginThrottle; secure: (req: FastifyRequest) => boolean },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;

  r.post(
    '/api/auth/login',
    {
      config: { public: true },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['账户'],
        summary: '登录（已绑定动态口令的账号须同时提交 totp）',
        body: LoginBody,
        response: { 200: MeResponse, 401: ErrorBody, 429: ErrorBody },
      },
    },
    async (req, reply) => {
      const session = await login(ctx, { ...req.body, address: req.ip, throttle: deps.throttle });
      reply.setCookie(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.secure(req),
      });
      return me(ctx, session.principal);
    },
  );

  r.post(
    '/api/auth/logout',
    {
      config: { public: true },
      schema: { tags: ['账户'], summary: '退出登录', response: { 204: z.null() } },
    },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await logout(ctx, { token });
      reply.clearCookie(SESSION_COOKIE, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.secure(req),
      });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: { beforePasswordChange: true },
      schema: { tags: ['账户'], summary: '当前用户及其权限', response: { 200: MeResponse, 401: ErrorBody } },
    },
    async (req) => me(ctx, principal(req)),
  );

  r.get(
    '/api/auth/password-policy',
    {
      config: { beforePasswordChange: true },
      schema: {
        tags: ['账户'],
        summary: '密码规则（修改密码时显示）',
        response: { 200: PasswordPolicyInfo },
      },
    },
    async () => {
      const { policy } = await loadSecurityPolicy(ctx.db.kysely);
      return { description: describePasswordPolicy(policy), minLength: policy.passwordMinLength };
    },
  );

  r.post(
    '/api/auth/change-password',
    {
      config: { beforePasswordChange: true },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['账户'],
        summary: '修改本人密码（本人的其他会话随即失效）',
        body: ChangePasswordBody,
        response: { 204: z.null(), 400: ErrorBody },
      },
    },
    async (req, reply) => {
      await changePassword(ctx, {
        userId: principal(req).userId,
        ...req.body,
        keepSessionId: req.sessionId ?? undefined,
      });
      return reply.status(204).send(null);
    },
  );

  r.post(
    '/api/auth/totp/enrol',
    {
      config: { beforePasswordChange: true },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['账户'],
        summary: '生成本人的动态口令密钥（只显示这一次）',
        response: { 200: TotpEnrolment, 409: ErrorBody },
      },
    },
    async (req) => enrolTotp(ctx, { userId: principal(req).userId }),
  );

  r.post(
    '/api/auth/totp/confirm',
    {
      config: { beforePasswordChange: true },
      bodyLimit: AUTH_BODY_LIMIT,
      schema: {
        tags: ['账户'],
        summary: '用手机验证器上的口令确认绑定，此后登录须输入动态口令',
        body: TotpCodeBody,
        response: { 204: z.null(), 400: ErrorBody },
      },
    },
    async (req, reply) => {
      await confirmTotp(ctx, { userId: principal(req).userId, code: req.body.code });
      return reply.status(204).send(null);
    },
  );
}
