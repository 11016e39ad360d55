import type { Kysely } from 'kysely';

// Frozen once it lands: the records module (monthly reports, quarterly analysis, archive batches, destruction).
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
