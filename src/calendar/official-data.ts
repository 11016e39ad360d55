/**
 * Official holiday schedules (State Council notices, 2004-2026) from the
 * chinese-days package.
 *
 * We read the package's published data file `dist/chinese-days.json`
 * (documented in its README) instead of calling `isWorkday` / `getDayDetail`:
 * those build their lookup tables with process-local Date getters, so with
 * TZ=America/Los_Angeles every answer is shifted by one day (2025-01-26, a
 * make-up Sunday, comes back as a plain Sunday). The JSON is keyed by plain
 * date strings and is time-zone free. Entries look like
 * `"2025-01-28": "Spring Festival,春节,4"` (English name, Chinese name, days).
 */
import { createRequire } from 'node:module';

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

function load(): ChineseDaysData {
  const require = createRequire(import.meta.url);
  const data = require('chinese-days/dist/chinese-days.json') as Partial<ChineseDaysData>;
  if (!data || typeof data.holidays !== 'object' || typeof data.workdays !== 'object') {
    throw new Error('chinese-days data file has an unexpected shape (expected {holidays, workdays})');
  }
  return { holidays: data.holidays, workdays: data.workdays };
}

const DATA = load();

/** A year counts as covered only if the package has holiday entries for it; it silently treats unknown years as plain weekdays. */
const YEARS: readonly number[] = [...new Set(Object.keys(DATA.holidays).map((d) => Number(d.slice(0, 4))))].sort(
  (a, b) => a - b,
);

/** The package abbreviates some names; use the names of the 放假办法. */
const FULL_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

/** Normalise a holiday name: '清明' -> '清明节', '中秋' -> '中秋节', '端午' -> '端午节'; others unchanged. */
export function normalizeHolidayName(name: string): string {
  const n = name.trim();
  return FULL_NAMES[n] ?? n;
}

function chineseName(entry: string): string {
  // "Spring Festival,春节,4": the Chinese name is the second field.
  const fields = entry.split(',');
  return normalizeHolidayName(fields.length >= 3 ? fields[1] : entry);
}

/** What the official schedule says about one date. */
export interface OfficialDay {
  /** Official day off (放假), including weekend days inside a holiday period. */
  holiday: boolean;
  /** Chinese holiday name when `holiday`, e.g. '春节', '国庆节'. */
  holidayName?: string;
  /** Weekend day declared a working day (调休上班). */
  makeupWorkday: boolean;
  /** For a make-up day: the holiday it makes up for. */
  makeupFor?: string;
}

/**
 * Official status of a date (YYYY-MM-DD) per chinese-days. Dates in years the
 * package does not cover return all-false: check {@link isOfficialYear} first.
 */
export function officialDay(date: string): OfficialDay {
  const h = DATA.holidays[date];
  const w = DATA.workdays[date];
  return {
    holiday: h !== undefined,
    ...(h !== undefined ? { holidayName: chineseName(h) } : {}),
    makeupWorkday: w !== undefined,
    ...(w !== undefined ? { makeupFor: chineseName(w) } : {}),
  };
}

/** Years for which chinese-days has official data (2004-2026 in version 1.5.x). */
export function officialDataYears(): number[] {
  return [...YEARS];
}

/** Whether chinese-days has official data for `year`. */
export function isOfficialYear(year: number): boolean {
  return YEARS.includes(year);
}
