import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../domain/errors.js';
import { ROLE_LABELS } from '../../domain/types.js';
import { authenticate, currentUser } from '../../server/auth.js';
import type { AppContext } from '../../server/context.js';
import { verifyPassword } from './passwords.js';
import { createSession, deleteSession, SESSION_COOKIE, SESSION_HOURS, userForToken, type SessionUser } from './sessions.js';

export const presentUser = (u: SessionUser) => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  roles: u.roles,
  roleLabels: u.roles.map((r) => ROLE_LABELS[r]),
  unitId: u.unitId,
  unitKind: u.unitKind,
  unitName: u.unitName,
  unitCode: u.unitCode,
  email: u.email,
});

export function authRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/auth/login',
      {
        schema: { tags: ['auth'], summary: '登录', body: Type.Object({ username: Type.String({ minLength: 1 }), password: Type.String({ minLength: 1 }) }) },
        config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        const db = ctx.db.kysely;
        const row = await db.selectFrom('users').select(['id', 'password_hash', 'disabled']).where('username', '=', req.body.username).executeTakeFirst();
        // Same message for unknown user and wrong password, so usernames cannot be probed.
        if (!row || row.disabled === 1 || !(await verifyPassword(row.password_hash, req.body.password))) {
          throw new AppError('UNAUTHENTICATED', '用户名或密码错误');
        }
        const token = await createSession(db, row.id, ctx.clock.now());
        reply.setCookie(SESSION_COOKIE, token, {
          path: '/',
          httpOnly: true,
          sameSite: 'strict',
          secure: process.env.COOKIE_SECURE === '1',
          maxAge: SESSION_HOURS * 3600,
        });
        const user = await userForToken(db, token, ctx.clock.now());
        return { user: presentUser(user!) };
      },
    );

    app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: '退出登录' } }, async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await deleteSession(ctx.db.kysely, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    });

    app.get('/api/auth/me', { schema: { tags: ['auth'], summary: '当前用户' }, preHandler: authenticate(ctx) }, async (req) => ({
      user: presentUser(currentUser(req)),
    }));
  };
}
