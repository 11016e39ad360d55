/**
 * SPEC section 5: when the calendar (or a deadline rule) changes, the
 * deadlines still pending are recomputed from the acceptance day and each
 * change is audited. A stage already done keeps the deadline it was judged by:
 * the investigation deadline once the opinion is submitted, the feedback
 * deadline once feedback is given (src/domain/stages.ts); closed, archived and
 * withdrawn complaints keep both.
 */
import type { BusinessCalendar } from '../../calendar/calendar.js';
import { FEEDBACK_PENDING, feedbackPending, investigationPending } from '../../domain/stages.js';
import { stageDeadlines } from '../../domain/deadlines.js';
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

/** Recomputes the pending deadlines of every complaint; returns how many complaints changed. Runs in the caller's transaction. */
export async function recomputeOpenDeadlines({ ctx, trx, calendar, calendarVersion, actorId, now }: RecomputeOptions): Promise<number> {
  const rows = await trx
    .selectFrom('complaints')
    .select(['id', 'status', 'accepted_on', 'investigation_due_on', 'feedback_due_on', 'due_provisional'])
    // Feedback is pending in every status where investigation is: a superset of what may change.
    .where('status', 'in', [...FEEDBACK_PENDING])
    .orderBy('id')
    .execute();
  let changed = 0;
  for (const r of rows) {
    if (!feedbackPending(r.status)) continue;
    const due = stageDeadlines(calendar, r.accepted_on, ctx.rules);
    const inv = investigationPending(r.status) ? due.investigation : null;
    const fb = due.feedback;
    // "Provisional" warns that a pending deadline may still move; a judged stage no longer can.
    const next = { investigationDueOn: inv?.dueOn ?? r.investigation_due_on, feedbackDueOn: fb.dueOn, provisional: (inv?.provisional ?? false) || fb.provisional };
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
