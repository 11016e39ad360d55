/** Row types of the calendar module's tables (migration 20261130120000_create-calendar). */
import type { CalendarEntry } from '../../calendar/calendar.js';

export interface CalendarVersionsTable {
  version: number;
  at: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  reason: string;
  /** JSON */
  detail: string;
  recomputed: number;
}

export interface CalendarEntriesTable {
  id: string;
  /** 'official': part of an admin-loaded year; 'override': single-day override. */
  source: 'official' | 'override';
  year: number;
  date: string;
  kind: CalendarEntry['kind'];
  name: string | null;
  version: number;
  created_at: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  event_key: string;
  kind: string;
  title: string;
  body: string;
  complaint_id: string | null;
  created_at: string;
  read_at: string | null;
  email_to: string | null;
  email_claimed_at: string | null;
  sent_at: string | null;
  email_error: string | null;
}

export interface JobRunsTable {
  job: string;
  slot: string;
  node: string;
  started_at: string;
  finished_at: string | null;
  error: string | null;
}

declare module '../../db/schema.js' {
  interface Database {
    calendar_versions: CalendarVersionsTable;
    calendar_entries: CalendarEntriesTable;
    notifications: NotificationsTable;
    job_runs: JobRunsTable;
  }
}
