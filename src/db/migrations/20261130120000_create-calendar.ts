import type { Kysely } from 'kysely';

// Frozen once it lands: the calendar module (calendar entries, versions, notifications, job runs).
// Types chosen to behave the same on SQLite and PostgreSQL (text dates/timestamps, 0/1 integers).
export async function up(db: Kysely<any>): Promise<void> {
  // Every change of the calendar is one numbered version: who, when, why and what changed.
  await db.schema
    .createTable('calendar_versions')
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    /** Who, in words, also for changes made from the CLI (no user id). */
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    /** JSON: what changed (year, added/removed entries, override before/after). */
    .addColumn('detail', 'text', (c) => c.notNull())
    /** How many open complaints had their deadlines recomputed. */
    .addColumn('recomputed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // The entries in force: admin-loaded official years (source 'official') and single-day overrides.
  await db.schema
    .createTable('calendar_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('calendar_entries_source_idx').on('calendar_entries').columns(['source', 'year', 'date']).execute();

  // Per-user inbox. The unique (user, event) key makes every notification idempotent, across app nodes too.
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('event_key', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('complaint_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    /** Address to email, or null when no email is due (no SMTP or no address). */
    .addColumn('email_to', 'text')
    /** Set by the node that took the email for sending, so no two nodes send it. */
    .addColumn('email_claimed_at', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('email_error', 'text')
    .addUniqueConstraint('notifications_user_event_uq', ['user_id', 'event_key'])
    .execute();
  await db.schema.createIndex('notifications_user_idx').on('notifications').columns(['user_id', 'read_at']).execute();

  // Lease per job and time slot: the node that inserts the row runs the job for that slot.
  await db.schema
    .createTable('job_runs')
    .addColumn('job', 'text', (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('node', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('job_runs_pk', ['job', 'slot'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['job_runs', 'notifications', 'calendar_entries', 'calendar_versions']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
