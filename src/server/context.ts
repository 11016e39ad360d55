/** Everything a command needs besides its input: the database, the clock, the calendar, mail and files. */
import type { Kysely } from 'kysely';
import type { BusinessCalendar } from '../calendar/calendar.js';
import { LOCK_AUDIT, lockChain, type Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { Clock } from '../domain/dates.js';
import type { DeadlineRules } from '../domain/deadlines.js';

export interface MailMessage {
  to: string | string[];
  subject: string;
  text: string;
  attachments?: { filename: string; content: Buffer; contentType?: string }[];
}

/** Outgoing mail; null in the context when SMTP is not configured. */
export interface Mailer {
  send(msg: MailMessage): Promise<void>;
}

export interface AppContext {
  db: Db;
  clock: Clock;
  /** The calendar in force now (replaced when administrators change it). */
  calendar(): BusinessCalendar;
  setCalendar(c: BusinessCalendar): void;
  rules: DeadlineRules;
  mailer: Mailer | null;
  /** Folder for attachments and export packages. */
  dataDir: string;
}

export type Trx = Kysely<Database>;

/**
 * Run `fn` in one transaction: everything it writes commits together or not at all.
 * On PostgreSQL the audit-chain lock is taken first, so every writer takes its locks
 * in the same order (chain, then rows) and concurrent writers queue instead of deadlocking,
 * as SQLite's single writer does anyway.
 */
export function inTransaction<T>(ctx: AppContext, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return ctx.db.kysely.transaction().execute(async (trx) => {
    await lockChain(trx, ctx.db.dialect, LOCK_AUDIT);
    return fn(trx);
  });
}
