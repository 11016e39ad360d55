import { describe, it, expect } from 'vitest';
import { BusinessCalendar, PROVISIONAL_NOTE, type DayInfo } from './calendar.js';

const cal = new BusinessCalendar();
const dates = (days: DayInfo[]): string[] => days.map((d) => d.date);
function range(from: string, to: string): string[] {
  return dates(cal.days(from, to));
}

describe('BusinessCalendar.day', () => {
  it('2025 Spring Festival: Jan 28 - Feb 4 off, Jan 26 (Sun) and Feb 8 (Sat) make-up workdays', () => {
    for (const d of range('2025-01-28', '2025-02-04')) {
      expect(cal.day(d)).toMatchObject({ workingDay: false, tradingDay: false, holidayName: '春节', source: 'official' });
    }
    for (const d of ['2025-01-26', '2025-02-08']) {
      expect(cal.day(d)).toMatchObject({ workingDay: true, tradingDay: false, makeupWorkday: true, source: 'official' });
    }
    expect(cal.day('2025-01-27')).toMatchObject({ workingDay: true, tradingDay: true, makeupWorkday: false });
    expect(cal.day('2025-02-05')).toMatchObject({ workingDay: true, tradingDay: true });
  });

  it('2024 National Day: Oct 1-7 off, Sep 29 (Sun) and Oct 12 (Sat) make-up workdays', () => {
    for (const d of range('2024-10-01', '2024-10-07')) {
      expect(cal.day(d)).toMatchObject({ workingDay: false, tradingDay: false, holidayName: '国庆节' });
    }
    expect(cal.day('2024-09-29')).toMatchObject({ workingDay: true, tradingDay: false, makeupWorkday: true });
    expect(cal.day('2024-10-12')).toMatchObject({ workingDay: true, tradingDay: false, makeupWorkday: true });
    expect(cal.day('2024-10-13')).toMatchObject({ workingDay: false, tradingDay: false, makeupWorkday: false });
  });

  it('rejects invalid dates with a RangeError', () => {
    for (const bad of ['2025-02-30', '2025-1-5', '20250105', '', '2025-13-01', '1850-01-01']) {
      expect(() => cal.day(bad)).toThrow(RangeError);
    }
    expect(() => cal.days('2025-02-02', '2025-02-01')).toThrow(/after/);
  });
});

describe('2025 full year against 国办发明电〔2024〕12号', () => {
  // Every day off and every make-up day listed in the notice.
  const notice: { name: string; off: [string, string]; work: string[] }[] = [
    { name: '元旦', off: ['2025-01-01', '2025-01-01'], work: [] },
    { name: '春节', off: ['2025-01-28', '2025-02-04'], work: ['2025-01-26', '2025-02-08'] },
    { name: '清明节', off: ['2025-04-04', '2025-04-06'], work: [] },
    { name: '劳动节', off: ['2025-05-01', '2025-05-05'], work: ['2025-04-27'] },
    { name: '端午节', off: ['2025-05-31', '2025-06-02'], work: [] },
    { name: '国庆节', off: ['2025-10-01', '2025-10-08'], work: ['2025-09-28', '2025-10-11'] },
  ];
  const offDays = new Set(notice.flatMap((h) => range(...h.off)));
  const workDays = new Set(notice.flatMap((h) => h.work));
  const year = cal.days('2025-01-01', '2025-12-31');

  it('every day matches: weekdays work unless in a holiday period, weekends rest unless a make-up day', () => {
    for (const d of year) {
      const weekend = [0, 6].includes(new Date(`${d.date}T00:00:00Z`).getUTCDay());
      const expectWorking = workDays.has(d.date) || (!weekend && !offDays.has(d.date));
      expect({ date: d.date, working: d.workingDay }).toEqual({ date: d.date, working: expectWorking });
      expect({ date: d.date, trading: d.tradingDay }).toEqual({ date: d.date, trading: !weekend && !offDays.has(d.date) });
      expect(d.makeupWorkday).toBe(workDays.has(d.date));
      expect(d.source).toBe('official');
    }
  });

  it('holiday names follow the notice (10月6日 is 中秋节 inside the National Day period)', () => {
    for (const h of notice.slice(0, 5)) for (const d of range(...h.off)) expect(cal.day(d).holidayName).toBe(h.name);
    expect(cal.day('2025-10-06').holidayName).toBe('中秋节');
    expect(cal.day('2025-10-08').holidayName).toBe('国庆节');
  });

  it('counts: 248 working days and 243 trading days', () => {
    // 261 weekdays - 18 weekday holidays + 5 make-up weekend days = 248;
    // trading: 261 - 18 = 243 (the exchanges' published figure for 2025).
    expect(year.filter((d) => d.workingDay)).toHaveLength(248);
    expect(year.filter((d) => d.tradingDay)).toHaveLength(243);
    expect(year.filter((d) => d.makeupWorkday)).toHaveLength(5);
  });
});

describe('addWorkingDays', () => {
  it('counts the acceptance day as day 1 when it is a working day', () => {
    const r = cal.addWorkingDays('2025-03-03', 3); // Mon
    expect(r).toMatchObject({ dueOn: '2025-03-05', provisional: false, skipped: [] });
    expect(r.explanation).toBe('自2025年3月3日（含）起第3个工作日为2025年3月5日。');
    expect(cal.addWorkingDays('2025-03-03', 1).dueOn).toBe('2025-03-03');
  });

  it('acceptance on a holiday: counting starts at the next working day', () => {
    // Oct 1-8 off; Oct 9 Thu = 1, Oct 10 Fri = 2, Oct 11 Sat (调休上班) = 3.
    const r = cal.addWorkingDays('2025-10-01', 3);
    expect(r.dueOn).toBe('2025-10-11');
    expect(dates(r.skipped)).toEqual(range('2025-10-01', '2025-10-08'));
    expect(r.explanation).toContain('自2025年10月1日（含）起第3个工作日为2025年10月11日');
    expect(r.explanation).toContain('10月1日至8日 国庆节、中秋节');
    expect(r.explanation).not.toContain(PROVISIONAL_NOTE);
    // Feedback deadline (N = 4) for the same acceptance day.
    expect(cal.addWorkingDays('2025-10-01', 4).dueOn).toBe('2025-10-13');
  });

  it('acceptance on a make-up Saturday: that day is working day 1', () => {
    const r = cal.addWorkingDays('2025-02-08', 3); // Sat 调休上班
    expect(r.dueOn).toBe('2025-02-11'); // Sat = 1, (Sun skipped), Mon = 2, Tue = 3
    expect(dates(r.skipped)).toEqual(['2025-02-09']);
    expect(r.explanation).toContain('2月9日 周日');
  });

  it('counts the make-up Sunday before the Spring Festival', () => {
    // Fri Jan 24 = 1, Sat skipped, Sun Jan 26 (调休上班) = 2, Mon Jan 27 = 3, then 春节.
    expect(cal.addWorkingDays('2025-01-24', 3).dueOn).toBe('2025-01-27');
    const r = cal.addWorkingDays('2025-01-24', 4);
    expect(r.dueOn).toBe('2025-02-05');
    expect(r.explanation).toContain('1月28日至2月4日 春节');
  });

  it('2024 National Day: accepted Sep 30 → due Oct 9', () => {
    const r = cal.addWorkingDays('2024-09-30', 3);
    expect(r.dueOn).toBe('2024-10-09');
    expect(r.explanation).toContain('10月1日至7日 国庆节');
  });

  it('year boundary 2026 → 2027 is provisional and says so', () => {
    const r = cal.addWorkingDays('2026-12-30', 3); // Wed = 1, Thu = 2, Jan 1 元旦, weekend, Mon Jan 4 = 3
    expect(r.dueOn).toBe('2027-01-04');
    expect(r.provisional).toBe(true);
    expect(r.explanation).toContain('2027年1月1日至3日 元旦、周末');
    expect(r.explanation.endsWith(PROVISIONAL_NOTE)).toBe(true);
    // Entirely inside 2026: official.
    expect(cal.addWorkingDays('2026-12-28', 3)).toMatchObject({ dueOn: '2026-12-30', provisional: false });
  });

  it('2027 Spring Festival is provisional and uses the statutory days (除夕 2/5 - 初三 2/8)', () => {
    for (const d of range('2027-02-05', '2027-02-08')) {
      expect(cal.day(d)).toMatchObject({ workingDay: false, holidayName: '春节', source: 'provisional' });
    }
    expect(cal.day('2027-02-04')).toMatchObject({ workingDay: true, source: 'provisional' });
    const r = cal.addWorkingDays('2027-02-04', 3); // Thu = 1, Feb 5-8 off, Tue Feb 9 = 2, Wed Feb 10 = 3
    expect(r).toMatchObject({ dueOn: '2027-02-10', provisional: true });
    expect(r.explanation).toContain('2月5日至8日 春节');
    expect(r.explanation).toContain('该年度官方放假安排尚未发布');
  });

  it('validates n', () => {
    for (const n of [0, -1, 1.5, Number.NaN, 100000]) expect(() => cal.addWorkingDays('2025-03-03', n)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2025-3-3', 3)).toThrow(/YYYY-MM-DD/);
  });
});

describe('addTradingDays', () => {
  it('monthly report: 3rd trading day of October 2025 is Oct 13', () => {
    // Oct 1-8 off, Oct 9 Thu = 1, Oct 10 Fri = 2, Oct 11 Sat (调休上班) is not a trading day, Oct 13 Mon = 3.
    const r = cal.addTradingDays('2025-10-01', 3);
    expect(r.dueOn).toBe('2025-10-13');
    expect(dates(r.skipped)).toEqual([...range('2025-10-01', '2025-10-08'), '2025-10-11', '2025-10-12']);
    expect(r.explanation).toContain('第3个交易日为2025年10月13日');
    expect(r.explanation).toContain('10月11日至12日 调休上班日（非交易日）、周末');
  });

  it('a make-up weekend is skipped for trading but counted for working days', () => {
    // Fri 2024-09-27 = day 1 either way; Sun 2024-09-29 is a make-up working day.
    expect(cal.addWorkingDays('2024-09-27', 2).dueOn).toBe('2024-09-29');
    expect(cal.addTradingDays('2024-09-27', 2).dueOn).toBe('2024-09-30');
    expect(cal.addTradingDays('2024-09-27', 3).dueOn).toBe('2024-10-08');
  });

  it('acceptance on a make-up Saturday is not trading day 1', () => {
    const r = cal.addTradingDays('2025-02-08', 1);
    expect(r.dueOn).toBe('2025-02-10');
    expect(r.skipped.map((d) => d.makeupWorkday)).toEqual([true, false]);
  });
});

describe('admin data', () => {
  it('overrides take precedence and are marked source "override"', () => {
    const c = new BusinessCalendar({
      overrides: [
        { date: '2025-03-05', kind: 'holiday', name: '临时放假' },
        { date: '2025-03-06', kind: 'exchange_closed', name: '交易所技术故障' },
        { date: '2025-10-08', kind: 'working_day' },
      ],
    });
    expect(c.day('2025-03-05')).toMatchObject({ workingDay: false, tradingDay: false, holidayName: '临时放假', source: 'override' });
    expect(c.day('2025-03-06')).toMatchObject({ workingDay: true, tradingDay: false, source: 'override' });
    expect(c.day('2025-10-08')).toMatchObject({ workingDay: true, tradingDay: true, source: 'override' });
    expect(c.addWorkingDays('2025-03-04', 3).dueOn).toBe('2025-03-07');
    expect(c.addTradingDays('2025-03-04', 2).dueOn).toBe('2025-03-07');
    expect(c.addTradingDays('2025-03-04', 2).explanation).toContain('3月5日至6日 临时放假、休市');
    expect(c.addWorkingDays('2025-10-01', 1).dueOn).toBe('2025-10-08');
    // The default calendar is unaffected.
    expect(cal.day('2025-03-05').workingDay).toBe(true);
  });

  it('an override inside a provisional year removes the provisional flag for that day only', () => {
    const c = new BusinessCalendar({ overrides: [{ date: '2027-03-01', kind: 'exchange_open' }] });
    expect(c.day('2027-03-01').source).toBe('override');
    expect(c.addTradingDays('2027-03-01', 1).provisional).toBe(false);
    expect(c.addTradingDays('2027-03-01', 2).provisional).toBe(true);
  });

  it('exchange overrides win over a holiday override on the same date, whatever the order', () => {
    const c = new BusinessCalendar({
      overrides: [
        { date: '2025-03-05', kind: 'exchange_open' },
        { date: '2025-03-05', kind: 'holiday', name: '临时放假' },
      ],
    });
    expect(c.day('2025-03-05')).toMatchObject({ workingDay: false, tradingDay: true });
  });

  it('an admin-loaded official year replaces the statutory estimate', () => {
    const c = new BusinessCalendar({
      officialYears: {
        2027: [
          ...range('2027-02-05', '2027-02-12').map((date) => ({ date, kind: 'holiday' as const, name: '春节' })),
          { date: '2027-02-20', kind: 'makeup_workday' },
        ],
      },
    });
    expect(c.hasOfficialYear(2027)).toBe(true);
    expect(cal.hasOfficialYear(2027)).toBe(false);
    expect(c.officialYears().at(-1)).toBe(2027);
    expect(cal.officialYears()).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(c.day('2027-02-11')).toMatchObject({ workingDay: false, holidayName: '春节', source: 'official' });
    expect(c.day('2027-02-20')).toMatchObject({ workingDay: true, tradingDay: false, makeupWorkday: true });
    // 清明 is not in the loaded list, so it is a plain weekday now (the admin's data is authoritative).
    expect(c.day('2027-04-05')).toMatchObject({ workingDay: true, source: 'official' });
    const r = c.addWorkingDays('2027-02-04', 3);
    expect(r).toMatchObject({ dueOn: '2027-02-16', provisional: false });
  });

  it('rejects malformed admin data', () => {
    expect(() => new BusinessCalendar({ overrides: [{ date: '2025-02-30', kind: 'holiday' }] })).toThrow(/overrides\[0\]\.date/);
    expect(() => new BusinessCalendar({ overrides: [{ date: '2025-02-03', kind: 'nope' as 'holiday' }] })).toThrow(/overrides\[0\]\.kind/);
    expect(() => new BusinessCalendar({ officialYears: { 2027: [{ date: '2026-12-31', kind: 'holiday' }] } })).toThrow(
      /not in 2027/,
    );
  });
});
