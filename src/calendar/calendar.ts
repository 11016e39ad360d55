/**
 * Business calendar: working days and SSE/SZSE trading days, and the
 * "N-th working day counted from and including day X" deadline rule
 * (SPEC section 5). Pure: all data comes from chinese-days, the statutory
 * rules, and the CalendarData passed in.
 */
import { addDays, formatCn, isIsoDate, isWeekend, toDayNumber, weekdayCn, yearOf } from './dates.js';
import { isOfficialYear, officialDataYears, officialDay } from './official-data.js';
import { statutoryHolidays } from './statutory.js';

/** Where a day's status comes from: official notice data, statutory rules only (暂定), or an admin override. */
export type DaySource = 'official' | 'provisional' | 'override';

/** Status of one calendar date. */
export interface DayInfo {
  /** YYYY-MM-DD */
  date: string;
  /** Counts for working-day deadlines. */
  workingDay: boolean;
  /** SSE/SZSE trading day. */
  tradingDay: boolean;
  /** Chinese name of the holiday when the day is a day off for a holiday. */
  holidayName?: string;
  /** Weekend day that is a working day by 调休 (never a trading day). */
  makeupWorkday: boolean;
  source: DaySource;
}

/** Kinds of calendar entries an administrator can enter. */
export const ENTRY_KINDS = ['holiday', 'makeup_workday', 'exchange_closed', 'exchange_open', 'working_day'] as const;

/**
 * An administrator's entry: a year's official schedule typed from the State
 * Council notice, or a single-day override.
 * - holiday: day off (not working, not trading);
 * - makeup_workday / working_day: working day (e.g. 调休上班, or cancelling a
 *   holiday); trading only if it is Monday-Friday;
 * - exchange_closed / exchange_open: change the trading status only.
 */
export interface CalendarEntry {
  date: string;
  kind: 'holiday' | 'makeup_workday' | 'exchange_closed' | 'exchange_open' | 'working_day';
  name?: string;
}

/** Admin-supplied calendar data layered over chinese-days. */
export interface CalendarData {
  /** Official schedules for years chinese-days lacks (or to replace a year entirely): holidays + make-up days, all dated within that year. */
  officialYears?: Record<number, CalendarEntry[]>;
  /** Single-day overrides; they take precedence over everything and mark the day source 'override'. */
  overrides?: CalendarEntry[];
}

/** Result of a deadline computation. */
export interface DueResult {
  /** The due date, YYYY-MM-DD. */
  dueOn: string;
  /** True if any day from `from` through `dueOn` was computed without official data. */
  provisional: boolean;
  /** Chinese explanation listing the skipped days. */
  explanation: string;
  /** Days between `from` and `dueOn` that did not count, in order. */
  skipped: DayInfo[];
}

/** Appended to explanations of deadlines that depend on a year without an official schedule. */
export const PROVISIONAL_NOTE = '（该年度官方放假安排尚未发布，按法定节假日推算，日期为暂定）';

/** Upper bound for n, so a typo cannot make the loop run for centuries. */
const MAX_N = 3660;

/**
 * Validates one entry; `where` names it in the error message.
 * @throws RangeError naming the field at fault.
 */
export function validateEntry(e: unknown, where: string): CalendarEntry {
  if (typeof e !== 'object' || e === null) throw new RangeError(`${where}: expected an object {date, kind, name?}`);
  const { date, kind, name } = e as Record<string, unknown>;
  if (!isIsoDate(date)) throw new RangeError(`${where}.date: invalid date ${JSON.stringify(date)}, expected YYYY-MM-DD`);
  toDayNumber(date, `${where}.date`);
  if (!(ENTRY_KINDS as readonly unknown[]).includes(kind)) {
    throw new RangeError(`${where}.kind: ${JSON.stringify(kind)} is not one of ${ENTRY_KINDS.join(', ')}`);
  }
  if (name !== undefined && typeof name !== 'string') throw new RangeError(`${where}.name: must be a string`);
  return { date, kind: kind as CalendarEntry['kind'], ...(name ? { name } : {}) };
}

/** Applies one entry to a day; see CalendarEntry for the meaning of each kind. */
function apply(day: DayInfo, e: CalendarEntry): void {
  const weekend = isWeekend(day.date);
  switch (e.kind) {
    case 'holiday':
      day.workingDay = false;
      day.tradingDay = false;
      day.makeupWorkday = false;
      day.holidayName = e.name || '节假日';
      break;
    case 'makeup_workday':
    case 'working_day':
      day.workingDay = true;
      day.tradingDay = !weekend;
      day.makeupWorkday = weekend;
      delete day.holidayName;
      break;
    case 'exchange_closed':
      day.tradingDay = false;
      break;
    case 'exchange_open':
      day.tradingDay = true;
      break;
  }
}

/** Status changes first, then exchange-only changes, so the latter are never undone. */
const isExchangeKind = (e: CalendarEntry): boolean => e.kind === 'exchange_closed' || e.kind === 'exchange_open';

function groupByDate(entries: CalendarEntry[]): Map<string, CalendarEntry[]> {
  const map = new Map<string, CalendarEntry[]>();
  for (const e of entries) map.set(e.date, [...(map.get(e.date) ?? []), e]);
  for (const list of map.values()) list.sort((a, b) => Number(isExchangeKind(a)) - Number(isExchangeKind(b)));
  return map;
}

/**
 * Working-day and trading-day calendar. Precedence per date: override >
 * admin-loaded official year > chinese-days (2004-2026) > statutory rules
 * (source 'provisional').
 */
export class BusinessCalendar {
  private readonly adminYears = new Map<number, Map<string, CalendarEntry[]>>();
  private readonly overrides: Map<string, CalendarEntry[]>;

  /** @throws RangeError on an invalid entry, or an official-year entry dated outside its year. */
  constructor(data: CalendarData = {}) {
    for (const [key, entries] of Object.entries(data.officialYears ?? {})) {
      const year = Number(key);
      if (!Number.isInteger(year)) throw new RangeError(`officialYears: ${JSON.stringify(key)} is not a year`);
      const valid = (entries ?? []).map((e, i) => validateEntry(e, `officialYears[${year}][${i}]`));
      const stray = valid.find((e) => yearOf(e.date) !== year);
      if (stray) throw new RangeError(`officialYears[${year}]: entry ${stray.date} is not in ${year}`);
      this.adminYears.set(year, groupByDate(valid));
    }
    this.overrides = groupByDate((data.overrides ?? []).map((e, i) => validateEntry(e, `overrides[${i}]`)));
  }

  /**
   * Status of one date.
   * @throws RangeError for anything but a real YYYY-MM-DD date in 1901-2099.
   */
  day(date: string): DayInfo {
    toDayNumber(date);
    const year = yearOf(date);
    const weekday = !isWeekend(date);
    const day: DayInfo = { date, workingDay: weekday, tradingDay: weekday, makeupWorkday: false, source: 'official' };

    const admin = this.adminYears.get(year);
    if (admin) {
      for (const e of admin.get(date) ?? []) apply(day, e);
    } else if (isOfficialYear(year)) {
      const o = officialDay(date);
      if (o.holiday) apply(day, { date, kind: 'holiday', name: o.holidayName });
      if (o.makeupWorkday) apply(day, { date, kind: 'makeup_workday' });
    } else {
      // No notice yet: statutory days only; 调休 is unknowable until the notice.
      day.source = 'provisional';
      const names = statutoryHolidays(year).filter((h) => h.date === date).map((h) => h.name);
      if (names.length) apply(day, { date, kind: 'holiday', name: names.join('、') });
    }

    const overrides = this.overrides.get(date);
    if (overrides) {
      for (const e of overrides) apply(day, e);
      day.source = 'override';
    }
    return day;
  }

  /**
   * Status of every date from `from` through `to` inclusive.
   * @throws RangeError on invalid dates or `from` after `to`.
   */
  days(from: string, to: string): DayInfo[] {
    const start = toDayNumber(from, 'from');
    const end = toDayNumber(to, 'to');
    if (start > end) throw new RangeError(`Invalid range: from ${from} is after to ${to}`);
    const out: DayInfo[] = [];
    for (let d = from, i = start; i <= end; i++, d = addDays(d, 1)) out.push(this.day(d));
    return out;
  }

  /**
   * N-th working day counted from and including `from` (if `from` is a
   * working day it is day 1).
   * @throws RangeError on an invalid date or n not an integer in 1..3660.
   */
  addWorkingDays(from: string, n: number): DueResult {
    return this.nth(from, n, (d) => d.workingDay, '工作日');
  }

  /**
   * N-th trading day counted from and including `from` (if `from` is a
   * trading day it is day 1). Weekend make-up working days never count.
   * @throws RangeError on an invalid date or n not an integer in 1..3660.
   */
  addTradingDays(from: string, n: number): DueResult {
    return this.nth(from, n, (d) => d.tradingDay, '交易日');
  }

  /** Years with official data (chinese-days 2004-2026 + admin-loaded). */
  hasOfficialYear(year: number): boolean {
    return this.adminYears.has(year) || isOfficialYear(year);
  }

  /** Sorted list of years with official data. */
  officialYears(): number[] {
    return [...new Set([...officialDataYears(), ...this.adminYears.keys()])].sort((a, b) => a - b);
  }

  private nth(from: string, n: number, counts: (d: DayInfo) => boolean, unit: string): DueResult {
    toDayNumber(from, 'from');
    if (!Number.isInteger(n) || n < 1 || n > MAX_N) {
      throw new RangeError(`Invalid n ${n}: expected an integer from 1 to ${MAX_N}`);
    }
    const skipped: DayInfo[] = [];
    let provisional = false;
    let date = from;
    for (let counted = 0; ; date = addDays(date, 1)) {
      const day = this.day(date);
      provisional ||= day.source === 'provisional';
      if (!counts(day)) skipped.push(day);
      else if (++counted === n) break;
    }
    const head = `自${formatCn(from)}（含）起第${n}个${unit}为${formatCn(date)}`;
    const tail = skipped.length ? `；跳过：${describeRuns(skipped, yearOf(from))}` : '';
    const explanation = `${head}${tail}。${provisional ? PROVISIONAL_NOTE : ''}`;
    return { dueOn: date, provisional, explanation, skipped };
  }
}

/** Why a skipped day did not count, in words. */
function reason(d: DayInfo): string {
  if (d.holidayName) return d.holidayName;
  if (d.makeupWorkday) return '调休上班日（非交易日）';
  if (isWeekend(d.date)) return '周末';
  return d.workingDay ? '休市' : '休息日';
}

/**
 * Groups consecutive skipped days into runs, e.g.
 * '10月1日至8日 国庆节、中秋节；10月11日至12日 调休上班日（非交易日）、周末'.
 * The year is shown only when it differs from `baseYear`.
 */
export function describeRuns(skipped: DayInfo[], baseYear: number): string {
  const runs: DayInfo[][] = [];
  for (const d of skipped) {
    const last = runs.at(-1);
    if (last && addDays(last[last.length - 1].date, 1) === d.date) last.push(d);
    else runs.push([d]);
  }
  return runs
    .map((run) => {
      const first = run[0].date;
      const last = run[run.length - 1].date;
      let span = formatCn(first, yearOf(first) !== baseYear);
      if (last !== first) {
        const sameYear = yearOf(last) === yearOf(first);
        span += '至' + (sameYear && first.slice(5, 7) === last.slice(5, 7) ? `${Number(last.slice(8))}日` : formatCn(last, !sameYear));
      }
      const reasons = [...new Set(run.map(reason))];
      // A lone weekend day reads better as its weekday name.
      const label = run.length === 1 && reasons[0] === '周末' ? weekdayCn(first) : reasons.join('、');
      return `${span} ${label}`;
    })
    .join('；');
}
