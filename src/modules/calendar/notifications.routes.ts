/** The signed-in user's notification inbox. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../domain/errors.js';
import { authenticate, currentUser } from '../../server/auth.js';
import type { AppContext } from '../../server/context.js';
import { IdParams } from './calendar.schemas.js';
import { listInbox } from './notifications.js';

export function notificationRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const auth = authenticate(ctx);

    app.get('/api/notifications', { schema: { tags: ['calendar'], summary: '我的通知（未读在前）' }, preHandler: auth }, async (req) => {
      return listInbox(ctx.db.kysely, currentUser(req).id);
    });

    app.post('/api/notifications/:id/read', { schema: { tags: ['calendar'], summary: '标记一条通知为已读', params: IdParams }, preHandler: auth }, async (req) => {
      const user = currentUser(req);
      const db = ctx.db.kysely;
      // Another user's notification is reported as not found, like an unknown id.
      const n = await db.selectFrom('notifications').select(['id', 'read_at']).where('id', '=', req.params.id).where('user_id', '=', user.id).executeTakeFirst();
      if (!n) throw new AppError('NOT_FOUND', '通知不存在', { details: { id: req.params.id } });
      const readAt = n.read_at ?? ctx.clock.now().toISOString();
      if (!n.read_at) await db.updateTable('notifications').set({ read_at: readAt }).where('id', '=', n.id).execute();
      return { id: n.id, readAt };
    });

    app.post('/api/notifications/read-all', { schema: { tags: ['calendar'], summary: '全部标记为已读' }, preHandler: auth }, async (req) => {
      const res = await ctx.db.kysely.updateTable('notifications').set({ read_at: ctx.clock.now().toISOString() }).where('user_id', '=', currentUser(req).id).where('read_at', 'is', null).executeTakeFirst();
      return { updated: Number(res.numUpdatedRows) };
    });
  };
}
