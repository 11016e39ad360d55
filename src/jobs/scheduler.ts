/**
 * Runs the registered jobs in-process, each once per time slot across all app
 * nodes.
 *
 * Why a lease table and not pg-boss: every node ticks, and the first to insert
 * the row (job, slot) into `job_runs` runs that slot; the others' INSERT ... ON
 * CONFLICT DO NOTHING inserts nothing and they skip. That is one statement
 * that behaves the same on SQLite (one node) and PostgreSQL (many nodes), needs
 * no extra schema or worker process, and survives a node dying (the next slot
 * is claimed afresh). The jobs are idempotent on their own as well (the
 * deadline monitor's notifications have a unique event key per user), so even
 * a slot run twice would not notify anyone twice.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { AppContext } from '../server/context.js';
import { JOBS, type Job } from './registry.js';
import '../modules/calendar/calendar.tables.js';

/** This process, as recorded in job_runs. */
export const NODE_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/** How long job_runs rows are kept. */
const KEEP_RUNS_DAYS = 30;

/** The start of the `everyMinutes` slot containing `now`, aligned to the epoch so all nodes agree. */
export function slotOf(now: Date, everyMinutes: number): string {
  const ms = everyMinutes * 60_000;
  return new Date(Math.floor(now.getTime() / ms) * ms).toISOString();
}

/**
 * Claims the job's current slot and, if this node won it, runs the job.
 * Returns true when this call ran the job. A failed run keeps its claim (the
 * next slot retries) and records the error.
 */
export async function runJobOnce(ctx: AppContext, job: Job, now: Date, node = NODE_ID): Promise<boolean> {
  const db = ctx.db.kysely;
  const slot = slotOf(now, job.everyMinutes);
  const claimed = await db
    .insertInto('job_runs')
    .values({ job: job.name, slot, node, started_at: new Date().toISOString(), finished_at: null, error: null })
    .onConflict((oc) => oc.columns(['job', 'slot']).doNothing())
    .returning('slot')
    .executeTakeFirst();
  if (!claimed) return false;
  try {
    await job.run(ctx, now);
    await db.updateTable('job_runs').set({ finished_at: new Date().toISOString() }).where('job', '=', job.name).where('slot', '=', slot).execute();
  } catch (e) {
    await db.updateTable('job_runs').set({ finished_at: new Date().toISOString(), error: String(e).slice(0, 1000) }).where('job', '=', job.name).where('slot', '=', slot).execute();
    throw e;
  }
  const cutoff = new Date(now.getTime() - KEEP_RUNS_DAYS * 86_400_000).toISOString();
  await db.deleteFrom('job_runs').where('job', '=', job.name).where('slot', '<', cutoff).execute();
  return true;
}

/** Starts the ticking; every tick tries each job whose slot this node has not handled yet. */
export function startJobs(ctx: AppContext, opts: { jobs?: Job[]; tickMs?: number } = {}): { stop(): Promise<void> } {
  const jobs = opts.jobs ?? JOBS;
  const lastSlot = new Map<string, string>();
  const running = new Map<string, Promise<unknown>>();
  let stopped = false;

  const tick = () => {
    if (stopped) return;
    const now = ctx.clock.now();
    for (const job of jobs) {
      const slot = slotOf(now, job.everyMinutes);
      if (lastSlot.get(job.name) === slot || running.has(job.name)) continue;
      lastSlot.set(job.name, slot);
      const p = (job.perNode ? job.run(ctx, now) : runJobOnce(ctx, job, now))
        .catch((e) => console.error(`job ${job.name} failed`, e))
        .finally(() => running.delete(job.name));
      running.set(job.name, p);
    }
  };
  tick();
  const timer = setInterval(tick, opts.tickMs ?? 30_000);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await Promise.all(running.values());
    },
  };
}
