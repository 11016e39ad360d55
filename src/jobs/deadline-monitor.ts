/**
 * The deadline monitor (SPEC section 5, issue 3): finds complaints due today,
 * due on the next working day and overdue at each stage, and complaints not
 * transferred on the acceptance day, and notifies the responsible complaint
 * manager; overdue items and late transfers also go one level up (the
 * handling branch's head and HQ's head). Every notification carries an event
 * key unique per user, so repeated or concurrent runs never notify twice.
 */
import { formatCn } from '../calendar/dates.js';
import { shanghaiDate } from '../domain/dates.js';
import { refreshCalendarIfStale } from '../modules/calendar/calendar.store.js';
import { findDeadlineHits, STAGE_LABELS, workingDayAfter, type DeadlineHit } from '../modules/calendar/deadline-status.js';
import { flushEmails, notify } from '../modules/calendar/notifications.js';
import { inTransaction, type AppContext, type Trx } from '../server/context.js';

export interface MonitorResult {
  today: string;
  /** Deadline situations found (one per complaint and stage). */
  events: number;
  /** Notifications newly stored by this run. */
  created: number;
  emailed: number;
}

/** Kinds of deadline notifications; `due_tomorrow` means due on the next working day. */
const KIND = { due_today: 'due_today', due_soon: 'due_tomorrow', overdue: 'overdue', transfer_late: 'transfer_late' } as const;

function message(hit: DeadlineHit, provisionalNote: string): { title: string; body: string } {
  const { row, stage, state, dueOn } = hit;
  const what = STAGE_LABELS[stage];
  const head = `投诉 ${row.number}（客户：${row.customer_name}）`;
  switch (state) {
    case 'due_today':
      return { title: `${row.number} ${what}今日到期`, body: `${head}的${what}期限为今天（${formatCn(dueOn)}）${provisionalNote}，请今日内完成。` };
    case 'due_soon':
      return { title: `${row.number} ${what}将于${formatCn(dueOn, false)}到期`, body: `${head}的${what}期限为下一个工作日 ${formatCn(dueOn)}${provisionalNote}。` };
    case 'overdue':
      return { title: `${row.number} ${what}已逾期`, body: `${head}的${what}期限 ${formatCn(dueOn)}${provisionalNote} 已过，尚未完成。已同时提醒营业部负责人和经纪业务总部负责人督办。` };
    case 'transfer_late':
      return { title: `${row.number} 未于受理当日转交`, body: `${head}于 ${formatCn(dueOn)} 受理，按《营业部客户投诉处理办法》应于受理当日转交投诉管理人员，至今尚未转交。已同时提醒营业部负责人和经纪业务总部负责人。` };
  }
}

/** Looks up, once per run, who is responsible and who is one level up. */
function recipientFinder(trx: Trx) {
  const cache = new Map<string, Promise<string[]>>();
  const usersWithRole = (role: string, unitFilter: { unitId?: string; hq?: boolean }) => {
    const key = `${role}:${unitFilter.unitId ?? 'hq'}`;
    if (!cache.has(key)) {
      let qb = trx.selectFrom('users').innerJoin('units', 'units.id', 'users.unit_id').select(['users.id', 'users.roles']).where('users.disabled', '=', 0);
      qb = unitFilter.unitId ? qb.where('users.unit_id', '=', unitFilter.unitId) : qb.where('units.kind', '=', 'hq');
      cache.set(key, qb.orderBy('users.id').execute().then((rows) => rows.filter((u) => (JSON.parse(u.roles) as string[]).includes(role)).map((u) => u.id)));
    }
    return cache.get(key)!;
  };
  return async (hit: DeadlineHit): Promise<string[]> => {
    const { row, state } = hit;
    let responsible: string[] = [];
    if (row.manager_id) {
      const m = await trx.selectFrom('users').select('id').where('id', '=', row.manager_id).where('disabled', '=', 0).executeTakeFirst();
      if (m) responsible = [m.id];
    }
    if (responsible.length === 0) responsible = await usersWithRole('complaint_manager', { unitId: row.handling_unit_id });
    const escalate = state === 'overdue' || state === 'transfer_late';
    const up = escalate ? [...(await usersWithRole('branch_head', { unitId: row.handling_unit_id })), ...(await usersWithRole('hq_head', { hq: true }))] : [];
    // Sorted so concurrent runs insert in the same order and cannot deadlock on the unique key.
    return [...new Set([...responsible, ...up])].sort();
  };
}

/** One monitor pass as of `now`. Safe to run repeatedly and on several nodes at once. */
export async function runDeadlineMonitor(ctx: AppContext, now: Date): Promise<MonitorResult> {
  const cal = await refreshCalendarIfStale(ctx);
  const today = shanghaiDate(now);
  const nextWorkingDay = workingDayAfter(cal, today, 1);
  const hits = await findDeadlineHits(ctx.db.kysely, today, nextWorkingDay);
  let created = 0;
  // One short transaction per complaint: a failure on one does not hold back the others' notices.
  const byComplaint = new Map<string, DeadlineHit[]>();
  for (const h of hits) byComplaint.set(h.row.id, [...(byComplaint.get(h.row.id) ?? []), h]);
  for (const [complaintId, list] of byComplaint) {
    created += await inTransaction(ctx, async (trx) => {
      const recipients = recipientFinder(trx);
      let n = 0;
      for (const hit of list) {
        const note = hit.row.due_provisional === 1 && hit.stage !== 'transfer' ? '（暂定：该年度官方放假安排尚未发布）' : '';
        const { title, body } = message(hit, note);
        const eventKey = `deadline:${complaintId}:${hit.stage}:${KIND[hit.state]}:${hit.dueOn}`;
        for (const userId of await recipients(hit)) {
          if (await notify(ctx, trx, { userId, eventKey, kind: KIND[hit.state], title, body, complaintId })) n++;
        }
      }
      return n;
    });
  }
  const emailed = await flushEmails(ctx);
  return { today, events: hits.length, created, emailed };
}
