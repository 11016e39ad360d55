/**
 * Parsers for holiday schedules an administrator imports: JSON or a simple
 * iCalendar (.ics) file such as the ones published by chinese-days.
 * All parsers return CalendarEntry[] and throw an Error (RangeError for
 * field validation) naming the line or field at fault.
 */
import { validateEntry, type CalendarEntry } from './calendar.js';
import { addDays, isIsoDate, toDayNumber, yearOf } from './dates.js';
import { normalizeHolidayName } from './official-data.js';

/** Parses JSON or ICS text, choosing by its first non-blank character / line. */
export function parseSchedule(text: string): CalendarEntry[] {
  const t = text.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('[') || t.startsWith('{')) return parseScheduleJson(t);
  if (/^BEGIN:VCALENDAR/i.test(t)) return parseIcs(t);
  throw new Error('Unrecognised schedule format: expected JSON ([...] or {...}) or iCalendar (BEGIN:VCALENDAR)');
}

/**
 * Parses JSON: either an array of CalendarEntry, or one year's notice
 * `{ year, holidays: [{ date } | { from, to }, name], makeupWorkdays: [date] }`.
 */
export function parseScheduleJson(text: string): CalendarEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new Error(`Invalid JSON: ${(e as Error).message}`);
  }
  if (Array.isArray(data)) return data.map((e, i) => validateEntry(e, `[${i}]`));
  if (typeof data !== 'object' || data === null) throw new Error('JSON must be an array of entries or a {year, holidays, makeupWorkdays} object');
  return parseYearObject(data as Record<string, unknown>);
}

function parseYearObject(o: Record<string, unknown>): CalendarEntry[] {
  const year = o.year;
  if (!Number.isInteger(year)) throw new Error(`year: expected an integer, got ${JSON.stringify(year)}`);
  const date = (v: unknown, where: string): string => {
    if (!isIsoDate(v)) throw new Error(`${where}: invalid date ${JSON.stringify(v)}, expected YYYY-MM-DD`);
    toDayNumber(v, where); // year range check
    if (yearOf(v) !== year) throw new Error(`${where}: ${v} is not in year ${year}`);
    return v;
  };
  const list = (key: string): unknown[] => {
    const v = o[key] ?? [];
    if (!Array.isArray(v)) throw new Error(`${key}: expected an array`);
    return v;
  };

  const out: CalendarEntry[] = [];
  list('holidays').forEach((h, i) => {
    const where = `holidays[${i}]`;
    if (typeof h !== 'object' || h === null) throw new Error(`${where}: expected {date, name} or {from, to, name}`);
    const { date: d, from, to, name } = h as Record<string, unknown>;
    if (typeof name !== 'string' || !name.trim()) throw new Error(`${where}.name: required`);
    const start = date(d ?? from, `${where}.${d !== undefined ? 'date' : 'from'}`);
    const end = d !== undefined ? start : date(to, `${where}.to`);
    if (end < start) throw new Error(`${where}: to ${end} is before from ${start}`);
    for (let x = start; x <= end; x = addDays(x, 1)) out.push({ date: x, kind: 'holiday', name: normalizeHolidayName(name) });
  });
  list('makeupWorkdays').forEach((d, i) => {
    out.push({ date: date(d, `makeupWorkdays[${i}]`), kind: 'makeup_workday' });
  });
  return out;
}

/** Unfolds RFC 5545 continuation lines, keeping each logical line's starting line number. */
function unfold(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    if (/^[ \t]/.test(raw) && out.length) out[out.length - 1].text += raw.slice(1);
    else out.push({ line: i + 1, text: raw });
  });
  return out;
}

/** Summary marks a make-up working day: '补班', '上班', or chinese-days' '(班)'. */
const MAKEUP_RE = /补班|上班|[（(]班[）)]/;

/**
 * Parses all-day VEVENTs (DTSTART;VALUE=DATE, optional DTEND, exclusive per
 * RFC 5545) with a SUMMARY. A summary containing 补班 / 上班 / (班) is a
 * make-up working day, otherwise a holiday named by the summary (a trailing
 * '(休)' is dropped).
 */
export function parseIcs(text: string): CalendarEntry[] {
  const out: CalendarEntry[] = [];
  let ev: { line: number; start?: string; end?: string; summary?: string } | null = null;
  for (const { line, text: l } of unfold(text)) {
    if (!l.trim()) continue;
    const colon = l.indexOf(':');
    if (colon < 0) throw new Error(`ICS line ${line}: expected NAME:VALUE, got ${JSON.stringify(l)}`);
    const name = l.slice(0, colon).split(';')[0].toUpperCase();
    const value = l.slice(colon + 1).trim();
    if (name === 'BEGIN' && value.toUpperCase() === 'VEVENT') {
      if (ev) throw new Error(`ICS line ${line}: VEVENT started inside the VEVENT of line ${ev.line}`);
      ev = { line };
    } else if (name === 'END' && value.toUpperCase() === 'VEVENT') {
      if (!ev) throw new Error(`ICS line ${line}: END:VEVENT without BEGIN:VEVENT`);
      out.push(...eventEntries(ev));
      ev = null;
    } else if (ev && name === 'DTSTART') ev.start = icsDate(value, line, 'DTSTART');
    else if (ev && name === 'DTEND') ev.end = icsDate(value, line, 'DTEND');
    else if (ev && name === 'SUMMARY') ev.summary = value.replace(/\\([,;\\])/g, '$1').replace(/\\n/gi, ' ').trim();
  }
  if (ev) throw new Error(`ICS line ${ev.line}: VEVENT is not closed by END:VEVENT`);
  return out;
}

function icsDate(value: string, line: number, field: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!m) throw new Error(`ICS line ${line}: ${field} ${JSON.stringify(value)} is not an all-day date (expected YYYYMMDD)`);
  const iso = `${m[1]}-${m[2]}-${m[3]}`;
  if (!isIsoDate(iso)) throw new Error(`ICS line ${line}: ${field} ${value} is not a real date`);
  toDayNumber(iso, `ICS line ${line}: ${field}`); // year range check
  return iso;
}

function eventEntries(ev: { line: number; start?: string; end?: string; summary?: string }): CalendarEntry[] {
  if (!ev.start) throw new Error(`ICS VEVENT at line ${ev.line}: missing DTSTART`);
  if (!ev.summary) throw new Error(`ICS VEVENT at line ${ev.line}: missing SUMMARY`);
  // DTEND is exclusive for all-day events; absent means a one-day event.
  const end = ev.end ?? addDays(ev.start, 1);
  if (end <= ev.start) throw new Error(`ICS VEVENT at line ${ev.line}: DTEND ${end} is not after DTSTART ${ev.start}`);
  const makeup = MAKEUP_RE.test(ev.summary);
  const name = normalizeHolidayName(ev.summary.replace(/[（(][休班][）)]\s*$/, ''));
  const out: CalendarEntry[] = [];
  for (let d = ev.start; d < end; d = addDays(d, 1)) {
    out.push(makeup ? { date: d, kind: 'makeup_workday', name } : { date: d, kind: 'holiday', name });
  }
  return out;
}

/** Groups entries by the year of their date, ready for CalendarData.officialYears. */
export function groupByYear(entries: CalendarEntry[]): Record<number, CalendarEntry[]> {
  const out: Record<number, CalendarEntry[]> = {};
  for (const e of entries) (out[yearOf(e.date)] ??= []).push(e);
  return out;
}
