import type { Migration } from 'kysely';
import * as createCore from './20261130090000_create-core.js';

/** Every migration, by name; names sort in the order they run. Add new ones at the end. */
export const migrations: Record<string, Migration> = {
  '20261130090000_create-core': createCore,
};
