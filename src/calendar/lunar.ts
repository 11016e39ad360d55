/**
 * Lunar-calendar and solar-term computations needed for the statutory holidays.
 *
 * Lunar months: we use the month-length table shipped with chinese-days
 * (1900-2100, from the published Purple Mountain Observatory calendars)
 * rather than ICU's `Intl.DateTimeFormat('zh-CN-u-ca-chinese')`. ICU computes
 * new moons with a low-precision model and gets months wrong whenever the new
 * moon falls within minutes of Beijing midnight - including 春节 2027
 * (ICU: 2027-02-07, official: 2027-02-06) and 2030 (ICU: 02-02, official: 02-03).
 * Only the table accessors `monthDays` / `getYearLeapMonth` are used: they are
 * pure lookups, unlike the package's date functions, which format with the
 * process-local time zone and shift by a day west of UTC.
 */
import cd from 'chinese-days';
import { addDays, fromDayNumber, isoOf } from './dates.js';

/** Lunar 1900-01-01 (正月初一) was Gregorian 1900-01-31 (as a day number since 1970-01-01). */
const LUNAR_EPOCH_DAY = Date.UTC(1900, 0, 31) / 86_400_000;
const FIRST_LUNAR_YEAR = 1900;
const LAST_LUNAR_YEAR = 2099;

/** Length (days) of the leap month of a lunar year, 0 when it has none. */
function leapInfo(lunarYear: number): { month: number; days: number } {
  const info = cd.getYearLeapMonth(lunarYear);
  return { month: info.leapMonth ?? 0, days: info.days };
}

function lunarYearDays(lunarYear: number): number {
  let sum = leapInfo(lunarYear).days;
  for (let m = 1; m <= 12; m++) sum += cd.monthDays(lunarYear, m);
  return sum;
}

const newYearCache = new Map<number, string>();

/** Gregorian date of 正月初一 of the given lunar year. */
export function lunarNewYear(lunarYear: number): string {
  if (!Number.isInteger(lunarYear) || lunarYear < FIRST_LUNAR_YEAR || lunarYear > LAST_LUNAR_YEAR) {
    throw new RangeError(`Lunar year ${lunarYear} outside supported range ${FIRST_LUNAR_YEAR}-${LAST_LUNAR_YEAR}`);
  }
  let cached = newYearCache.get(lunarYear);
  if (!cached) {
    let offset = 0;
    for (let y = FIRST_LUNAR_YEAR; y < lunarYear; y++) offset += lunarYearDays(y);
    cached = fromDayNumber(LUNAR_EPOCH_DAY + offset);
    newYearCache.set(lunarYear, cached);
  }
  return cached;
}

/**
 * Gregorian date of a day in a regular (non-leap) lunar month. Festivals such
 * as 端午 (5/5) and 中秋 (8/15) are always kept in the regular month, never in
 * a leap month of the same number.
 */
export function lunarToGregorian(lunarYear: number, month: number, day: number): string {
  if (month < 1 || month > 12 || day < 1 || day > cd.monthDays(lunarYear, month)) {
    throw new RangeError(`No lunar date ${lunarYear}-${month}-${day}`);
  }
  const leap = leapInfo(lunarYear);
  let offset = day - 1;
  for (let m = 1; m < month; m++) offset += cd.monthDays(lunarYear, m);
  // A leap month follows the regular month of the same number.
  if (leap.month > 0 && leap.month < month) offset += leap.days;
  return addDays(lunarNewYear(lunarYear), offset);
}

/**
 * Date (Beijing time) of the solar term 清明, when the sun's apparent
 * ecliptic longitude reaches 15°.
 *
 * Low-precision solar theory from Meeus, "Astronomical Algorithms" ch. 25
 * (error about 0.01°, i.e. ~15 minutes); ΔT (about a minute) is neglected.
 * Cross-checked against the published dates for 1901-2099 in the tests.
 */
export function qingmingDate(year: number): string {
  const rad = Math.PI / 180;
  const apparentLongitude = (jd: number): number => {
    const t = (jd - 2451545.0) / 36525;
    const l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
    const m = (357.52911 + 35999.05029 * t - 0.0001537 * t * t) * rad;
    const c =
      (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.sin(m) +
      (0.019993 - 0.000101 * t) * Math.sin(2 * m) +
      0.000289 * Math.sin(3 * m);
    const omega = (125.04 - 1934.136 * t) * rad;
    return l0 + c - 0.00569 - 0.00478 * Math.sin(omega);
  };
  // Start from noon UTC on April 4 and refine with the mean solar motion.
  let jd = Date.UTC(year, 3, 4, 12) / 86_400_000 + 2440587.5;
  for (let i = 0; i < 10; i++) {
    const diff = ((((15 - apparentLongitude(jd)) % 360) + 540) % 360) - 180;
    jd += diff / (360 / 365.2422);
    if (Math.abs(diff) < 1e-7) break;
  }
  // Civil date in Beijing (UTC+8).
  const beijing = new Date((jd - 2440587.5) * 86_400_000 + 8 * 3_600_000);
  return isoOf(beijing.getUTCFullYear(), beijing.getUTCMonth() + 1, beijing.getUTCDate());
}
