import { describe, it, expect } from 'vitest';
import { isOfficialYear, normalizeHolidayName, officialDataYears, officialDay } from './official-data.js';
import { BusinessCalendar } from './calendar.js';

describe('official-data (chinese-days)', () => {
  it('covers exactly the years the package has data for', () => {
    expect(officialDataYears()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(isOfficialYear(2026)).toBe(true);
    expect(isOfficialYear(2027)).toBe(false);
    expect(isOfficialYear(2003)).toBe(false);
  });

  it('reports holidays, make-up days and Chinese names', () => {
    expect(officialDay('2025-01-28')).toEqual({ holiday: true, holidayName: '春节', makeupWorkday: false });
    expect(officialDay('2025-01-26')).toEqual({ holiday: false, makeupWorkday: true, makeupFor: '春节' });
    expect(officialDay('2025-04-04').holidayName).toBe('清明节');
    expect(officialDay('2025-05-31').holidayName).toBe('端午节');
    expect(officialDay('2025-03-03')).toEqual({ holiday: false, makeupWorkday: false });
    // A make-up day in December for the next year's New Year holiday.
    expect(officialDay('2011-12-31').makeupWorkday).toBe(true);
  });

  it('normalizes abbreviated names', () => {
    expect(['清明', '端午', '中秋', '国庆节', ' 春节 '].map(normalizeHolidayName)).toEqual(['清明节', '端午节', '中秋节', '国庆节', '春节']);
  });

  it('gives the same answers whatever the process time zone', () => {
    // chinese-days' own isWorkday() is off by a day west of UTC; our data path must not be.
    const saved = process.env.TZ;
    const results: string[] = [];
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai', 'UTC']) {
        process.env.TZ = tz;
        const cal = new BusinessCalendar();
        const r = cal.addWorkingDays('2025-01-24', 2);
        results.push(`${r.dueOn} ${cal.day('2025-01-26').makeupWorkday} ${cal.addTradingDays('2025-10-01', 3).dueOn}`);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
    expect(new Set(results)).toEqual(new Set(['2025-01-26 true 2025-10-13']));
  });
});
