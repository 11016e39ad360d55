import type { Kysely } from 'kysely';

// Frozen once it lands: the records module (monthly reports, quarterly analysis, archive batches, destruction).
// Types chosen to behave the same on SQLite and PostgreSQL: text ids, dates and timestamps as text, booleans as 0/1.
export async function up(db: Kysely<any>): Promise<void> {
  // Ch. 6 (2): one report per branch and month; the submitted files are snapshotted (base64) so every app node serves them.
  await db.schema
    .createTable('monthly_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('due_provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('prepared_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_on', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('on_time', 'integer')
    .addColumn('complaint_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('xlsx_base64', 'text')
    .addColumn('pdf_base64', 'text')
    // Set when destruction erased the snapshot files (they held personal data of destroyed complaints).
    .addColumn('snapshot_erased_at', 'text')
    .addColumn('emailed_to', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('monthly_reports_unit_month_uq', ['unit_id', 'month'])
    .execute();

  // Ch. 6 (1): monthly archive per accepting unit; sealed batches never change except for hold and destruction.
  await db.schema
    .createTable('archive_batches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('medium', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('complaint_count', 'integer', (c) => c.notNull())
    .addColumn('sealed_at', 'text', (c) => c.notNull())
    .addColumn('sealed_on', 'text', (c) => c.notNull())
    .addColumn('sealed_by', 'text', (c) => c.notNull())
    .addColumn('retention_years', 'integer', (c) => c.notNull())
    .addColumn('retain_until', 'text', (c) => c.notNull())
    .addColumn('legal_hold', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('legal_hold_reason', 'text')
    .addColumn('destroyed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('archive_batches_unit_month_uq', ['unit_id', 'month'])
    .execute();

  await db.schema
    .createTable('destruction_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('batch_id', 'text', (c) => c.notNull().references('archive_batches.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_by', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('executed_at', 'text')
    .execute();

  // What was destroyed, kept for good: one row per complaint, with no personal data.
  await db.schema
    .createTable('destruction_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('destruction_requests.id'))
    .addColumn('batch_id', 'text', (c) => c.notNull())
    .addColumn('complaint_id', 'text', (c) => c.notNull())
    .addColumn('complaint_number', 'text', (c) => c.notNull())
    .addColumn('attachments_erased', 'integer', (c) => c.notNull())
    // JSON: what else was erased for the complaint (notifications, surveys, intake mail, monthly report snapshots).
    .addColumn('erased', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('destroyed_at', 'text', (c) => c.notNull())
    .addColumn('destroyed_by', 'text', (c) => c.notNull())
    .execute();

  // Ch. 6 (3): improvement measures for quarterly hotspots (business links and staff with many complaints).
  await db.schema
    .createTable('improvement_measures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('quarter', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', 'text')
    .addColumn('done_note', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('improvement_measures_quarter_idx').on('improvement_measures').column('quarter').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['improvement_measures', 'destruction_log', 'destruction_requests', 'archive_batches', 'monthly_reports']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
