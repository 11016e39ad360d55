/** PATCH: edit the fields of the record form that the current state allows (domain/editing.ts). */
import type { Updateable } from 'kysely';
import type { ComplaintsTable } from '../../../db/schema.js';

type ComplaintPatch = Updateable<ComplaintsTable>;
import { isIsoDate } from '../../../domain/dates.js';
import { editableFields, EDITOR_ROLES, DRAFT_FIELDS, type EditableField } from '../../../domain/editing.js';
import { AppError, invalid } from '../../../domain/errors.js';
import type { Status } from '../../../domain/types.js';
import type { Actor } from '../../../domain/workflow.js';
import type { AppContext, Trx } from '../../../server/context.js';
import { appendAudit } from '../../audit/audit.js';
import { findComplaint } from '../complaints.queries.js';
import { applyDraftFields, type DraftInput } from './draft-fields.js';

export type UpdateInput = Partial<Record<EditableField, unknown>> & { version?: number };

const COLUMN: Partial<Record<EditableField, keyof ComplaintsTable>> = {
  channel: 'channel',
  category: 'category',
  businessLink: 'business_link',
  customerName: 'customer_name',
  customerPhone: 'customer_phone',
  customerEmail: 'customer_email',
  customerAddress: 'customer_address',
  accountNumber: 'account_number',
  idNumber: 'id_number',
  occurredAt: 'occurred_at',
  location: 'location',
  reason: 'reason',
  narrative: 'narrative',
  preliminaryOpinion: 'preliminary_opinion',
  regulatorCaseNumber: 'regulator_case_number',
  regulatorDueOn: 'regulator_due_on',
};
const JSON_COLUMN: Partial<Record<EditableField, keyof ComplaintsTable>> = {
  channelDetails: 'channel_details',
  involvedStaff: 'involved_staff',
};
const REQUIRED: readonly EditableField[] = ['customerName', 'reason', 'narrative', 'channel', 'category'];

export async function updateComplaint(opts: { ctx: AppContext; trx: Trx; actor: Actor; complaintId: string; input: UpdateInput }): Promise<void> {
  const { ctx, trx, actor, complaintId, input } = opts;
  const row = await findComplaint(trx, actor, complaintId);
  if (row.archive_batch_id) throw new AppError('SEALED', '该投诉已归档封存，不能修改', { details: { archiveBatchId: row.archive_batch_id } });
  if (!actor.roles.some((r) => EDITOR_ROLES.includes(r))) throw new AppError('FORBIDDEN', '无权修改投诉记录');
  if (input.version !== undefined && input.version !== row.version) {
    throw new AppError('STALE', '该投诉已被他人修改，请刷新后重试', { field: 'version', details: { current: row.version } });
  }
  const allowed = editableFields(row.status as Status);
  const fields = Object.keys(input).filter((k) => k !== 'version') as EditableField[];
  if (fields.length === 0) throw invalid('body', '没有要修改的字段');
  for (const f of fields) {
    if (!allowed.includes(f)) {
      throw new AppError('INVALID_TRANSITION', `状态 ${row.status} 下不能修改字段 ${f}`, { field: f, details: { status: row.status } });
    }
    if (DRAFT_FIELDS.includes(f as (typeof DRAFT_FIELDS)[number]) && !actor.roles.some((r) => r !== 'clerk' && EDITOR_ROLES.includes(r))) {
      throw new AppError('FORBIDDEN', '处理意见由投诉管理人员填写', { field: f });
    }
  }
  const patch: ComplaintPatch = {};
  for (const f of fields) {
    const v = input[f];
    const col = COLUMN[f];
    const jcol = JSON_COLUMN[f];
    if (col) {
      if (v !== null && typeof v !== 'string') throw invalid(f, '须为文本');
      if (REQUIRED.includes(f) && (!v || v.trim() === '')) throw invalid(f, '不能为空');
      if (f === 'regulatorDueOn' && v && !isIsoDate(v)) throw invalid(f, '须为 YYYY-MM-DD 日期');
      (patch as Record<string, unknown>)[col] = typeof v === 'string' ? v.trim() : null;
    } else if (jcol) {
      (patch as Record<string, unknown>)[jcol] = JSON.stringify(v ?? (f === 'involvedStaff' ? [] : {}));
    }
  }
  if (patch.business_link) {
    const link = await trx.selectFrom('business_links').select('code').where('code', '=', patch.business_link).executeTakeFirst();
    if (!link) throw invalid('businessLink', `业务环节「${patch.business_link}」不存在`);
  }
  const now = ctx.clock.now();
  Object.assign(patch, await applyDraftFields(trx, row, input as DraftInput, now));
  const res = await trx
    .updateTable('complaints')
    .set({ ...patch, version: row.version + 1, updated_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('STALE', '该投诉已被他人修改，请刷新后重试', { field: 'version' });
  await appendAudit(trx, ctx.db.dialect, { actorId: actor.id, entityType: 'complaint', entityId: row.id, action: 'edit', fromStatus: row.status, toStatus: row.status, detail: { fields } }, now);
}
