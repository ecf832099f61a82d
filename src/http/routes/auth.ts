// 登录、退出、当前用户、修改密码.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLE_LABELS } from '../../common/labels.ts';
import { ChangePasswordBody, ErrorBody, LoginBody, MeResponse } from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import { findRegion } from '../../db/repositories/regions.ts';
import { unitAsOf } from '../../db/repositories/units.ts';
import { todayInChina } from '../../context.ts';
import { changePassword } from '../../domain/accounts/manage-users.ts';
import { permissionsOf, type Principal } from '../../domain/accounts/policies.ts';
import { login, logout } from '../../domain/accounts/sessions.ts';
import { principal } from '../principal.ts';

const SESSION_COOKIE = 'bianzhi_session';

async function me(ctx: AppContext, p: Principal): Promise<MeResponse> {
  const region = await findRegion(ctx.db.kysely, p.regionCode);
  const unit = p.unitId === null ? undefined : await unitAsOf(ctx.db.kysely, p.unitId, todayInChina());
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
    },
    permissions: permissionsOf(p),
  };
}

export async function authRoutes(
  app: FastifyInstance,
  deps: { ctx: AppContext; secure: boolean },
): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;

  r.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['账户'],
        summary: '登录',
        body: LoginBody,
        response: { 200: MeResponse, 401: ErrorBody },
      },
    },
    async (req, reply) => {
      const { token, principal: p } = await login(ctx, req.body);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.secure,
      });
      return me(ctx, p);
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
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
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

  r.post(
    '/api/auth/change-password',
    {
      config: { beforePasswordChange: true },
      schema: {
        tags: ['账户'],
        summary: '修改本人密码',
        body: ChangePasswordBody,
        response: { 204: z.null(), 400: ErrorBody },
      },
    },
    async (req, reply) => {
      await changePassword(ctx, { userId: principal(req).userId, ...req.body });
      return reply.status(204).send(null);
    },
  );
}
