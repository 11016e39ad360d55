import { Type } from 'typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { AppError, invalid } from '../../domain/errors.js';
import { resetPassword } from '../org/users.commands.js';
import { ROLE_LABELS } from '../../domain/types.js';
import { authenticate, currentUser } from '../../server/auth.js';
import { inTransaction, type AppContext } from '../../server/context.js';
import { passwordProblem, verifyPassword } from './passwords.js';
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

function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: process.env.COOKIE_SECURE === '1',
    maxAge: SESSION_HOURS * 3600,
  });
}

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
        setSessionCookie(reply, token);
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

    app.post(
      '/api/auth/password',
      {
        schema: {
          tags: ['auth'],
          summary: '修改本人密码（其他会话随之失效）',
          body: Type.Object({ currentPassword: Type.String({ minLength: 1, maxLength: 200 }), newPassword: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false }),
        },
        preHandler: authenticate(ctx),
        config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        const user = currentUser(req);
        const row = await ctx.db.kysely.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow();
        if (!(await verifyPassword(row.password_hash, req.body.currentPassword))) throw invalid('currentPassword', '当前密码不正确');
        if (req.body.newPassword === req.body.currentPassword) throw invalid('newPassword', '新密码不能与当前密码相同');
        const problem = passwordProblem(req.body.newPassword);
        if (problem) throw invalid('newPassword', problem);
        await inTransaction(ctx, async (trx) => {
          await resetPassword({ ctx, trx, actorId: user.id, username: user.username, password: req.body.newPassword });
        });
        // resetPassword ended every session, this one included: continue here with a fresh one.
        setSessionCookie(reply, await createSession(ctx.db.kysely, user.id, ctx.clock.now()));
        return { ok: true };
      },
    );

    app.get('/api/auth/me', { schema: { tags: ['auth'], summary: '当前用户' }, preHandler: authenticate(ctx) }, async (req) => ({
      user: presentUser(currentUser(req)),
    }));
  };
}
