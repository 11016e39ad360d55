/**
 * Plain-date helpers for 'YYYY-MM-DD' strings.
 *
 * Every computation goes through Date.UTC / getUTC* so the result never
 * depends on the server's time zone (a local-time Date would shift a day
 * west of UTC, e.g. in America/Los_Angeles).
 */

const DAY_MS = 86_400_000;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Supported years: the lunar table behind the statutory computation covers 1900-2100. */
export const MIN_YEAR = 1901;
export const MAX_YEAR = 2099;

/** Parts of a valid ISO date, or null when the string is not a real calendar date. */
function parts(s: unknown): { y: number; m: number; d: number } | null {
  if (typeof s !== 'string') return null;
  const m = ISO_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const t = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC rolls 2025-02-30 over to March; a round trip catches that.
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return { y, m: mo, d };
}

/** True when `s` is a real calendar date written as YYYY-MM-DD (any year). */
export function isIsoDate(s: unknown): s is string {
  return parts(s) !== null;
}

/**
 * Validates a date string and returns its day number (days since 1970-01-01).
 * @throws RangeError when the string is not YYYY-MM-DD or the year is outside 1901-2099.
 */
export function toDayNumber(s: unknown, what = 'date'): number {
  const p = parts(s);
  if (!p) throw new RangeError(`Invalid ${what} ${JSON.stringify(s)}: expected a real calendar date as YYYY-MM-DD`);
  if (p.y < MIN_YEAR || p.y > MAX_YEAR) {
    throw new RangeError(`Invalid ${what} ${JSON.stringify(s)}: year must be between ${MIN_YEAR} and ${MAX_YEAR}`);
  }
  return Date.UTC(p.y, p.m - 1, p.d) / DAY_MS;
}

/** Day number (days since 1970-01-01) to 'YYYY-MM-DD'. */
export function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** `iso` plus `n` calendar days. */
export function addDays(iso: string, n: number): string {
  return fromDayNumber(toDayNumber(iso) + n);
}

/** Day of week, 0 = Sunday ... 6 = Saturday. */
export function weekday(iso: string): number {
  return new Date(toDayNumber(iso) * DAY_MS).getUTCDay();
}

/** Saturday or Sunday. */
export function isWeekend(iso: string): boolean {
  const w = weekday(iso);
  return w === 0 || w === 6;
}

/** Gregorian year of an ISO date string (assumed valid). */
export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

/** ISO date from numeric parts (month 1-12). */
export function isoOf(y: number, m: number, d: number): string {
  return fromDayNumber(Date.UTC(y, m - 1, d) / DAY_MS);
}

const WEEKDAY_CN = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** Chinese weekday name, e.g. '周六'. */
export function weekdayCn(iso: string): string {
  return WEEKDAY_CN[weekday(iso)];
}

/** '2025年10月9日' (withYear) or '10月9日'. */
export function formatCn(iso: string, withYear = true): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${withYear ? `${y}年` : ''}${m}月${d}日`;
}
