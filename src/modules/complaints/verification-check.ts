/**
 * Compares the manager's callback record with the customer's own survey answer
 * for the same round. When the customer is less satisfied than recorded, the
 * complaint is flagged, the trail says so, and HQ is told: this is how a
 * concealed verification result (Ch. 5 item 4) surfaces.
 */
import { verificationDiscrepancy } from '../../domain/draft.js';
import type { Satisfaction } from '../../domain/types.js';
import type { AppContext, Trx } from '../../server/context.js';
import { appendAudit } from '../audit/audit.js';
import { notify } from '../calendar/notifications.js';
import { hqStaffWithRoles } from '../org/org.queries.js';
import '../portal/portal.tables.js';

export async function checkVerification(ctx: AppContext, trx: Trx, complaintId: string, round: number, now: Date): Promise<boolean> {
  const callback = await trx
    .selectFrom('callbacks')
    .select(['satisfaction', 'called_by'])
    .where('complaint_id', '=', complaintId)
    .where('round', '=', round)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  const survey = await trx.selectFrom('portal_surveys').select('satisfaction').where('complaint_id', '=', complaintId).where('round', '=', round).executeTakeFirst();
  if (!callback || !survey) return false;
  if (!verificationDiscrepancy(callback.satisfaction as Satisfaction, survey.satisfaction as Satisfaction)) return false;
  const c = await trx.selectFrom('complaints').select(['number', 'verification_flagged']).where('id', '=', complaintId).executeTakeFirstOrThrow();
  if (c.verification_flagged === 1) return true;
  await trx.updateTable('complaints').set({ verification_flagged: 1 }).where('id', '=', complaintId).execute();
  const detail = { round, recorded: callback.satisfaction, customer: survey.satisfaction, calledBy: callback.called_by };
  await appendAudit(trx, ctx.db.dialect, { actorId: null, entityType: 'complaint', entityId: complaintId, action: 'verification_discrepancy', detail }, now);
  for (const u of await hqStaffWithRoles(trx, ['hq_head', 'complaint_manager'])) {
    await notify(ctx, trx, {
      userId: u.id,
      eventKey: `verification_discrepancy:${complaintId}:${round}`,
      kind: 'verification_discrepancy',
      title: `回访结果与客户评价不一致：${c.number}`,
      body: `投诉 ${c.number} 第 ${round} 轮回访记录为「${callback.satisfaction}」，客户在线评价为「${survey.satisfaction}」，请核查回访验证的真实性。`,
      complaintId,
    });
  }
  return true;
}
