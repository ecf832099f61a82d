import type { FastifyRequest } from 'fastify';
import type { Actor } from '../audit/events.ts';
import type { Principal } from '../domain/accounts/policies.ts';
import { AppError } from '../errors.ts';

/** The authenticated principal (the onRequest hook has already refused anonymous calls). */
export function principal(req: FastifyRequest): Principal {
  if (!req.principal) throw new AppError('UNAUTHENTICATED', '请先登录');
  return req.principal;
}

export function actorOf(p: Principal): Actor {
  return { id: p.userId, name: p.username };
}
