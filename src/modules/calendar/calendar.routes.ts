/** Calendar API: day status and deadline calculation for staff; loading years, overrides, history and status for administrators. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CalendarEntry } from '../../calendar/calendar.js';
import { toDayNumber } from '../../calendar/dates.js';
import { parseIcs, parseSchedule, parseScheduleJson } from '../../calendar/ics.js';
import { isIsoDate, shanghaiDate } from '../../domain/dates.js';
import { invalid } from '../../domain/errors.js';
import type { Role } from '../../domain/types.js';
import { authenticate, currentUser } from '../../server/auth.js';
import { inTransaction, type AppContext } from '../../server/context.js';
import { calendarStatus } from './calendar.status.js';
import { install } from './calendar.store.js';
import { DateParams, DaysQuery, DueQuery, LoadYearBody, OverrideBody, ReasonQuery, YearParams } from './calendar.schemas.js';
import { loadOfficialYear, parseYear, removeOverride, setOverride, type ChangeResult } from './commands/change-calendar.js';

/** Who may change the calendar and see its history and status. */
export const CALENDAR_ADMINS: readonly Role[] = ['admin', 'hq_head'];

/** Longest range /days answers at once (two years), so one request cannot ask for centuries. */
const MAX_RANGE_DAYS = 731;

function date(v: unknown, field: string): string {
  if (!isIsoDate(v)) throw invalid(field, `须为 YYYY-MM-DD 格式的有效日期，收到 ${JSON.stringify(v ?? null)}`);
  try {
    toDayNumber(v, field);
  } catch {
    throw invalid(field, '年份须在 1901-2099 之间');
  }
  return v;
}

function count(v: string, field: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1 || n > 3660) throw invalid(field, `须为 1-3660 之间的整数，收到 ${JSON.stringify(v)}`);
  return n;
}

/** Entries of a year load: given directly, or parsed from an ICS/JSON text (keeping only that year's days). */
export function entriesFromBody(year: number, body: { entries?: unknown[]; format?: 'ics' | 'json'; text?: string }): unknown[] {
  if (body.entries !== undefined && body.text !== undefined) throw invalid('entries', 'entries 与 text 只能提供其一');
  if (body.entries !== undefined) return body.entries;
  if (body.text === undefined || !body.text.trim()) throw invalid('entries', `请提供 ${year} 年的放假安排（entries 或 text）`);
  let parsed: CalendarEntry[];
  try {
    parsed = body.format === 'ics' ? parseIcs(body.text) : body.format === 'json' ? parseScheduleJson(body.text) : parseSchedule(body.text);
  } catch (e) {
    throw invalid('text', (e as Error).message);
  }
  // A published ICS usually spans many years; only the requested year is loaded.
  const own = parsed.filter((e) => Number(e.date.slice(0, 4)) === year);
  if (own.length === 0) throw invalid('text', `文件中没有 ${year} 年的条目`);
  return own;
}

const presentChange = (r: ChangeResult) => ({ version: r.version, recomputed: r.recomputed });

export function calendarRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const auth = authenticate(ctx);
    const admin = authenticate(ctx, CALENDAR_ADMINS);
    const actorOf = (req: Parameters<typeof currentUser>[0]) => {
      const u = currentUser(req);
      return { id: u.id, label: u.displayName };
    };

    app.get('/api/calendar/days', { schema: { tags: ['calendar'], summary: '逐日查询工作日、交易日、节假日', querystring: DaysQuery }, preHandler: auth }, async (req) => {
      const from = date(req.query.from, 'from');
      const to = date(req.query.to, 'to');
      if (to < from) throw invalid('to', '截止日期不能早于起始日期');
      if (toDayNumber(to) - toDayNumber(from) >= MAX_RANGE_DAYS) throw invalid('to', `一次最多查询 ${MAX_RANGE_DAYS} 天`);
      const cal = ctx.calendar();
      return { items: cal.days(from, to) };
    });

    app.get('/api/calendar/due', { schema: { tags: ['calendar'], summary: '计算期限：自起算日（含）起第 N 个工作日或交易日', querystring: DueQuery }, preHandler: auth }, async (req) => {
      const q = req.query;
      const from = date(q.from, 'from');
      if ((q.workingDays === undefined) === (q.tradingDays === undefined)) throw invalid('workingDays', '请提供 workingDays 或 tradingDays 之一');
      const cal = ctx.calendar();
      const r = q.workingDays !== undefined ? cal.addWorkingDays(from, count(q.workingDays, 'workingDays')) : cal.addTradingDays(from, count(q.tradingDays!, 'tradingDays'));
      return { dueOn: r.dueOn, provisional: r.provisional, explanation: r.explanation, skipped: r.skipped.map((d) => d.date) };
    });

    app.get('/api/calendar/status', { schema: { tags: ['calendar'], summary: '官方放假安排加载情况与提醒' }, preHandler: admin }, async () => {
      const cal = ctx.calendar();
      return calendarStatus(cal, shanghaiDate(ctx.clock.now()));
    });

    app.post('/api/calendar/years/:year', { schema: { tags: ['calendar'], summary: '导入某年国务院办公厅放假安排（替换该年已导入的安排）', params: YearParams, body: LoadYearBody }, preHandler: admin }, async (req) => {
      const year = parseYear(req.params.year);
      const entries = entriesFromBody(year, req.body);
      const r = await inTransaction(ctx, (trx) => loadOfficialYear({ ctx, trx, actor: actorOf(req), reason: req.body.reason, year, entries }));
      install(ctx, r.calendar, r.version);
      return { year, entries: entries.length, ...presentChange(r) };
    });

    app.get('/api/calendar/overrides', { schema: { tags: ['calendar'], summary: '当前的单日调整（含交易所休市）' }, preHandler: admin }, async () => {
      const rows = await ctx.db.kysely.selectFrom('calendar_entries').select(['date', 'kind', 'name', 'version']).where('source', '=', 'override').orderBy('date').orderBy('kind').execute();
      return { items: rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name, version: Number(r.version) })) };
    });

    app.post('/api/calendar/overrides', { schema: { tags: ['calendar'], summary: '单日调整：放假、改为工作日、交易所休市/开市', body: OverrideBody }, preHandler: admin }, async (req, reply) => {
      const { reason, ...entry } = req.body;
      const r = await inTransaction(ctx, (trx) => setOverride({ ctx, trx, actor: actorOf(req), reason, entry }));
      install(ctx, r.calendar, r.version);
      reply.status(201);
      return { ...presentChange(r), day: r.calendar.day(entry.date) };
    });

    app.delete('/api/calendar/overrides/:date', { schema: { tags: ['calendar'], summary: '删除某日的单日调整（reason 经查询参数提供）', params: DateParams, querystring: ReasonQuery }, preHandler: admin }, async (req) => {
      const d = date(req.params.date, 'date');
      const reason = req.query.reason ?? (req.body as { reason?: string } | undefined)?.reason ?? '';
      const r = await inTransaction(ctx, (trx) => removeOverride({ ctx, trx, actor: actorOf(req), reason, date: d }));
      install(ctx, r.calendar, r.version);
      return { ...presentChange(r), day: r.calendar.day(d) };
    });

    app.get('/api/calendar/history', { schema: { tags: ['calendar'], summary: '日历变更版本历史（谁、何时、为何、改了什么）' }, preHandler: admin }, async () => {
      const rows = await ctx.db.kysely.selectFrom('calendar_versions').selectAll().orderBy('version', 'desc').execute();
      return {
        items: rows.map((r) => ({
          version: Number(r.version),
          at: r.at,
          actorId: r.actor_id,
          actorName: r.actor_label,
          action: r.action,
          reason: r.reason,
          detail: JSON.parse(r.detail) as Record<string, unknown>,
          recomputed: Number(r.recomputed),
        })),
      };
    });
  };
}
