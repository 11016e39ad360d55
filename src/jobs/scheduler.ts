/** Runs the registered jobs in-process. */
import type { AppContext } from '../server/context.js';
import { JOBS } from './registry.js';

export function startJobs(ctx: AppContext): { stop(): Promise<void> } {
  const timers = JOBS.map((job) =>
    setInterval(() => {
      job.run(ctx, ctx.clock.now()).catch((e) => console.error(`job ${job.name} failed`, e));
    }, job.everyMinutes * 60_000),
  );
  return {
    async stop() {
      timers.forEach(clearInterval);
    },
  };
}
