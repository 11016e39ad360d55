/**
 * SPEC section 5: when the calendar changes, open complaints' deadlines are
 * recomputed from their acceptance day and each change is audited. Closed,
 * archived and withdrawn complaints keep the deadlines they were judged by.
 */
import type { BusinessCalendar } from '../../calendar/calendar.js';
import { complaintDeadlines } from '../../domain/deadlines.js';
import { OPEN_STATUSES } from '../../domain/workflow.js';
import type { AppContext, Trx } from '../../server/context.js';
import { appendAudit } from '../audit/audit.js';

export interface RecomputeOptions {
  ctx: AppContext;
  trx: Trx;
  /** The calendar after the change. */
  calendar: BusinessCalendar;
  calendarVersion: number;
  actorId: string | null;
  now: Date;
}

/** Recomputes every open complaint's deadlines; returns how many changed. Runs in the caller's transaction. */
export async function recomputeOpenDeadlines({ ctx, trx, calendar, calendarVersion, actorId, now }: RecomputeOptions): Promise<number> {
  const rows = await trx
    .selectFrom('complaints')
    .select(['id', 'status', 'accepted_on', 'investigation_due_on', 'feedback_due_on', 'due_provisional'])
    .where('status', 'in', OPEN_STATUSES)
    .orderBy('id')
    .execute();
  let changed = 0;
  for (const r of rows) {
    const next = complaintDeadlines(calendar, r.accepted_on, ctx.rules);
    const old = { investigationDueOn: r.investigation_due_on, feedbackDueOn: r.feedback_due_on, provisional: r.due_provisional === 1 };
    if (old.investigationDueOn === next.investigationDueOn && old.feedbackDueOn === next.feedbackDueOn && old.provisional === next.provisional) continue;
    // The row's optimistic version is left alone: deadlines are not user-edited fields, so a
    // user's concurrent action on the complaint cannot overwrite them and need not fail as stale.
    await trx
      .updateTable('complaints')
      .set({ investigation_due_on: next.investigationDueOn, feedback_due_on: next.feedbackDueOn, due_provisional: next.provisional ? 1 : 0, updated_at: now.toISOString() })
      .where('id', '=', r.id)
      .execute();
    await appendAudit(
      trx,
      ctx.db.dialect,
      { actorId, entityType: 'complaint', entityId: r.id, action: 'recompute_deadlines', fromStatus: r.status, toStatus: r.status, detail: { old, new: next, calendarVersion } },
      now,
    );
    changed++;
  }
  return changed;
}
