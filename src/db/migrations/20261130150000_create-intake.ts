import type { Kysely } from 'kysely';

// Frozen once it lands: messages received by the email intake, one row per Message-ID so a
// redelivered message never makes a second complaint.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('intake_messages')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('mail_from', 'text', (c) => c.notNull())
    .addColumn('rcpt_to', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('intake_messages').execute();
}
