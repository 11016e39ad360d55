/**
 * Chases missing monthly reports (Ch. 6 (2), issue 3 "monthly reports not
 * submitted"): the report for the previous month is due on the N-th trading
 * day of this month. On that day every branch that has not submitted it is
 * reminded (its complaint managers and branch head); from the next day on it
 * is overdue and HQ's head is told as well. Event keys are unique per branch,
 * month and state, so repeated or concurrent runs never notify twice.
 */
import { formatCn } from '../calendar/dates.js';
import { shanghaiDate } from '../domain/dates.js';
import { monthlyReportDueOn } from '../domain/deadlines.js';
import { refreshCalendarIfStale } from '../modules/calendar/calendar.store.js';
import { flushEmails, notify } from '../modules/calendar/notifications.js';
import '../modules/records/records.tables.js';
import { inTransaction, type AppContext, type Trx } from '../server/context.js';

export interface MonthlyReportWatchResult {
  /** The month whose report is chased (YYYY-MM). */
  month: string;
  dueOn: string;
  /** Where today stands against the due day. */
  state: 'not_due' | 'due_today' | 'overdue';
  /** Branches without a submitted report (0 before the due day). */
  missing: number;
  /** Notifications newly stored by this run. */
  created: number;
}

/** The month before `month` (YYYY-MM). */
function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
}

async function usersWithRoles(trx: Trx, roles: string[], where: { unitId: string } | { hq: true }): Promise<string[]> {
  let qb = trx.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id').select(['users.id', 'users.roles']).where('users.disabled', '=', 0);
  qb = 'unitId' in where ? qb.where('users.unit_id', '=', where.unitId) : qb.where('units.kind', '=', 'hq');
  const rows = await qb.execute();
  return rows.filter((u) => (JSON.parse(u.roles) as string[]).some((r) => roles.includes(r))).map((u) => u.id);
}

/** One pass as of `now`. Safe to run repeatedly and on several nodes at once. */
export async function runMonthlyReportWatch(ctx: AppContext, now: Date): Promise<MonthlyReportWatchResult> {
  const cal = await refreshCalendarIfStale(ctx);
  const today = shanghaiDate(now);
  const month = previousMonth(today.slice(0, 7));
  const due = monthlyReportDueOn(cal, month, ctx.rules);
  const state = today < due.dueOn ? 'not_due' : today === due.dueOn ? 'due_today' : 'overdue';
  if (state === 'not_due') return { month, dueOn: due.dueOn, state, missing: 0, created: 0 };

  const db = ctx.db.kysely;
  const branches = await db.selectFrom('units').select(['id', 'name']).where('kind', '=', 'branch').where('active', '=', 1).orderBy('code').execute();
  const submitted = new Set(
    (await db.selectFrom('monthly_reports').select('unit_id').where('month', '=', month).where('status', '=', 'submitted').execute()).map((r) => r.unit_id),
  );
  const missing = branches.filter((b) => !submitted.has(b.id));
  const provisional = due.provisional ? '（暂定：该年度官方放假安排尚未发布）' : '';
  let created = 0;
  // One short transaction per branch, like the deadline monitor: one failure does not hold back the others.
  for (const b of missing) {
    created += await inTransaction(ctx, async (trx) => {
      // Re-checked inside the transaction: a report submitted since the list was read is not chased.
      const done = await trx.selectFrom('monthly_reports').select('id').where('unit_id', '=', b.id).where('month', '=', month).where('status', '=', 'submitted').executeTakeFirst();
      if (done) return 0;
      const local = await usersWithRoles(trx, ['complaint_manager', 'branch_head'], { unitId: b.id });
      const up = state === 'overdue' ? await usersWithRoles(trx, ['hq_head'], { hq: true }) : [];
      const title = state === 'due_today' ? `${b.name} ${month} 投诉月报今日到期` : `${b.name} ${month} 投诉月报逾期未报送`;
      const body =
        state === 'due_today'
          ? `${b.name} ${month} 的投诉月报应于今天（${formatCn(due.dueOn)}，本月第 ${ctx.rules.monthlyReportTradingDays} 个交易日）${provisional}报送经纪业务总部，目前尚未报送，请今日内完成。`
          : `${b.name} ${month} 的投诉月报应于 ${formatCn(due.dueOn)}${provisional} 前报送经纪业务总部，至今尚未报送。已同时提醒营业部负责人和经纪业务总部负责人督办。`;
      let n = 0;
      // Sorted so concurrent runs insert in the same order and cannot deadlock on the unique key.
      for (const userId of [...new Set([...local, ...up])].sort()) {
        const fresh = await notify(ctx, trx, {
          userId,
          eventKey: `monthly_report:${b.id}:${month}:${state}`,
          kind: state === 'due_today' ? 'monthly_report_due' : 'monthly_report_overdue',
          title,
          body,
        });
        if (fresh) n++;
      }
      return n;
    });
  }
  if (created > 0) await flushEmails(ctx);
  return { month, dueOn: due.dueOn, state, missing: missing.length, created };
}
