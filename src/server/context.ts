/** Everything a command needs besides its input: the database, the clock and the calendar. */
import type { Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { Clock } from '../domain/dates.js';
import type { DeadlineCalendar, DeadlineRules } from '../domain/deadlines.js';

export interface AppContext {
  db: Db;
  clock: Clock;
  /** The calendar in force now (reloaded when administrators change it). */
  calendar(): DeadlineCalendar;
  rules: DeadlineRules;
}

export type Trx = Kysely<Database>;

/** Run `fn` in one transaction: everything it writes commits together or not at all. */
export function inTransaction<T>(ctx: AppContext, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return ctx.db.kysely.transaction().execute(fn);
}
