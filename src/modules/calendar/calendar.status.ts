/** Whether the official schedules administrators must load are in place (SPEC section 5: warn ahead of time). */
import type { BusinessCalendar } from '../../calendar/calendar.js';

export interface CalendarStatus {
  today: string;
  /** Years with official data (shipped 2004-2026 plus admin-loaded). */
  officialYears: number[];
  /** This year and next year, where no official schedule is loaded: their deadlines are provisional. */
  provisionalYears: number[];
  /** Set when administrators must act. */
  warning?: string;
}

/** The State Council usually publishes next year's notice in October-November; from November 1 its absence is worth a warning. */
export const WARN_FROM_MONTH = 11;

/** Status as of `today` (YYYY-MM-DD, Asia/Shanghai). */
export function calendarStatus(cal: BusinessCalendar, today: string): CalendarStatus {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const provisionalYears = [year, year + 1].filter((y) => !cal.hasOfficialYear(y));
  const status: CalendarStatus = { today, officialYears: cal.officialYears(), provisionalYears };
  if (!cal.hasOfficialYear(year)) {
    status.warning = `尚未加载${year}年国务院办公厅节假日安排通知：本年度的期限按法定节假日推算，均为暂定，请尽快导入。`;
  } else if (month >= WARN_FROM_MONTH && !cal.hasOfficialYear(year + 1)) {
    status.warning = `尚未加载${year + 1}年国务院办公厅节假日安排通知：涉及${year + 1}年的期限按法定节假日推算（不含调休），均为暂定。通知发布后请及时导入。`;
  }
  return status;
}
