/** `calendar status`: which years have official schedules, which are provisional, and the warning administrators must act on. */
import { shanghaiDate } from '../../domain/dates.js';
import { calendarStatus } from '../../modules/calendar/calendar.status.js';
import { currentVersion, loadCalendar } from '../../modules/calendar/calendar.store.js';
import type { CliCommand } from '../command.js';

/** Compresses [2004, 2005, ..., 2026, 2028] into '2004-2026, 2028'. */
export function yearRanges(years: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < years.length; ) {
    let j = i;
    while (j + 1 < years.length && years[j + 1] === years[j] + 1) j++;
    out.push(j > i ? `${years[i]}-${years[j]}` : `${years[i]}`);
    i = j + 1;
  }
  return out.join(', ');
}

export const command: CliCommand = {
  name: 'calendar status',
  usage: 'calendar status',
  description: '显示已加载官方放假安排的年份、暂定年份及提醒',
  async run(_args, ctx) {
    const cal = await loadCalendar(ctx!);
    const s = calendarStatus(cal, shanghaiDate(ctx!.clock.now()));
    console.log(`今天（上海）：${s.today}`);
    console.log(`日历版本：${await currentVersion(ctx!.db.kysely)}`);
    console.log(`官方安排年份：${yearRanges(s.officialYears)}`);
    console.log(`暂定年份（按法定节假日推算）：${s.provisionalYears.length ? s.provisionalYears.join(', ') : '无'}`);
    if (s.warning) {
      console.log(`提醒：${s.warning}`);
      return 1;
    }
    return 0;
  },
};
