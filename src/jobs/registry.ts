/** Scheduled jobs of the product. Each runs at most once per due time across all app nodes. */
import type { AppContext } from '../server/context.js';

export interface Job {
  name: string;
  /** Minutes between runs. */
  everyMinutes: number;
  run(ctx: AppContext, now: Date): Promise<void>;
}

export const JOBS: Job[] = [];
