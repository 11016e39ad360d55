/**
 * Finding a complaint from what the customer holds: the tracking code and the
 * last four digits of the phone number given. Any mismatch is the same 404, so
 * codes cannot be probed.
 */
import { shanghaiDate } from '../../domain/dates.js';
import { AppError } from '../../domain/errors.js';
import type { Status } from '../../domain/types.js';
import type { Trx } from '../../server/context.js';
import type { ComplaintRow } from '../complaints/complaints.queries.js';
import { trackingSteps, CUSTOMER_STAGE_LABELS } from './portal.rules.js';

/** Tracking codes are printed in upper case; customers may type them with spaces, dashes or in lower case. */
export function normaliseCode(code: string): string {
  return code.replace(/[\s-]/g, '').toUpperCase();
}

/** Digits only, without a +86 / 0086 country prefix. */
export function phoneDigits(phone: string): string {
  return phone.replace(/\D/g, '').replace(/^(0086|86)(?=1\d{10}$)/, '');
}

const notFound = () => new AppError('NOT_FOUND', '未找到该投诉，请核对查询码和手机号后四位');

/** The complaint for a tracking code and phone tail, or the one uniform 404. */
export async function findByTracking(db: Trx, code: string, phoneLast4: string): Promise<ComplaintRow> {
  const last4 = phoneLast4.trim();
  if (!/^\d{4}$/.test(last4)) throw notFound();
  const row = await db.selectFrom('complaints').selectAll().where('tracking_code', '=', normaliseCode(code)).executeTakeFirst();
  // Destroyed complaints have no personal data left, so they fail here too.
  if (!row || !row.customer_phone || !phoneDigits(row.customer_phone).endsWith(last4)) throw notFound();
  return row;
}

/** The customer's view of a complaint: stage and committed dates only. */
export function presentTracking(row: ComplaintRow) {
  const status = row.status as Status;
  return {
    number: row.number,
    status,
    stage: CUSTOMER_STAGE_LABELS[status],
    acceptedOn: row.accepted_on,
    investigationDueOn: row.investigation_due_on,
    feedbackDueOn: row.feedback_due_on,
    ...(row.closed_at ? { closedOn: shanghaiDate(new Date(row.closed_at)) } : {}),
    steps: trackingSteps({ status, acceptedOn: row.accepted_on, approvedOn: row.approved_on, feedbackOn: row.feedback_on, closedAt: row.closed_at }),
  };
}
