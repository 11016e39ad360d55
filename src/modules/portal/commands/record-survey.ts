/**
 * The customer answers the satisfaction survey linked from the callback (Ch. 5).
 * The answer is stored per handling round and audited on the complaint; the
 * manager's callback record stays the official verification.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../domain/errors.js';
import type { Satisfaction, Status } from '../../../domain/types.js';
import type { AppContext, Trx } from '../../../server/context.js';
import { appendAudit } from '../../audit/audit.js';
import { checkVerification } from '../../complaints/verification-check.js';
import type { ComplaintRow } from '../../complaints/complaints.queries.js';
import { surveyOpen } from '../portal.rules.js';
import '../portal.tables.js';

export interface SurveyState {
  number: string;
  canRespond: boolean;
  alreadyResponded: boolean;
}

/** Whether the customer may answer now, and whether they already did for this round. */
export async function surveyState(db: Trx, row: ComplaintRow, now: Date): Promise<SurveyState> {
  const existing = await db.selectFrom('portal_surveys').select('id').where('complaint_id', '=', row.id).where('round', '=', row.round).executeTakeFirst();
  const alreadyResponded = !!existing;
  return { number: row.number, canRespond: !alreadyResponded && surveyOpen(row.status as Status, row.closed_at, now), alreadyResponded };
}

export interface SurveyInput {
  satisfaction: Satisfaction;
  comment?: string;
}

export async function recordSurvey({ ctx, trx, row, input }: { ctx: AppContext; trx: Trx; row: ComplaintRow; input: SurveyInput }): Promise<void> {
  const now = ctx.clock.now();
  const state = await surveyState(trx, row, now);
  if (state.alreadyResponded) throw new AppError('CONFLICT', '您已提交过本次满意度评价，感谢您的反馈');
  if (!state.canRespond) throw new AppError('CONFLICT', '该投诉当前不在满意度评价期内');
  const id = randomUUID();
  const comment = input.comment?.trim() || null;
  // The unique (complaint, round) constraint settles a double submit racing past the check above.
  try {
    await trx.insertInto('portal_surveys').values({ id, complaint_id: row.id, round: row.round, satisfaction: input.satisfaction, comment, created_at: now.toISOString() }).execute();
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('CONFLICT', '您已提交过本次满意度评价，感谢您的反馈');
    throw e;
  }
  await appendAudit(
    trx,
    ctx.db.dialect,
    { actorId: null, entityType: 'complaint', entityId: row.id, action: 'customer_survey', detail: { surveyId: id, round: row.round, satisfaction: input.satisfaction, hasComment: comment !== null } },
    now,
  );
  await checkVerification(ctx, trx, row.id, row.round, now);
}

/** Survey answers for staff, newest round last. */
export async function surveysOf(db: Trx, complaintId: string) {
  const rows = await db.selectFrom('portal_surveys').selectAll().where('complaint_id', '=', complaintId).orderBy('round').orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.id, round: Number(r.round), satisfaction: r.satisfaction, comment: r.comment, createdAt: r.created_at }));
}

function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}
