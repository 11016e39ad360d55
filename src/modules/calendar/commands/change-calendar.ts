/**
 * The three ways administrators change the calendar: load a year's official
 * schedule, set a single-day override (e.g. an exchange closure), remove an
 * override. Each change is one numbered version (who, when, why, what), is
 * audited, and recomputes open complaints' deadlines, all in the caller's
 * transaction. The caller installs the returned calendar after commit.
 */
import { randomUUID } from 'node:crypto';
import { BusinessCalendar, validateEntry, type CalendarEntry } from '../../../calendar/calendar.js';
import { lockChain } from '../../../db/database.js';
import { isIsoDate } from '../../../domain/dates.js';
import { AppError, invalid } from '../../../domain/errors.js';
import type { AppContext, Trx } from '../../../server/context.js';
import { appendAudit } from '../../audit/audit.js';
import { buildCalendar, currentVersion } from '../calendar.store.js';
import { recomputeOpenDeadlines } from '../recompute-deadlines.js';

/** Serialises calendar versions across app nodes on PostgreSQL (see lockChain). */
export const LOCK_CALENDAR = 7310;

/** Who made a change: a signed-in user, or the CLI (no user id). */
export interface CalendarActor {
  id: string | null;
  label: string;
}

export interface ChangeResult {
  version: number;
  calendar: BusinessCalendar;
  recomputed: number;
}

interface ChangeBase {
  ctx: AppContext;
  trx: Trx;
  actor: CalendarActor;
  reason: string;
}

/** A core validation error ("entries[2].date: ...") as a 400 naming that field. */
export function fieldError(e: unknown, fallbackField: string, stripPrefix = ''): AppError {
  if (e instanceof AppError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  const m = /^([A-Za-z_][\w.[\]]*):/.exec(msg);
  const field = m && m[1].startsWith(stripPrefix) ? m[1].slice(stripPrefix.length) : m?.[1];
  return invalid(field || fallbackField, m ? msg.slice(m[0].length).trim() : msg);
}

const keyOf = (e: CalendarEntry) => `${e.date}|${e.kind}|${e.name ?? ''}`;
const isExchangeKind = (k: string) => k === 'exchange_closed' || k === 'exchange_open';

async function commitChange(
  { ctx, trx, actor, reason }: ChangeBase,
  action: string,
  write: (version: number, at: string) => Promise<Record<string, unknown>>,
): Promise<ChangeResult> {
  if (!reason || !reason.trim()) throw invalid('reason', '请填写变更原因');
  const now = ctx.clock.now();
  const at = now.toISOString();
  await lockChain(trx, ctx.db.dialect, LOCK_CALENDAR);
  const version = (await currentVersion(trx)) + 1;
  const detail = await write(version, at);
  let calendar: BusinessCalendar;
  try {
    calendar = await buildCalendar(trx);
  } catch (e) {
    throw fieldError(e, 'entries');
  }
  const recomputed = await recomputeOpenDeadlines({ ctx, trx, calendar, calendarVersion: version, actorId: actor.id, now });
  await trx
    .insertInto('calendar_versions')
    .values({ version, at, actor_id: actor.id, actor_label: actor.label, action, reason: reason.trim(), detail: JSON.stringify(detail), recomputed })
    .execute();
  await appendAudit(trx, ctx.db.dialect, { actorId: actor.id, entityType: 'calendar', entityId: String(version), action, detail: { reason: reason.trim(), ...detail, recomputed } }, now);
  return { version, calendar, recomputed };
}

/** Validates a year number from a path or the CLI. */
export function parseYear(v: unknown): number {
  const year = Number(v);
  if (!Number.isInteger(year) || year < 1901 || year > 2099) throw invalid('year', `年份须为 1901-2099 之间的整数，收到 ${JSON.stringify(v)}`);
  return year;
}

export interface LoadYearOptions extends ChangeBase {
  year: number;
  entries: unknown[];
}

/** Loads (or replaces) a year's official schedule: its holidays and make-up working days. */
export async function loadOfficialYear(opts: LoadYearOptions): Promise<ChangeResult> {
  const { trx, year } = opts;
  if (!Array.isArray(opts.entries) || opts.entries.length === 0) throw invalid('entries', `请提供 ${year} 年的放假与调休安排`);
  let entries: CalendarEntry[];
  try {
    entries = opts.entries.map((e, i) => validateEntry(e, `entries[${i}]`));
  } catch (e) {
    throw fieldError(e, 'entries');
  }
  const strayAt = entries.findIndex((e) => Number(e.date.slice(0, 4)) !== year);
  if (strayAt >= 0) throw invalid(`entries[${strayAt}].date`, `${entries[strayAt].date} 不在 ${year} 年内`);
  // Same date and kind twice would only be noise in the history.
  entries = [...new Map(entries.map((e) => [`${e.date}|${e.kind}`, e])).values()];

  return commitChange(opts, 'calendar_load_year', async (version, at) => {
    const before = await trx.selectFrom('calendar_entries').select(['date', 'kind', 'name']).where('source', '=', 'official').where('year', '=', year).execute();
    const old = before.map((r) => ({ date: r.date, kind: r.kind, ...(r.name ? { name: r.name } : {}) }) as CalendarEntry);
    const oldKeys = new Set(old.map(keyOf));
    const newKeys = new Set(entries.map(keyOf));
    await trx.deleteFrom('calendar_entries').where('source', '=', 'official').where('year', '=', year).execute();
    for (const e of entries) {
      await trx.insertInto('calendar_entries').values({ id: randomUUID(), source: 'official', year, date: e.date, kind: e.kind, name: e.name ?? null, version, created_at: at }).execute();
    }
    return {
      year,
      entries: entries.length,
      holidays: entries.filter((e) => e.kind === 'holiday').length,
      makeupWorkdays: entries.filter((e) => e.kind === 'makeup_workday').length,
      replacedPrevious: old.length > 0,
      added: entries.filter((e) => !oldKeys.has(keyOf(e))),
      removed: old.filter((e) => !newKeys.has(keyOf(e))),
    };
  });
}

export interface SetOverrideOptions extends ChangeBase {
  entry: unknown;
}

/**
 * Sets a single-day override. It replaces an earlier override of the same
 * sort on that date (day status: holiday / working day; or exchange status),
 * so the result never depends on the order rows are read back.
 */
export async function setOverride(opts: SetOverrideOptions): Promise<ChangeResult> {
  let entry: CalendarEntry;
  try {
    entry = validateEntry(opts.entry, 'override');
  } catch (e) {
    throw fieldError(e, 'date', 'override.');
  }
  const { trx } = opts;
  return commitChange(opts, 'calendar_set_override', async (version, at) => {
    const sameDate = await trx.selectFrom('calendar_entries').select(['id', 'kind', 'name']).where('source', '=', 'override').where('date', '=', entry.date).execute();
    const replaced = sameDate.filter((r) => isExchangeKind(r.kind) === isExchangeKind(entry.kind));
    if (replaced.length) await trx.deleteFrom('calendar_entries').where('id', 'in', replaced.map((r) => r.id)).execute();
    await trx
      .insertInto('calendar_entries')
      .values({ id: randomUUID(), source: 'override', year: Number(entry.date.slice(0, 4)), date: entry.date, kind: entry.kind, name: entry.name ?? null, version, created_at: at })
      .execute();
    return { date: entry.date, kind: entry.kind, name: entry.name ?? null, replaced: replaced.map((r) => ({ kind: r.kind, name: r.name })) };
  });
}

export interface RemoveOverrideOptions extends ChangeBase {
  date: string;
}

/** Removes every override on a date; 404 when there is none. */
export async function removeOverride(opts: RemoveOverrideOptions): Promise<ChangeResult> {
  const { trx, date } = opts;
  if (!isIsoDate(date)) throw invalid('date', `日期须为 YYYY-MM-DD，收到 ${JSON.stringify(date)}`);
  return commitChange(opts, 'calendar_remove_override', async () => {
    // Checked under the calendar lock, so two nodes removing the same override cannot both record a version.
    const rows = await trx.selectFrom('calendar_entries').select(['id', 'kind', 'name']).where('source', '=', 'override').where('date', '=', date).execute();
    if (rows.length === 0) throw new AppError('NOT_FOUND', `${date} 没有单日调整`, { details: { date } });
    await trx.deleteFrom('calendar_entries').where('source', '=', 'override').where('date', '=', date).execute();
    return { date, removed: rows.map((r) => ({ kind: r.kind, name: r.name })) };
  });
}
