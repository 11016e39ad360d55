/**
 * Ch. 6 (1): archives are kept for the retention period (5 years by default)
 * and then destroyed under company rules: an HQ request, approval by the HQ
 * head (not the requester), no legal hold. Destruction erases personal data
 * and attachments and keeps a tombstone (number, dates, unit, outcome class)
 * plus a destruction log.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { shanghaiDate } from '../../../domain/dates.js';
import { AppError, invalid } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/workflow.js';
import type { AppContext, Trx } from '../../../server/context.js';
import { appendAudit } from '../../audit/audit.js';
import { findBatch } from '../archive/archive.queries.js';
import { assertNotHeld } from './legal-hold.js';

const ERASED = '（已销毁）';
/** Neutral text for notifications about destroyed complaints (their title and body named the customer). */
export const NOTICE_ERASED = '（已按保管期限销毁）';

/** What a destruction erased for one complaint outside the complaint's own rows (stored in destruction_log.erased). */
export interface DestructionErased {
  notifications: number;
  surveyComments: number;
  intakeMessages: number;
  /** Months (YYYY-MM) of the accepting unit's monthly reports whose submitted snapshot files were erased. */
  monthlyReportSnapshots: string[];
}

/**
 * Personal data copied outside the complaint: notifications, portal survey
 * comments, the sender of intake mail, and the monthly report snapshot of the
 * month the complaint was accepted in (the report keeps its submission facts;
 * downloads regenerate it from the tombstoned data).
 */
async function eraseCopies(trx: Trx, c: { id: string; accepting_unit_id: string; accepted_on: string }, at: string): Promise<DestructionErased> {
  const n = await trx.updateTable('notifications').set({ title: NOTICE_ERASED, body: NOTICE_ERASED }).where('complaint_id', '=', c.id).executeTakeFirst();
  const s = await trx.updateTable('portal_surveys').set({ comment: null }).where('complaint_id', '=', c.id).where('comment', 'is not', null).executeTakeFirst();
  const m = await trx.updateTable('intake_messages').set({ mail_from: ERASED }).where('complaint_id', '=', c.id).executeTakeFirst();
  const month = c.accepted_on.slice(0, 7);
  const r = await trx
    .updateTable('monthly_reports')
    .set({ xlsx_base64: null, pdf_base64: null, snapshot_erased_at: at })
    .where('unit_id', '=', c.accepting_unit_id)
    .where('month', '=', month)
    .where((eb) => eb.or([eb('xlsx_base64', 'is not', null), eb('pdf_base64', 'is not', null)]))
    .executeTakeFirst();
  return { notifications: Number(n.numUpdatedRows), surveyComments: Number(s.numUpdatedRows), intakeMessages: Number(m.numUpdatedRows), monthlyReportSnapshots: Number(r.numUpdatedRows) > 0 ? [month] : [] };
}

export async function requestDestruction({ ctx, trx, actor, batchId, reason }: { ctx: AppContext; trx: Trx; actor: Actor; batchId: string; reason: string }): Promise<string> {
  if (actor.unitKind !== 'hq' || !actor.roles.some((r) => r === 'hq_head' || r === 'complaint_manager' || r === 'admin')) {
    throw new AppError('FORBIDDEN', '销毁申请由经纪业务总部提出');
  }
  if (!reason || reason.trim() === '') throw invalid('reason', '请填写销毁理由');
  const b = await findBatch(trx, actor, batchId);
  const today = shanghaiDate(ctx.clock.now());
  if (b.destroyed_at) throw new AppError('CONFLICT', `归档批次 ${b.number} 已销毁`);
  if (b.retain_until > today) throw new AppError('CONFLICT', `归档批次 ${b.number} 保管期至 ${b.retain_until}，未到期不能销毁`, { details: { retainUntil: b.retain_until } });
  await assertNotHeld(trx, b);
  const pending = await trx.selectFrom('destruction_requests').select('id').where('batch_id', '=', b.id).where('status', '=', 'pending').executeTakeFirst();
  if (pending) throw new AppError('CONFLICT', `归档批次 ${b.number} 已有待审批的销毁申请`, { details: { requestId: pending.id } });
  const id = randomUUID();
  const now = ctx.clock.now();
  await trx.insertInto('destruction_requests').values({ id, batch_id: b.id, reason: reason.trim(), status: 'pending', requested_by: actor.id, requested_at: now.toISOString(), approved_by: null, approved_at: null, executed_at: null }).execute();
  await appendAudit(trx, ctx.db.dialect, { actorId: actor.id, entityType: 'destruction_request', entityId: id, action: 'request_destruction', detail: { batchId: b.id, batchNumber: b.number, reason: reason.trim() } }, now);
  return id;
}

/**
 * Approve and execute in one transaction. Returns the attachment files to
 * delete: the caller removes them after commit, so a rolled-back destruction
 * never loses files.
 */
export async function approveDestruction({ ctx, trx, actor, requestId }: { ctx: AppContext; trx: Trx; actor: Actor; requestId: string }): Promise<{ files: string[]; complaints: number }> {
  if (actor.unitKind !== 'hq' || !actor.roles.includes('hq_head')) throw new AppError('FORBIDDEN', '销毁须经经纪业务总部负责人审批');
  const req = await trx.selectFrom('destruction_requests').selectAll().where('id', '=', requestId).executeTakeFirst();
  if (!req) throw new AppError('NOT_FOUND', `销毁申请 ${requestId} 不存在`);
  if (req.requested_by === actor.id) throw new AppError('FORBIDDEN', '申请人不能审批本人的销毁申请');
  if (req.status !== 'pending') throw new AppError('CONFLICT', '该销毁申请已处理');
  const b = await findBatch(trx, actor, req.batch_id);
  if (b.destroyed_at) throw new AppError('CONFLICT', `归档批次 ${b.number} 已销毁`);
  await assertNotHeld(trx, b);

  const now = ctx.clock.now();
  const at = now.toISOString();
  // Claim the request first: of two concurrent approvals only one finds it pending.
  const claimed = await trx.updateTable('destruction_requests').set({ status: 'executed', approved_by: actor.id, approved_at: at, executed_at: at }).where('id', '=', req.id).where('status', '=', 'pending').executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1) throw new AppError('CONFLICT', '该销毁申请已处理');
  const complaints = await trx.selectFrom('complaints').select(['id', 'number', 'status', 'version', 'accepting_unit_id', 'accepted_on']).where('archive_batch_id', '=', b.id).orderBy('number').execute();
  const files: string[] = [];
  for (const c of complaints) {
    const atts = await trx.selectFrom('attachments').select(['id', 'storage_key']).where('complaint_id', '=', c.id).where('erased_at', 'is', null).execute();
    for (const a of atts) files.push(join(ctx.dataDir, 'attachments', a.storage_key));
    await trx.updateTable('attachments').set({ erased_at: at, filename: ERASED }).where('complaint_id', '=', c.id).execute();
    // Tombstone: number, dates, units, channel/category, outcome class stay; everything about the person goes.
    await trx
      .updateTable('complaints')
      .set({
        status: 'destroyed', version: c.version + 1, updated_at: at,
        customer_name: ERASED, customer_phone: null, customer_email: null, customer_address: null, account_number: null, id_number: null,
        narrative: ERASED, reason: ERASED, preliminary_opinion: null, occurred_at: null, location: null, involved_staff: '[]', channel_details: '{}',
        findings: null, handling_opinion: null, feedback: null, verification: null, legal_review: null, malicious_reason: null, withdrawn_reason: null,
        tracking_code: null, regulator_case_number: null,
      })
      .where('id', '=', c.id)
      .execute();
    await trx.updateTable('rectifications').set({ description: ERASED, owner: ERASED, done_note: null }).where('complaint_id', '=', c.id).execute();
    await trx.updateTable('accountability_actions').set({ person: ERASED, measure: ERASED }).where('complaint_id', '=', c.id).execute();
    await trx.updateTable('approvals').set({ comment: null }).where('complaint_id', '=', c.id).execute();
    await trx.updateTable('callbacks').set({ note: null }).where('complaint_id', '=', c.id).execute();
    await trx.updateTable('coordination_tasks').set({ note: null, done_note: null }).where('complaint_id', '=', c.id).execute();
    const erased = await eraseCopies(trx, c, at);
    await trx.insertInto('destruction_log').values({ id: randomUUID(), request_id: req.id, batch_id: b.id, complaint_id: c.id, complaint_number: c.number, attachments_erased: atts.length, erased: JSON.stringify(erased), destroyed_at: at, destroyed_by: actor.id }).execute();
    await appendAudit(trx, ctx.db.dialect, { actorId: actor.id, entityType: 'complaint', entityId: c.id, action: 'destroy', fromStatus: c.status, toStatus: 'destroyed', detail: { batchId: b.id, requestId: req.id, attachmentsErased: atts.length, ...erased } }, now);
  }
  await trx.updateTable('archive_batches').set({ destroyed_at: at }).where('id', '=', b.id).execute();
  await appendAudit(trx, ctx.db.dialect, { actorId: actor.id, entityType: 'destruction_request', entityId: req.id, action: 'approve_destruction', detail: { batchId: b.id } }, now);
  await appendAudit(trx, ctx.db.dialect, { actorId: actor.id, entityType: 'archive_batch', entityId: b.id, action: 'destroy_archive_batch', detail: { requestId: req.id, complaints: complaints.map((c) => c.number), attachmentsErased: files.length } }, now);
  return { files, complaints: complaints.length };
}
