import { PostgresAdapter, sql, type Kysely } from 'kysely';

// Frozen: never edit after it lands. Types chosen to behave the same on SQLite and PostgreSQL.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('units')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text')
    .addColumn('approval_levels', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('email', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('complaints')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('accepting_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('handling_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('accepted_on', 'text', (c) => c.notNull())
    .addColumn('accepted_by', 'text')
    .addColumn('accepted_at', 'text', (c) => c.notNull())
    .addColumn('backdate_reason', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('channel_details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('business_link', 'text')
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('customer_phone', 'text')
    .addColumn('customer_email', 'text')
    .addColumn('customer_address', 'text')
    .addColumn('account_number', 'text')
    .addColumn('id_number', 'text')
    .addColumn('occurred_at', 'text')
    .addColumn('location', 'text')
    .addColumn('involved_staff', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('narrative', 'text', (c) => c.notNull())
    .addColumn('preliminary_opinion', 'text')
    .addColumn('manager_id', 'text')
    .addColumn('transferred_at', 'text')
    .addColumn('transfer_late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('investigation_due_on', 'text', (c) => c.notNull())
    .addColumn('feedback_due_on', 'text', (c) => c.notNull())
    .addColumn('due_provisional', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('regulator_case_number', 'text')
    .addColumn('regulator_due_on', 'text')
    .addColumn('findings', 'text')
    .addColumn('outcome_class', 'text')
    .addColumn('no_fault_reason', 'text')
    .addColumn('handling_opinion', 'text')
    .addColumn('coordination_departments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('drafted_by', 'text')
    .addColumn('draft_editors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('round', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('approval_chain', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('approval_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitted_on', 'text')
    .addColumn('first_submitted_on', 'text')
    .addColumn('approved_on', 'text')
    .addColumn('feedback', 'text')
    .addColumn('feedback_on', 'text')
    .addColumn('first_feedback_on', 'text')
    .addColumn('verification', 'text')
    .addColumn('verification_flagged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('malicious', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('malicious_reason', 'text')
    .addColumn('legal_review', 'text')
    .addColumn('withdrawn_reason', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('tracking_code', 'text', (c) => c.unique())
    .addColumn('repeat_of_id', 'text')
    .addColumn('imported', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('archive_batch_id', 'text')
    .addColumn('legal_hold', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('complaints_status_idx').on('complaints').column('status').execute();
  await db.schema.createIndex('complaints_accepting_idx').on('complaints').columns(['accepting_unit_id', 'accepted_on']).execute();
  await db.schema.createIndex('complaints_handling_idx').on('complaints').column('handling_unit_id').execute();
  await db.schema.createIndex('complaints_customer_idx').on('complaints').column('customer_name').execute();

  await db.schema
    .createTable('rectifications')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rectifications_complaint_idx').on('rectifications').column('complaint_id').execute();

  await db.schema
    .createTable('accountability_actions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('person', 'text', (c) => c.notNull())
    .addColumn('measure', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('approvals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('approver_id', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('approvals_complaint_idx').on('approvals').column('complaint_id').execute();

  await db.schema
    .createTable('coordination_tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('done_at', 'text')
    .addColumn('done_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('callbacks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('complaint_id', 'text', (c) => c.notNull().references('complaints.id'))
    .addColumn('round', 'integer', (c) => c.notNull())
    .addColumn('called_by', 'text', (c) => c.notNull())
    .addColumn('called_at', 'text', (c) => c.notNull())
    .addColumn('satisfaction', 'text', (c) => c.notNull())
    .addColumn('rectification_done', 'integer', (c) => c.notNull())
    .addColumn('rectification_effective', 'integer', (c) => c.notNull())
    .addColumn('handling_proper', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_entity_idx').on('audit_log').columns(['entity_type', 'entity_id']).execute();
  // The trail is append-only in the database itself, not only by convention of the code.
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`create function audit_log_append_only() returns trigger as $$ begin raise exception 'audit_log is append-only'; end $$ language plpgsql`.execute(db);
    await sql`create trigger audit_log_append_only before update or delete on audit_log for each row execute function audit_log_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }

  await db.schema
    .createTable('counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('business_links')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`drop function if exists audit_log_append_only() cascade`.execute(db);
  for (const t of [
    'business_links', 'settings', 'counters', 'audit_log', 'callbacks', 'coordination_tasks', 'approvals',
    'accountability_actions', 'rectifications', 'complaints', 'sessions', 'users', 'units',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
