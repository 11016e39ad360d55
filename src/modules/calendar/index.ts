/** Route plugin of this module: 日历、期限监控、通知（owned by the calendar module). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { calendarRoutes } from './calendar.routes.js';
import { loadCalendar } from './calendar.store.js';
import { dashboardRoutes } from './dashboard.routes.js';
import { notificationRoutes } from './notifications.routes.js';

export { loadCalendar } from './calendar.store.js';
export { notify, flushEmails } from './notifications.js';

/** Loads the administrators' calendar data into the context, then registers the module's routes. */
export function calendarPlugin(ctx: AppContext) {
  return async (app: FastifyInstance): Promise<void> => {
    // Before any route serves: the app must never compute a deadline on the shipped data alone
    // when administrators have loaded a newer year or overrides.
    await loadCalendar(ctx);
    await app.register(calendarRoutes(ctx));
    await app.register(notificationRoutes(ctx));
    await app.register(dashboardRoutes(ctx));
  };
}
