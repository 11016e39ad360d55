/** Request schemas of the calendar, notification and dashboard API (TypeBox → JSON Schema → OpenAPI). */
import { Type } from 'typebox';
import { ENTRY_KINDS } from '../../calendar/calendar.js';

const Day = (description: string) => Type.String({ description: `${description}（YYYY-MM-DD）` });
const Reason = Type.String({ maxLength: 1000, description: '变更原因（记入版本历史）' });

export const DaysQuery = Type.Object({ from: Day('起始日期'), to: Day('截止日期（含）') });

export const DueQuery = Type.Object({
  from: Day('起算日（含当日）'),
  workingDays: Type.Optional(Type.String({ description: '第 N 个工作日（与 tradingDays 二选一）' })),
  tradingDays: Type.Optional(Type.String({ description: '第 N 个交易日（与 workingDays 二选一）' })),
});

export const EntrySchema = Type.Object(
  {
    date: Day('日期'),
    kind: Type.String({ description: `类型：${ENTRY_KINDS.join(' / ')}` }),
    name: Type.Optional(Type.String({ maxLength: 50, description: '节日名称，如 国庆节' })),
  },
  { description: 'holiday 放假；makeup_workday 调休上班；working_day 改为工作日；exchange_closed 交易所休市；exchange_open 交易所开市' },
);

export const YearParams = Type.Object({ year: Type.String({ description: '年份，如 2027' }) });

export const LoadYearBody = Type.Object({
  entries: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 400, description: '逐日条目 {date, kind, name?}（与 text 二选一）' })),
  format: Type.Optional(Type.Union([Type.Literal('ics'), Type.Literal('json')], { description: 'text 的格式' })),
  text: Type.Optional(Type.String({ maxLength: 2_000_000, description: 'ICS 文件或 JSON（条目数组，或 {year, holidays, makeupWorkdays}）' })),
  reason: Reason,
});

export const OverrideBody = Type.Object({
  date: Day('日期'),
  kind: Type.String({ description: `类型：${ENTRY_KINDS.join(' / ')}` }),
  name: Type.Optional(Type.String({ maxLength: 50, description: '名称，如 交易所临时休市' })),
  reason: Reason,
});

export const DateParams = Type.Object({ date: Day('日期') });
export const ReasonQuery = Type.Object({ reason: Type.Optional(Reason) });
export const IdParams = Type.Object({ id: Type.String() });
