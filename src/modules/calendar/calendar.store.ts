/**
 * Loads the administrators' calendar data (official years and overrides) from
 * the database into the in-memory BusinessCalendar every request uses, and
 * keeps each app node's copy in step with the latest calendar version.
 */
import type { Kysely } from 'kysely';
import { BusinessCalendar, type CalendarData, type CalendarEntry } from '../../calendar/calendar.js';
import type { Database } from '../../db/schema.js';
import type { AppContext } from '../../server/context.js';
import './calendar.tables.js';

/** The calendar version each context has loaded; other nodes' changes show up as a higher version in the database. */
const loadedVersion = new WeakMap<AppContext, number>();

/** Reads all admin calendar data as CalendarData (rows were validated when written). */
export async function readCalendarData(db: Kysely<Database>): Promise<CalendarData> {
  const rows = await db.selectFrom('calendar_entries').select(['source', 'year', 'date', 'kind', 'name']).orderBy('date').orderBy('id').execute();
  const officialYears: Record<number, CalendarEntry[]> = {};
  const overrides: CalendarEntry[] = [];
  for (const r of rows) {
    const entry: CalendarEntry = { date: r.date, kind: r.kind, ...(r.name ? { name: r.name } : {}) };
    if (r.source === 'official') (officialYears[Number(r.year)] ??= []).push(entry);
    else overrides.push(entry);
  }
  return { officialYears, overrides };
}

/** The newest calendar version number (0 before any change). */
export async function currentVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('calendar_versions').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
  return Number(row?.v ?? 0);
}

/** Builds the calendar from what the database holds now (inside a transaction: including its uncommitted changes). */
export async function buildCalendar(db: Kysely<Database>): Promise<BusinessCalendar> {
  return new BusinessCalendar(await readCalendarData(db));
}

/** Loads the calendar from the database and installs it in the context. Called at startup by the calendar plugin. */
export async function loadCalendar(ctx: AppContext): Promise<BusinessCalendar> {
  const version = await currentVersion(ctx.db.kysely);
  const cal = await buildCalendar(ctx.db.kysely);
  install(ctx, cal, version);
  return cal;
}

/** Installs a calendar built for `version` (after the transaction that made it committed); never goes back to an older version. */
export function install(ctx: AppContext, cal: BusinessCalendar, version: number): void {
  if ((loadedVersion.get(ctx) ?? -1) > version) return;
  ctx.setCalendar(cal);
  loadedVersion.set(ctx, version);
}

/**
 * Reloads when another app node changed the calendar since this one loaded it.
 * One cheap query; used before computing deadlines in requests and jobs.
 */
export async function refreshCalendarIfStale(ctx: AppContext): Promise<BusinessCalendar> {
  const version = await currentVersion(ctx.db.kysely);
  if (loadedVersion.get(ctx) === version) return ctx.calendar();
  return loadCalendar(ctx);
}
