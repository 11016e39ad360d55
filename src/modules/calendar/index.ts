/** Route plugin of this module: 日历、期限监控、通知（owned by the calendar module). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';

export function calendarPlugin(_ctx: AppContext) {
  return async (_app: FastifyInstance): Promise<void> => {};
}
