/** Month and quarter arithmetic on 'YYYY-MM' / 'YYYYQn' strings, and Asia/Shanghai month boundaries as instants. */
import { invalid } from '../../../domain/errors.js';

/**
 * Months the system handles: 2004-01 (the earliest acceptance day the core
 * allows) to 2098-12. Outside that, Date.UTC maps years 0–99 to 1900+ and the
 * calendar has no data, so such input is a 400, not a 500 or a junk row.
 */
export const MIN_MONTH = '2004-01';
export const MAX_MONTH = '2098-12';
/** The same range as a JSON-schema pattern, for TypeBox route schemas. */
export const MONTH_PATTERN = '^(200[4-9]|20[1-8]\\d|209[0-8])-(0[1-9]|1[0-2])$';
const MONTH = new RegExp(MONTH_PATTERN);
const QUARTER = /^(\d{4})Q([1-4])$/;

/** Throws a 400 naming `field` unless `s` is YYYY-MM. */
export function assertMonth(s: unknown, field = 'month'): string {
  if (typeof s !== 'string' || !MONTH.test(s)) throw invalid(field, `月份须为 YYYY-MM，且在 ${MIN_MONTH} 至 ${MAX_MONTH} 之间`);
  return s;
}

export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}

export function firstDay(month: string): string {
  return `${month}-01`;
}

export function lastDay(month: string): string {
  const [y, m] = month.split('-').map(Number);
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The instant the month begins in Shanghai (UTC ISO); closed_at strings compare against it. */
export function shanghaiMonthStartInstant(month: string): string {
  return new Date(`${firstDay(month)}T00:00:00+08:00`).toISOString();
}

/** The instant Shanghai's next month begins (UTC ISO); closed_at strings compare against it. */
export function shanghaiMonthEndInstant(month: string): string {
  return new Date(`${firstDay(addMonths(month, 1))}T00:00:00+08:00`).toISOString();
}

/** Months from..to inclusive. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to && out.length < 240; m = addMonths(m, 1)) out.push(m);
  return out;
}

export interface Quarter {
  quarter: string;
  from: string;
  to: string;
}

export function parseQuarter(s: unknown, field = 'quarter'): Quarter {
  const m = typeof s === 'string' ? QUARTER.exec(s) : null;
  if (!m) throw invalid(field, '季度须为 YYYYQn，例如 2026Q4');
  const y = Number(m[1]);
  const q = Number(m[2]);
  const firstMonth = `${y}-${String(q * 3 - 2).padStart(2, '0')}`;
  return { quarter: s as string, from: firstDay(firstMonth), to: lastDay(addMonths(firstMonth, 2)) };
}

export function previousQuarter(q: string): string {
  const [y, n] = q.split('Q').map(Number);
  return n === 1 ? `${y - 1}Q4` : `${y}Q${n - 1}`;
}

export function sameQuarterLastYear(q: string): string {
  const [y, n] = q.split('Q').map(Number);
  return `${y - 1}Q${n}`;
}

/** `date` plus whole years (29 Feb → 28 Feb). */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y + years, m - 1, d));
  if (t.getUTCMonth() !== m - 1) t.setUTCDate(0);
  return t.toISOString().slice(0, 10);
}
