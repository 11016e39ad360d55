/** Authentication: a preHandler that loads the session user, and role checks for routes. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../domain/errors.js';
import type { Role } from '../domain/types.js';
import { SESSION_COOKIE, userForToken, type SessionUser } from '../modules/auth/sessions.js';
import type { AppContext } from './context.js';

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
  }
}

/** Build the preHandler that requires a signed-in user (optionally with one of `roles`). */
export function authenticate(ctx: AppContext, roles?: readonly Role[]) {
  return async (req: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const token = req.cookies[SESSION_COOKIE];
    const user = token ? await userForToken(ctx.db.kysely, token, ctx.clock.now()) : null;
    if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
    if (roles && !user.roles.some((r) => roles.includes(r))) throw new AppError('FORBIDDEN', '无权访问');
    req.user = user;
  };
}

/** The signed-in user of a request that passed `authenticate`. */
export function currentUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw new AppError('UNAUTHENTICATED', '请先登录');
  return req.user;
}
