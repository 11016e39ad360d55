import type { Kysely } from 'kysely';

// Frozen once it lands: the portal module (online complaint challenges, satisfaction surveys).
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
