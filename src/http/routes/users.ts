// 用户管理 (系统管理员): list, create with a one-time password, reset a password.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLE_LABELS, type Role } from '../../common/labels.ts';
import { CreateUserBody, ErrorBody, IdParam, PasswordResponse, UserSummary } from '../../common/wire.ts';
import type { AppContext } from '../../context.ts';
import { todayInChina } from '../../context.ts';
import { findUser, listUsers } from '../../db/repositories/accounts.ts';
import { unitsAsOf } from '../../db/repositories/units.ts';
import { createUser, resetPassword } from '../../domain/accounts/manage-users.ts';
import { authorize } from '../../domain/accounts/authorize.ts';
import { notFound } from '../../errors.ts';
import { actorOf, principal } from '../principal.ts';

export async function userRoutes(app: FastifyInstance, deps: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;

  r.get(
    '/api/users',
    {
      schema: {
        tags: ['用户'],
        summary: '本县用户列表',
        response: { 200: z.array(UserSummary), 403: ErrorBody },
      },
    },
    async (req) => {
      const p = principal(req);
      await authorize(ctx.db.kysely, p, 'user.list', { region: p.regionCode });
      const users = await listUsers(ctx.db.kysely, [p.regionCode]);
      const names = new Map(
        (await unitsAsOf(ctx.db.kysely, [p.regionCode], todayInChina())).map((u) => [u.id, u.name]),
      );
      return users.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        role: u.role as Role,
        roleLabel: ROLE_LABELS[u.role as Role] ?? u.role,
        regionCode: u.region_code,
        unitId: u.unit_id,
        unitName: u.unit_id === null ? null : (names.get(u.unit_id) ?? null),
        disabled: u.disabled === 1,
        lastLoginAt: u.last_login_at,
      }));
    },
  );

  r.post(
    '/api/users',
    {
      schema: {
        tags: ['用户'],
        summary: '新建用户（返回一次性密码，仅显示一次）',
        body: CreateUserBody,
        response: { 200: PasswordResponse, 400: ErrorBody, 403: ErrorBody, 409: ErrorBody },
      },
    },
    async (req) => {
      const p = principal(req);
      const { password } = await createUser(ctx, {
        actor: actorOf(p),
        principal: p,
        username: req.body.username,
        displayName: req.body.displayName,
        role: req.body.role,
        regionCode: req.body.regionCode,
        unitId: req.body.unitId ?? null,
      });
      return { username: req.body.username, oneTimePassword: password };
    },
  );

  r.post(
    '/api/users/:id/reset-password',
    {
      schema: {
        tags: ['用户'],
        summary: '重置用户密码（返回一次性密码）',
        params: IdParam,
        response: { 200: PasswordResponse, 403: ErrorBody, 404: ErrorBody },
      },
    },
    async (req) => {
      const p = principal(req);
      const user = await findUser(ctx.db.kysely, req.params.id);
      if (!user) throw notFound('用户');
      const password = await resetPassword(ctx, {
        actor: actorOf(p),
        principal: p,
        username: user.username,
      });
      return { username: user.username, oneTimePassword: password };
    },
  );
}
