import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { groupByYear, parseIcs, parseSchedule, parseScheduleJson } from './ics.js';
import { officialDay } from './official-data.js';
import { BusinessCalendar } from './calendar.js';

const ics = (...events: string[][]): string =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', ...events.flatMap((e) => ['BEGIN:VEVENT', ...e, 'END:VEVENT']), 'END:VCALENDAR'].join('\r\n');

describe('parseIcs', () => {
  it('parses the 2025 ICS published by chinese-days and agrees with its data', () => {
    const file = createRequire(import.meta.url).resolve('chinese-days/dist/years/2025.ics');
    const entries = parseSchedule(readFileSync(file, 'utf8'));
    const holidays = entries.filter((e) => e.kind === 'holiday');
    const makeups = entries.filter((e) => e.kind === 'makeup_workday');
    expect(holidays).toHaveLength(28);
    expect(makeups.map((e) => e.date).sort()).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    for (const e of holidays) expect([e.date, officialDay(e.date).holidayName]).toEqual([e.date, e.name]);
    expect(holidays.find((e) => e.date === '2025-10-06')?.name).toBe('中秋节');
  });

  it('reads 补班/上班 summaries as make-up days, folded lines, escapes and a missing DTEND', () => {
    const entries = parseIcs(
      ics(
        ['DTSTART;VALUE=DATE:20270205', 'DTEND;VALUE=DATE:20270212', 'SUMMARY:春节\\, 放', ' 假'],
        ['DTSTART;VALUE=DATE:20270220', 'SUMMARY:春节补班'],
        ['DTSTART:20270221', 'SUMMARY:调休上班'],
      ),
    );
    expect(entries.filter((e) => e.kind === 'holiday')).toHaveLength(7);
    expect(entries[0]).toEqual({ date: '2027-02-05', kind: 'holiday', name: '春节, 放假' });
    expect(entries.slice(-2)).toEqual([
      { date: '2027-02-20', kind: 'makeup_workday', name: '春节补班' },
      { date: '2027-02-21', kind: 'makeup_workday', name: '调休上班' },
    ]);
  });

  it('names the line of bad input', () => {
    expect(() => parseIcs(ics(['SUMMARY:春节']))).toThrow(/line 3: missing DTSTART/);
    expect(() => parseIcs(ics(['DTSTART:20270205T090000Z', 'SUMMARY:x']))).toThrow(/line 4: DTSTART .* not an all-day date/);
    expect(() => parseIcs(ics(['DTSTART;VALUE=DATE:20270231', 'SUMMARY:x']))).toThrow(/line 4: DTSTART 20270231 is not a real date/);
    expect(() => parseIcs(ics(['DTSTART;VALUE=DATE:20270205', 'DTEND;VALUE=DATE:20270205', 'SUMMARY:x']))).toThrow(/DTEND/);
    expect(() => parseIcs(ics(['DTSTART;VALUE=DATE:20270205']))).toThrow(/missing SUMMARY/);
    expect(() => parseIcs('BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270205\n')).toThrow(/line 2: VEVENT is not closed/);
    expect(() => parseIcs('BEGIN:VCALENDAR\ngarbage\n')).toThrow(/line 2: expected NAME:VALUE/);
  });
});

describe('parseScheduleJson', () => {
  it('accepts an array of CalendarEntry', () => {
    const entries = parseSchedule('[{"date":"2027-02-05","kind":"holiday","name":"春节"},{"date":"2027-03-01","kind":"exchange_closed"}]');
    expect(entries).toEqual([
      { date: '2027-02-05', kind: 'holiday', name: '春节' },
      { date: '2027-03-01', kind: 'exchange_closed' },
    ]);
  });

  it('expands a year notice object', () => {
    const entries = parseScheduleJson(
      JSON.stringify({
        year: 2027,
        holidays: [
          { date: '2027-01-01', name: '元旦' },
          { from: '2027-02-05', to: '2027-02-11', name: '春节' },
          { from: '2027-04-05', to: '2027-04-05', name: '清明' },
        ],
        makeupWorkdays: ['2027-02-20'],
      }),
    );
    expect(entries).toHaveLength(10);
    expect(entries.filter((e) => e.name === '春节').map((e) => e.date)).toEqual([
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11',
    ]);
    expect(entries.find((e) => e.date === '2027-04-05')?.name).toBe('清明节');
    expect(entries.at(-1)).toEqual({ date: '2027-02-20', kind: 'makeup_workday' });

    // Loaded as the official 2027 schedule, the deadline is no longer provisional.
    const cal = new BusinessCalendar({ officialYears: groupByYear(entries) });
    expect(cal.addWorkingDays('2027-02-04', 3)).toMatchObject({ dueOn: '2027-02-15', provisional: false });
  });

  it('names the field of bad input', () => {
    expect(() => parseSchedule('[{"date":"2027-02-30","kind":"holiday"}]')).toThrow(/\[0\]\.date/);
    expect(() => parseSchedule('[{"date":"2027-02-03","kind":"vacation"}]')).toThrow(/\[0\]\.kind/);
    expect(() => parseSchedule('{"year":2027,"holidays":[{"from":"2027-02-05","to":"2027-02-0x","name":"春节"}]}')).toThrow(/holidays\[0\]\.to/);
    expect(() => parseSchedule('{"year":2027,"holidays":[{"date":"2027-02-05"}]}')).toThrow(/holidays\[0\]\.name/);
    expect(() => parseSchedule('{"year":2027,"makeupWorkdays":["2026-12-26"]}')).toThrow(/makeupWorkdays\[0\].*not in year 2027/);
    expect(() => parseSchedule('{"year":"2027"}')).toThrow(/year/);
    expect(() => parseSchedule('{"year":2027,"holidays":[{"from":"2027-02-08","to":"2027-02-05","name":"春节"}]}')).toThrow(/before/);
    expect(() => parseSchedule('[{"date":')).toThrow(/Invalid JSON/);
    expect(() => parseSchedule('hello')).toThrow(/Unrecognised schedule format/);
  });
});
