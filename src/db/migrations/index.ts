import type { Migration } from 'kysely';
import * as createCore from './20261130090000_create-core.js';
import * as createAttachments from './20261130110000_create-attachments.js';
import * as createCalendar from './20261130120000_create-calendar.js';
import * as createRecords from './20261130130000_create-records.js';
import * as createPortal from './20261130140000_create-portal.js';
import * as createIntake from './20261130150000_create-intake.js';

/** Every migration, by name; names sort in the order they run. Add new ones at the end. */
export const migrations: Record<string, Migration> = {
  '20261130090000_create-core': createCore,
  '20261130110000_create-attachments': createAttachments,
  '20261130120000_create-calendar': createCalendar,
  '20261130130000_create-records': createRecords,
  '20261130140000_create-portal': createPortal,
  '20261130150000_create-intake': createIntake,
};
