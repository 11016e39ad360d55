import type { Kysely } from 'kysely';

// Frozen once it lands: the calendar module (calendar entries, versions, notifications, job runs).
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
