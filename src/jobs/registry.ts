/** Scheduled jobs of the product. Each runs at most once per due time across all app nodes (see scheduler.ts). */
import { refreshCalendarIfStale } from '../modules/calendar/calendar.store.js';
import type { AppContext } from '../server/context.js';
import { runDeadlineMonitor } from './deadline-monitor.js';
import { runMonthlyReportWatch } from './monthly-report-watch.js';
import { runRetentionWatch } from './retention-watch.js';

export interface Job {
  name: string;
  /** Minutes between runs. */
  everyMinutes: number;
  run(ctx: AppContext, now: Date): Promise<void>;
  /** Run on every app node (e.g. refreshing in-memory state) instead of once across all nodes. */
  perNode?: boolean;
}

export const JOBS: Job[] = [
  { name: 'deadline-monitor', everyMinutes: 15, run: async (ctx, now) => void (await runDeadlineMonitor(ctx, now)) },
  // Reminds branches of a missing monthly report on its due day and escalates it once overdue.
  { name: 'monthly-report-watch', everyMinutes: 60, run: async (ctx, now) => void (await runMonthlyReportWatch(ctx, now)) },
  { name: 'retention-watch', everyMinutes: 24 * 60, run: async (ctx, now) => void (await runRetentionWatch(ctx, now)) },
  // Picks up calendar changes made on other app nodes, so new complaints get the same deadlines everywhere.
  { name: 'calendar-refresh', everyMinutes: 1, perNode: true, run: async (ctx) => void (await refreshCalendarIfStale(ctx)) },
];
import { monthlyReportJob } from '../modules/records/monthly-reports/monthly-report.job.js';
JOBS.push(monthlyReportJob);
