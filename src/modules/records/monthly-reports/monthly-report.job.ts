/** The scheduled job: prepare monthly report drafts on the first trading day and remind branches (see prepareMonthlyDrafts). */
import type { Job } from '../../../jobs/registry.js';
import { prepareMonthlyDrafts } from './monthly-reports.js';

export const monthlyReportJob: Job = {
  name: 'monthly-report-drafts',
  // Hourly is plenty: the work is idempotent and only happens on one day a month.
  everyMinutes: 60,
  async run(ctx, now) {
    await prepareMonthlyDrafts(ctx, now);
  },
};
