/** PATCH: edit the fields of the record form that the current state allows (domain/editing.ts). */
import type { Updateable } from 'kysely';
import type { ComplaintsTable } from '../../../db/schema.js';
import { isIsoDate } from '../../../domain/dates.js';
import { DRAFT_FIELDS, editRefusal, type EditableField } from '../../../domain/editing.js';
import { AppError, invalid } from '../../../domain/errors.js';
import type { Status } from '../../../domain/types.js';
import type { Actor } from '../../../domain/workflow.js';
import type { AppContext, Trx } from '../../../server/context.js';
import { appendAudit } from '../../audit/audit.js';
import { findComplaint, type ComplaintRow } from '../complaints.queries.js';
import { assertInvolvedStaff } from './accept-complaint.js';
import { applyDraftFields, type DraftInput } from './draft-fields.js';

type ComplaintPatch = Updateable<ComplaintsTable>;

export type UpdateInput = Partial<Record<EditableField, unknown>> & { version: number };

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
/** Personal data: the trail records that it changed, not the values (they must be erasable at destruction). */
const PERSONAL: readonly EditableField[] = ['customerName', 'customerPhone', 'customerEmail', 'customerAddress', 'accountNumber', 'idNumber'];

function recordPatch(fields: EditableField[], input: UpdateInput): ComplaintPatch {
  const patch: Record<string, unknown> = {};
  for (const f of fields) {
    const v = input[f];
    const col = COLUMN[f];
    const jcol = JSON_COLUMN[f];
    if (col) {
      if (v !== null && typeof v !== 'string') throw invalid(f, '须为文本');
      const text = typeof v === 'string' ? v.trim() : '';
      if (REQUIRED.includes(f) && text === '') throw invalid(f, '不能为空');
      if (f === 'regulatorDueOn' && text && !isIsoDate(text)) throw invalid(f, '须为 YYYY-MM-DD 日期');
      patch[col] = text === '' ? null : text;
    } else if (jcol) {
      patch[jcol] = JSON.stringify(v ?? (f === 'involvedStaff' ? [] : {}));
    }
  }
  return patch as ComplaintPatch;
}

/** The record form after the patch must still satisfy what acceptance required. */
async function assertRecordValid(trx: Trx, merged: ComplaintRow, input: UpdateInput): Promise<void> {
  if (!merged.customer_phone && !merged.customer_email && !merged.customer_address) {
    throw invalid('customerPhone', '请至少保留一种联系方式（电话、邮箱或地址）');
  }
  if (merged.channel === 'regulator_transfer' && !merged.regulator_case_number) throw invalid('regulatorCaseNumber', '监管转办投诉须填写转办编号');
  if (merged.business_link) {
    const link = await trx.selectFrom('business_links').select('code').where('code', '=', merged.business_link).executeTakeFirst();
    if (!link) throw invalid('businessLink', `业务环节「${merged.business_link}」不存在`);
  }
  if (input.involvedStaff !== undefined) await assertInvolvedStaff(trx, input.involvedStaff as { userId?: string | null }[]);
}

export async function updateComplaint(opts: { ctx: AppContext; trx: Trx; actor: Actor; complaintId: string; input: UpdateInput }): Promise<void> {
  const { ctx, trx, actor, complaintId, input } = opts;
  const row = await findComplaint(trx, actor, complaintId);
  if (row.archive_batch_id) throw new AppError('SEALED', '该投诉已归档封存，不能修改', { details: { archiveBatchId: row.archive_batch_id } });
  if (input.version !== row.version) {
    throw new AppError('STALE', '该投诉已被他人修改，请刷新后重试', { field: 'version', details: { current: row.version } });
  }
  const fields = Object.keys(input).filter((k) => k !== 'version') as EditableField[];
  if (fields.length === 0) throw invalid('body', '没有要修改的字段');
  const subject = { status: row.status as Status, acceptingUnitId: row.accepting_unit_id, handlingUnitId: row.handling_unit_id };
  for (const f of fields) {
    const refusal = editRefusal(subject, actor, f);
    if (refusal) throw new AppError(refusal.code, refusal.reason, { field: f, details: { status: row.status } });
  }
  const patch = recordPatch(fields, input);
  await assertRecordValid(trx, { ...row, ...patch } as ComplaintRow, input);
  const now = ctx.clock.now();
  Object.assign(patch, await applyDraftFields(trx, row, input as DraftInput, now));
  if (fields.some((f) => (DRAFT_FIELDS as readonly string[]).includes(f))) {
    // Whoever writes the draft may not approve it.
    patch.draft_editors = JSON.stringify([...new Set([...(JSON.parse(row.draft_editors) as string[]), actor.id])]);
  }
  const res = await trx
    .updateTable('complaints')
    .set({ ...patch, version: row.version + 1, updated_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('STALE', '该投诉已被他人修改，请刷新后重试', { field: 'version' });
  const changes = Object.fromEntries(
    fields.map((f) => {
      const col = COLUMN[f] ?? JSON_COLUMN[f];
      if (PERSONAL.includes(f)) return [f, '（个人信息已修改）'];
      return [f, col ? { from: row[col as keyof ComplaintRow], to: (patch as Record<string, unknown>)[col] } : { to: input[f] }];
    }),
  );
  await appendAudit(trx, ctx.db.dialect, { actorId: actor.id, entityType: 'complaint', entityId: row.id, action: 'edit', fromStatus: row.status, toStatus: row.status, detail: { fields, changes } }, now);
}
