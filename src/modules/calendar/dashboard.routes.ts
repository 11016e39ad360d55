/** The deadline dashboard: what is due today, due soon, overdue, or transferred late, within the user's data scope. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { shanghaiDate } from '../../domain/dates.js';
import { authenticate, currentUser } from '../../server/auth.js';
import type { AppContext } from '../../server/context.js';
import { findDeadlineHits, workingDayAfter, type DeadlineHit, type DeadlineState } from './deadline-status.js';

/** "Due soon" means within the next two working days after today. */
export const DUE_SOON_WORKING_DAYS = 2;

const present = (h: DeadlineHit) => ({
  id: h.row.id,
  number: h.row.number,
  customerName: h.row.customer_name,
  stage: h.stage,
  dueOn: h.dueOn,
  provisional: h.stage !== 'transfer' && h.row.due_provisional === 1,
});

export function dashboardRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/dashboard/deadlines', { schema: { tags: ['complaints'], summary: '期限看板：今日到期、即将到期、已逾期、未当日转交' }, preHandler: authenticate(ctx) }, async (req) => {
      const actor = currentUser(req);
      const cal = ctx.calendar();
      const today = shanghaiDate(ctx.clock.now());
      const dueSoonUntil = workingDayAfter(cal, today, DUE_SOON_WORKING_DAYS);
      const hits = await findDeadlineHits(ctx.db.kysely, today, dueSoonUntil, actor);
      const list = (state: DeadlineState) =>
        hits
          .filter((h) => h.state === state)
          .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.row.number.localeCompare(b.row.number))
          .map(present);
      const dueToday = list('due_today');
      const dueSoon = list('due_soon');
      const overdue = list('overdue');
      const transferLate = list('transfer_late');
      return {
        today,
        dueSoonUntil,
        counts: { dueToday: dueToday.length, dueSoon: dueSoon.length, overdue: overdue.length, transferLate: transferLate.length },
        dueToday,
        dueSoon,
        overdue,
        transferLate,
      };
    });
  };
}
