/** Route plugin of this module: 日历、期限监控、通知（owned by the calendar module). */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { calendarRoutes } from './calendar.routes.js';
import { loadCalendar, refreshCalendarIfStale } from './calendar.store.js';
import { dashboardRoutes } from './dashboard.routes.js';
import { notificationRoutes } from './notifications.routes.js';

export { loadCalendar } from './calendar.store.js';
export { notify, flushEmails } from './notifications.js';

/**
 * Loads the administrators' calendar data into the context, keeps it current
 * on every API request, and registers the module's routes.
 */
export function calendarPlugin(ctx: AppContext) {
  const plugin = async (app: FastifyInstance): Promise<void> => {
    // Before any route serves: the app must never compute a deadline on the shipped data alone
    // when administrators have loaded a newer year or overrides.
    await loadCalendar(ctx);
    // With several app nodes, a change made on another node must be in force before this node
    // accepts a complaint (its deadlines are fixed at acceptance): one indexed max() per request.
    app.addHook('onRequest', async (req) => {
      if (req.url.startsWith('/api/')) await refreshCalendarIfStale(ctx);
    });
    await app.register(calendarRoutes(ctx));
    await app.register(notificationRoutes(ctx));
    await app.register(dashboardRoutes(ctx));
  };
  // Not encapsulated (what fastify-plugin does), so the hook above also covers the other modules' routes.
  Object.assign(plugin, { [Symbol.for('skip-override')]: true });
  return plugin;
}
