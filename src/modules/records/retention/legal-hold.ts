/**
 * Legal hold: while a complaint or a whole archive batch is under hold (e.g.
 * litigation or a regulator's inquiry), it cannot be destroyed. Placing or
 * lifting a hold does not change the sealed record itself; it is audited.
 */
import { AppError, invalid } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/workflow.js';
import type { AppContext, Trx } from '../../../server/context.js';
import { appendAudit } from '../../audit/audit.js';
import { findComplaint } from '../../complaints/complaints.queries.js';
import { findBatch } from '../archive/archive.queries.js';

export interface HoldInput {
  hold: boolean;
  reason: string;
}

/** HQ's legal department, head or complaint managers. */
export function assertHoldRole(actor: Actor): void {
  if (actor.unitKind !== 'hq' || !actor.roles.some((r) => r === 'legal' || r === 'hq_head' || r === 'complaint_manager')) {
    throw new AppError('FORBIDDEN', '诉讼保全（冻结销毁）由总部法律部门、经纪业务总部负责人或投诉管理人员设置');
  }
}

function reasonOf(input: HoldInput): string {
  if (typeof input.hold !== 'boolean') throw invalid('hold', '须为 true 或 false');
  if (!input.reason || input.reason.trim() === '') throw invalid('reason', '请说明设置或解除冻结的原因');
  return input.reason.trim();
}

export async function setComplaintHold({ ctx, trx, actor, complaintId, input }: { ctx: AppContext; trx: Trx; actor: Actor; complaintId: string; input: HoldInput }): Promise<void> {
  assertHoldRole(actor);
  const reason = reasonOf(input);
  const row = await findComplaint(trx, actor, complaintId);
  if (row.status === 'destroyed') throw new AppError('CONFLICT', '该投诉档案已销毁');
  if ((row.legal_hold === 1) === input.hold) throw new AppError('CONFLICT', input.hold ? '该投诉已处于冻结状态' : '该投诉未被冻结');
  await trx.updateTable('complaints').set({ legal_hold: input.hold ? 1 : 0 }).where('id', '=', row.id).execute();
  await appendAudit(trx, ctx.db.dialect, { actorId: actor.id, entityType: 'complaint', entityId: row.id, action: input.hold ? 'legal_hold' : 'release_legal_hold', detail: { reason } }, ctx.clock.now());
}

export async function setBatchHold({ ctx, trx, actor, batchId, input }: { ctx: AppContext; trx: Trx; actor: Actor; batchId: string; input: HoldInput }): Promise<void> {
  assertHoldRole(actor);
  const reason = reasonOf(input);
  const b = await findBatch(trx, actor, batchId);
  if (b.destroyed_at) throw new AppError('CONFLICT', '该归档批次已销毁');
  if ((b.legal_hold === 1) === input.hold) throw new AppError('CONFLICT', input.hold ? '该批次已处于冻结状态' : '该批次未被冻结');
  await trx.updateTable('archive_batches').set({ legal_hold: input.hold ? 1 : 0, legal_hold_reason: input.hold ? reason : null }).where('id', '=', b.id).execute();
  await appendAudit(trx, ctx.db.dialect, { actorId: actor.id, entityType: 'archive_batch', entityId: b.id, action: input.hold ? 'legal_hold' : 'release_legal_hold', detail: { reason } }, ctx.clock.now());
}

/** Refuse (409) when the batch or any complaint in it is held, naming what is held. */
export async function assertNotHeld(trx: Trx, batch: { id: string; number: string; legal_hold: number; legal_hold_reason: string | null }): Promise<void> {
  if (batch.legal_hold === 1) {
    throw new AppError('CONFLICT', `归档批次 ${batch.number} 处于诉讼保全冻结状态，不能销毁（${batch.legal_hold_reason ?? ''}）`, { details: { batchId: batch.id } });
  }
  const held = await trx.selectFrom('complaints').select(['id', 'number']).where('archive_batch_id', '=', batch.id).where('legal_hold', '=', 1).orderBy('number').execute();
  if (held.length > 0) {
    throw new AppError('CONFLICT', `投诉 ${held.map((h) => h.number).join('、')} 处于诉讼保全冻结状态，不能销毁`, { details: { complaintIds: held.map((h) => h.id), numbers: held.map((h) => h.number) } });
  }
}
