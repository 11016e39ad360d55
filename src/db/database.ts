/**
 * The database handle: embedded SQLite by default, PostgreSQL when
 * DATABASE_URL is a postgres:// URL. Both run the same migrations.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration, type MigrationProvider } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Db {
  kysely: Kysely<Database>;
  dialect: DialectName;
  /** The PostgreSQL schema this handle is confined to, when not the default. */
  pgSchema?: string;
  close(): Promise<void>;
}

/** Open a database from a URL: `postgres://...` or a SQLite file path (or ':memory:'). */
export function openDatabase(url: string, opts: { pgSchema?: string } = {}): Db {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({
      connectionString: url,
      max: Number(process.env.PG_POOL_SIZE ?? 10),
      // Tests isolate each file in its own schema.
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { kysely, dialect: 'postgres', pgSchema: opts.pgSchema, close: () => kysely.destroy() };
  }
  if (url !== ':memory:') mkdirSync(dirname(url), { recursive: true });
  const sqlite = new SQLite(url);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { kysely, dialect: 'sqlite', close: () => kysely.destroy() };
}

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/** Run all pending migrations; throws with the failing migration's name. */
export async function migrate(db: Db): Promise<string[]> {
  // Name the schema explicitly: Kysely otherwise looks for its lock table in every schema and
  // can mistake another schema's for its own.
  const migrator = new Migrator({ db: db.kysely, provider: new StaticProvider(), ...(db.pgSchema ? { migrationTableSchema: db.pgSchema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Lock that serialises appends to a chain (audit log, counters) across app nodes on PostgreSQL. */
export async function lockChain(trx: Kysely<Database>, dialect: DialectName, key: number): Promise<void> {
  // SQLite runs one writer at a time already; PostgreSQL needs a transaction-scoped advisory lock.
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}

export const LOCK_AUDIT = 7301;
export const LOCK_COUNTER = 7302;
