/**
 * Sessions live in the database so any app node can serve any request. The
 * cookie carries a random token; only its SHA-256 is stored.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Role, UnitKind } from '../../domain/types.js';
import type { Actor } from '../../domain/workflow.js';

export const SESSION_COOKIE = 'cc_session';
export const SESSION_HOURS = 12;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(db: Kysely<Database>, userId: string, now: Date): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('sessions')
    .values({ id: digest(token), user_id: userId, created_at: now.toISOString(), expires_at: new Date(now.getTime() + SESSION_HOURS * 3600_000).toISOString() })
    .execute();
  return token;
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', digest(token)).execute();
}

export interface SessionUser extends Actor {
  username: string;
  displayName: string;
  unitName: string;
  unitCode: string;
  email: string | null;
}

/** The signed-in user for a token, or null when the session is unknown, expired or the user disabled. */
export async function userForToken(db: Kysely<Database>, token: string, now: Date): Promise<SessionUser | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.roles', 'users.email', 'users.disabled', 'units.id as unit_id', 'units.kind', 'units.name as unit_name', 'units.code as unit_code', 'sessions.expires_at'])
    .where('sessions.id', '=', digest(token))
    .executeTakeFirst();
  if (!row || row.disabled === 1 || row.expires_at <= now.toISOString()) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    roles: JSON.parse(row.roles) as Role[],
    unitId: row.unit_id,
    unitKind: row.kind as UnitKind,
    unitName: row.unit_name,
    unitCode: row.unit_code,
    email: row.email,
  };
}
