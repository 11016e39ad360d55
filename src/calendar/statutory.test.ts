import { describe, it, expect } from 'vitest';
import { statutoryHolidays } from './statutory.js';
import { lunarNewYear, lunarToGregorian, qingmingDate } from './lunar.js';
import { isOfficialYear, officialDay } from './official-data.js';
import { BusinessCalendar } from './calendar.js';

describe('statutoryHolidays', () => {
  it('2027: the 13 statutory days, 春节 = 除夕 2/5 through 初三 2/8', () => {
    expect(statutoryHolidays(2027)).toEqual([
      { date: '2027-01-01', name: '元旦' },
      { date: '2027-02-05', name: '春节' },
      { date: '2027-02-06', name: '春节' },
      { date: '2027-02-07', name: '春节' },
      { date: '2027-02-08', name: '春节' },
      { date: '2027-04-05', name: '清明节' },
      { date: '2027-05-01', name: '劳动节' },
      { date: '2027-05-02', name: '劳动节' },
      { date: '2027-06-09', name: '端午节' },
      { date: '2027-09-15', name: '中秋节' },
      { date: '2027-10-01', name: '国庆节' },
      { date: '2027-10-02', name: '国庆节' },
      { date: '2027-10-03', name: '国庆节' },
    ]);
  });

  it.each([2025, 2026])('%i: every statutory day is an official holiday in chinese-days', (year) => {
    expect(isOfficialYear(year)).toBe(true);
    const list = statutoryHolidays(year);
    expect(list).toHaveLength(13);
    for (const h of list) expect({ ...h, holiday: officialDay(h.date).holiday }).toEqual({ ...h, holiday: true });
  });

  it('keeps a coinciding festival as a second entry (中秋 on 国庆 in 2001)', () => {
    const oct1 = statutoryHolidays(2001).filter((h) => h.date === '2001-10-01');
    expect(oct1.map((h) => h.name).sort()).toEqual(['中秋节', '国庆节'].sort());
  });

  it('rejects unsupported years', () => {
    expect(() => statutoryHolidays(1800)).toThrow(RangeError);
    expect(() => statutoryHolidays(2027.5)).toThrow(RangeError);
  });
});

describe('lunar dates', () => {
  it('正月初一 of recent and coming years', () => {
    // Official dates; ICU's Chinese calendar gets 2027 (02-07) and 2030 (02-02) wrong.
    const known: Record<number, string> = {
      2020: '2020-01-25',
      2023: '2023-01-22',
      2024: '2024-02-10',
      2025: '2025-01-29',
      2026: '2026-02-17',
      2027: '2027-02-06',
      2028: '2028-01-26',
      2030: '2030-02-03',
    };
    for (const [y, d] of Object.entries(known)) expect([y, lunarNewYear(Number(y))]).toEqual([y, d]);
  });

  it('festivals sit in the regular month, not in a leap month of the same number', () => {
    // 2020 had a leap 4th month (2020-05-23..06-20); 端午 is 5/5 after it.
    expect(lunarToGregorian(2020, 5, 5)).toBe('2020-06-25');
    // 2025 has a leap 6th month; 中秋 2025 is 10-06.
    expect(lunarToGregorian(2025, 8, 15)).toBe('2025-10-06');
    // 2023 has a leap 2nd month; 端午 2023-06-22, 中秋 2023-09-29.
    expect(lunarToGregorian(2023, 5, 5)).toBe('2023-06-22');
    expect(lunarToGregorian(2023, 8, 15)).toBe('2023-09-29');
  });

  it('端午, 中秋 and 正月初一 are official days off in every year since 2008 (when 端午/中秋 became holidays)', () => {
    // Days off rather than holiday entries: chinese-days omits a few weekend
    // days inside holiday periods (e.g. 2012-06-23, the 端午 Saturday).
    const cal = new BusinessCalendar();
    for (let y = 2008; y <= 2026; y++) {
      for (const [m, d] of [[5, 5], [8, 15], [1, 1]]) {
        const date = lunarToGregorian(y, m, d);
        expect({ date, working: cal.day(date).workingDay }).toEqual({ date, working: false });
      }
    }
  });

  it('agrees with ICU (Intl chinese calendar) on the festivals of 2004-2026', () => {
    // ICU and the table differ only around new moons within minutes of Beijing midnight (none hit these festivals before 2027).
    const fmt = new Intl.DateTimeFormat('en-US-u-ca-chinese', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
    for (let y = 2004; y <= 2026; y++) {
      for (const [m, d] of [[1, 1], [5, 5], [8, 15]]) {
        const date = lunarToGregorian(y, m, d);
        const parts = fmt.formatToParts(new Date(`${date}T12:00:00Z`));
        expect([date, parts.find((p) => p.type === 'month')?.value, parts.find((p) => p.type === 'day')?.value]).toEqual([
          date,
          String(m),
          String(d),
        ]);
      }
    }
  });
});

describe('qingmingDate', () => {
  it('matches known dates', () => {
    const known: Record<number, string> = {
      2008: '2008-04-04',
      2015: '2015-04-05',
      2019: '2019-04-05',
      2020: '2020-04-04',
      2023: '2023-04-05',
      2024: '2024-04-04',
      2025: '2025-04-04',
      2026: '2026-04-05',
      2027: '2027-04-05',
    };
    for (const [y, d] of Object.entries(known)) expect([y, qingmingDate(Number(y))]).toEqual([y, d]);
  });

  it('is inside the official 清明 holiday for every year 2008-2026', () => {
    for (let y = 2008; y <= 2026; y++) {
      const d = qingmingDate(y);
      expect({ d, holiday: officialDay(d).holiday }).toEqual({ d, holiday: true });
    }
  });
});
