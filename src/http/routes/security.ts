// 安全策略: the deployment's password and second-factor rules, set by the 安全管理员.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorBody } from '../../common/wire.ts';
import { SecurityPolicy, SecurityPolicyResponse } from '../../common/wire-security.ts';
import type { AppContext } from '../../context.ts';
import { authorize } from '../../domain/accounts/authorize.ts';
import { loadSecurityPolicy, setSecurityPolicy } from '../../domain/accounts/set-security-policy.ts';
import { actorOf, principal } from '../principal.ts';

export async function securityRoutes(app: FastifyInstance, deps: { ctx: AppContext }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { ctx } = deps;

  r.get(
    '/api/security/policy',
    {
      schema: {
        tags: ['安全'],
        summary: '安全策略（密码规则、有效期、动态口令）',
        response: { 200: SecurityPolicyResponse, 403: ErrorBody },
      },
    },
    async (req) => {
      await authorize(ctx.db.kysely, principal(req), 'security.read', {});
      const { policy, updatedAt } = await loadSecurityPolicy(ctx.db.kysely);
      return { ...policy, updatedAt };
    },
  );

  r.put(
    '/api/security/policy',
    {
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['安全'],
        summary: '修改安全策略（安全管理员）',
        body: SecurityPolicy,
        response: { 200: SecurityPolicyResponse, 400: ErrorBody, 403: ErrorBody },
      },
    },
    async (req) => {
      const p = principal(req);
      await authorize(ctx.db.kysely, p, 'security.configure', {});
      await setSecurityPolicy(ctx, { actor: actorOf(p), policy: req.body });
      const { policy, updatedAt } = await loadSecurityPolicy(ctx.db.kysely);
      return { ...policy, updatedAt };
    },
  );
}
