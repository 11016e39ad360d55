/**
 * Which handling stages are still pending in each status (Ch. 4). Once a stage
 * is done its deadline has been judged: it is no longer chased, shown as
 * overdue, or recomputed when the calendar or the rules change. The one
 * definition the deadline monitor, the dashboard, the calendar recompute and
 * the complaint views share.
 */
import type { Status } from './types.js';

/** Investigation (3 working days) is pending until the opinion is submitted for approval. */
export const INVESTIGATION_PENDING: readonly Status[] = ['received', 'investigating'];
/** Feedback to the complainant (4 working days) is pending until it is given. */
export const FEEDBACK_PENDING: readonly Status[] = ['received', 'investigating', 'pending_approval', 'approved'];
/** Ch. 3: not yet transferred to the complaint manager. */
export const TRANSFER_PENDING: readonly Status[] = ['received'];

/** True while the investigation deadline still applies to a complaint in `status`. */
export function investigationPending(status: string): boolean {
  return (INVESTIGATION_PENDING as readonly string[]).includes(status);
}

/** True while the feedback deadline still applies to a complaint in `status`. */
export function feedbackPending(status: string): boolean {
  return (FEEDBACK_PENDING as readonly string[]).includes(status);
}

/** True while the complaint still awaits its transfer to the complaint manager. */
export function transferPending(status: string): boolean {
  return (TRANSFER_PENDING as readonly string[]).includes(status);
}
