/**
 * Statutory public holidays fixed by 《全国年节及纪念日放假办法》 (as amended in
 * 2024, effective 2025). Used for years whose State Council schedule (放假安排)
 * is not yet known: the statutory days are certain, the bridging days and
 * weekend make-up working days (调休) are only known from the yearly notice.
 *
 * For years before 2025 the older rules applied (e.g. 春节 3 days); those
 * years are covered by official data from 2004 on, so the current rules are
 * only an approximation for years outside every data set.
 */
import { addDays, isoOf } from './dates.js';
import { lunarNewYear, lunarToGregorian, qingmingDate } from './lunar.js';

/** One statutory holiday day. */
export interface StatutoryHoliday {
  /** YYYY-MM-DD */
  date: string;
  /** Chinese name, e.g. '春节'. */
  name: string;
}

const cache = new Map<number, StatutoryHoliday[]>();

/**
 * All statutory holiday days of a Gregorian year, sorted by date (13 days;
 * a date may appear twice when two festivals coincide, e.g. 中秋 on 10月1日).
 */
export function statutoryHolidays(year: number): StatutoryHoliday[] {
  if (!Number.isInteger(year) || year < 1901 || year > 2099) {
    throw new RangeError(`Year ${year} outside supported range 1901-2099`);
  }
  const cached = cache.get(year);
  if (cached) return cached.map((h) => ({ ...h }));

  const list: StatutoryHoliday[] = [];
  const add = (date: string, name: string, days = 1): void => {
    for (let i = 0; i < days; i++) list.push({ date: addDays(date, i), name });
  };
  add(isoOf(year, 1, 1), '元旦');
  // 春节: 除夕 (last day of the 12th lunar month) through 正月初三. 正月初一 of
  // lunar year `year` always falls in January/February of the same Gregorian year.
  add(addDays(lunarNewYear(year), -1), '春节', 4);
  add(qingmingDate(year), '清明节');
  add(isoOf(year, 5, 1), '劳动节', 2);
  add(lunarToGregorian(year, 5, 5), '端午节');
  add(lunarToGregorian(year, 8, 15), '中秋节');
  add(isoOf(year, 10, 1), '国庆节', 3);

  list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  cache.set(year, list);
  return list.map((h) => ({ ...h }));
}
