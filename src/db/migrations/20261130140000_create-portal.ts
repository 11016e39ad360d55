import type { Kysely } from 'kysely';

// Frozen once it lands: the portal module (online complaint challenges, satisfaction surveys).
// Types chosen to behave the same on SQLite and PostgreSQL: text ids, timestamps as ISO text.
export async function up(db: Kysely<any>): Promise<void> {
  // One-use arithmetic challenges of the public complaint form; only a hash of the answer is kept.
  await db.schema
    .createTable('portal_challenges')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('answer_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();
  await db.schema.createIndex('portal_challenges_expires_idx').on('portal_challenges').column('expires_at').execute();

  // The customer's own answer to the satisfaction survey, one per complaint and handling round.
  await db.schema
    .createTable('portal_surveys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('satisfaction', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('portal_surveys_complaint_round_uq', ['complaint_id', 'round'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('portal_surveys').ifExists().execute();
  await db.schema.dropTable('portal_challenges').ifExists().execute();
}
