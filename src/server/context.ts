/** Everything a command needs besides its input: the database, the clock, the calendar, mail and files. */
import type { Kysely } from 'kysely';
import type { BusinessCalendar } from '../calendar/calendar.js';
import type { Db } from '../db/database.js';
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

/** Run `fn` in one transaction: everything it writes commits together or not at all. */
export function inTransaction<T>(ctx: AppContext, fn: (trx: Trx) => Promise<T>): Promise<T> {
  return ctx.db.kysely.transaction().execute(fn);
}
