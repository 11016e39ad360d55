/**
 * Ch. 3: accept a complaint and save its record form. Deadlines are fixed at
 * once from the acceptance day; a complaint by a customer whose earlier
 * complaint was verified "satisfied" is linked as a repeat for review.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { LOCK_COUNTER, lockChain } from '../../../db/database.js';
import { complaintDeadlines } from '../../../domain/deadlines.js';
import { isIsoDate, shanghaiDate } from '../../../domain/dates.js';
import { AppError, invalid } from '../../../domain/errors.js';
import type { Category, Channel } from '../../../domain/types.js';
import type { Actor } from '../../../domain/workflow.js';
import { appendAudit } from '../../audit/audit.js';
import { readSettings } from '../../settings/settings.js';
import type { AppContext, Trx } from '../../../server/context.js';

export interface InvolvedStaffInput {
  name: string;
  userId?: string | null;
  position?: string | null;
}

export interface AcceptInput {
  acceptingUnitId?: string;
  acceptedOn?: string;
  backdateReason?: string;
  channel: Channel;
  channelDetails?: Record<string, unknown>;
  category: Category;
  businessLink?: string | null;
  customerName: string;
  customerPhone?: string | null;
  customerEmail?: string | null;
  customerAddress?: string | null;
  accountNumber?: string | null;
  idNumber?: string | null;
  occurredAt?: string | null;
  location?: string | null;
  involvedStaff?: InvolvedStaffInput[];
  reason: string;
  narrative: string;
  preliminaryOpinion?: string | null;
  regulatorCaseNumber?: string | null;
  regulatorDueOn?: string | null;
}

export interface AcceptOptions {
  ctx: AppContext;
  trx: Trx;
  /** Null for a complaint filed by the customer online or arriving by email. */
  actor: Actor | null;
  input: AcceptInput;
  source?: 'staff' | 'online' | 'email' | 'import';
}

const blank = (s: string | null | undefined) => !s || s.trim() === '';

/** The official calendar data begins in 2004; no deadline can be computed honestly before it. */
export const EARLIEST_ACCEPTED_ON = '2004-01-01';

/** Persons involved may be linked to staff accounts (for recusal); a link must name an existing user. */
export async function assertInvolvedStaff(trx: Trx, staff: { userId?: string | null }[]): Promise<void> {
  const ids = [...new Set(staff.map((s) => s.userId).filter((x): x is string => !!x))];
  if (ids.length === 0) return;
  const found = await trx.selectFrom('users').select('id').where('id', 'in', ids).execute();
  const missing = staff.findIndex((s) => s.userId && !found.some((f) => f.id === s.userId));
  if (missing >= 0) throw invalid(`involvedStaff[${missing}].userId`, '所选人员不存在');
}

/** Tracking codes avoid look-alike characters so customers can read them out on the phone. */
function trackingCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(10);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

async function nextNumber(trx: Trx, ctx: AppContext, unitCode: string, acceptedOn: string): Promise<string> {
  const key = `complaint:${unitCode}:${acceptedOn}`;
  await lockChain(trx, ctx.db.dialect, LOCK_COUNTER);
  const row = await trx
    .insertInto('counters')
    .values({ key, value: 1 })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql`counters.value + 1` }))
    .returning('value')
    .executeTakeFirstOrThrow();
  return `${unitCode}-${acceptedOn.replaceAll('-', '')}-${String(row.value).padStart(3, '0')}`;
}

export async function acceptComplaint({ ctx, trx, actor, input, source = 'staff' }: AcceptOptions): Promise<string> {
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  const unitId = input.acceptingUnitId ?? actor?.unitId;
  if (!unitId) throw invalid('acceptingUnitId', '请选择受理单位');
  if (actor && actor.unitKind !== 'hq' && unitId !== actor.unitId) {
    throw new AppError('FORBIDDEN', '营业部人员只能以本营业部名义受理投诉', { field: 'acceptingUnitId' });
  }
  const unit = await trx.selectFrom('units').select(['id', 'code', 'kind']).where('id', '=', unitId).where('active', '=', 1).executeTakeFirst();
  if (!unit || unit.kind === 'department') throw invalid('acceptingUnitId', '受理单位不存在');

  const acceptedOn = input.acceptedOn ?? today;
  if (!isIsoDate(acceptedOn)) throw invalid('acceptedOn', '受理日须为 YYYY-MM-DD 日期');
  if (acceptedOn > today) throw invalid('acceptedOn', '受理日不能晚于今天');
  if (acceptedOn < EARLIEST_ACCEPTED_ON) throw invalid('acceptedOn', `受理日不能早于 ${EARLIEST_ACCEPTED_ON}（官方日历数据起始年）`);
  if (acceptedOn < today && blank(input.backdateReason)) throw invalid('backdateReason', '补录历史受理日须说明原因');
  if (blank(input.customerName)) throw invalid('customerName', '请填写客户姓名');
  if (blank(input.customerPhone) && blank(input.customerEmail) && blank(input.customerAddress)) {
    throw invalid('customerPhone', '请至少填写一种联系方式（电话、邮箱或地址）');
  }
  if (blank(input.reason)) throw invalid('reason', '请填写投诉事由');
  if (blank(input.narrative)) throw invalid('narrative', '请填写事情经过');
  if (input.regulatorDueOn && !isIsoDate(input.regulatorDueOn)) throw invalid('regulatorDueOn', '监管期限须为 YYYY-MM-DD 日期');
  if (input.channel === 'regulator_transfer' && blank(input.regulatorCaseNumber)) {
    throw invalid('regulatorCaseNumber', '监管转办投诉须填写转办编号');
  }
  if (input.involvedStaff) await assertInvolvedStaff(trx, input.involvedStaff);
  if (input.businessLink) {
    const link = await trx.selectFrom('business_links').select('code').where('code', '=', input.businessLink).where('active', '=', 1).executeTakeFirst();
    if (!link) throw invalid('businessLink', `业务环节「${input.businessLink}」不存在或已停用`);
  }

  // The rules are read inside the transaction: another app node may have changed them a moment ago.
  const deadlines = complaintDeadlines(ctx.calendar(), acceptedOn, await readSettings(trx));
  const repeatOf = await findSatisfiedEarlier(trx, input);
  const id = randomUUID();
  const number = await nextNumber(trx, ctx, unit.code, acceptedOn);
  const at = now.toISOString();
  await trx
    .insertInto('complaints')
    .values({
      id,
      number,
      version: 1,
      status: 'received',
      source,
      accepting_unit_id: unit.id,
      handling_unit_id: unit.id,
      accepted_on: acceptedOn,
      accepted_by: actor?.id ?? null,
      accepted_at: at,
      backdate_reason: acceptedOn < today ? input.backdateReason!.trim() : null,
      channel: input.channel,
      channel_details: JSON.stringify(input.channelDetails ?? {}),
      category: input.category,
      business_link: input.businessLink ?? null,
      customer_name: input.customerName.trim(),
      customer_phone: input.customerPhone?.trim() || null,
      customer_email: input.customerEmail?.trim() || null,
      customer_address: input.customerAddress?.trim() || null,
      account_number: input.accountNumber?.trim() || null,
      id_number: input.idNumber?.trim() || null,
      occurred_at: input.occurredAt ?? null,
      location: input.location ?? null,
      involved_staff: JSON.stringify(input.involvedStaff ?? []),
      reason: input.reason.trim(),
      narrative: input.narrative.trim(),
      preliminary_opinion: input.preliminaryOpinion ?? null,
      investigation_due_on: deadlines.investigationDueOn,
      feedback_due_on: deadlines.feedbackDueOn,
      due_provisional: deadlines.provisional ? 1 : 0,
      regulator_case_number: input.regulatorCaseNumber ?? null,
      regulator_due_on: input.regulatorDueOn ?? null,
      tracking_code: trackingCode(),
      repeat_of_id: repeatOf,
      imported: source === 'import' ? 1 : 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await appendAudit(
    trx,
    ctx.db.dialect,
    {
      actorId: actor?.id ?? null,
      entityType: 'complaint',
      entityId: id,
      action: 'accept',
      toStatus: 'received',
      detail: { number, source, acceptedOn, ...deadlines, repeatOf },
    },
    now,
  );
  return id;
}

/**
 * A complaint by a customer whose earlier complaint was closed as "satisfied"
 * may mean the earlier verification was not truthful (Ch. 5 item 4).
 */
async function findSatisfiedEarlier(trx: Trx, input: AcceptInput): Promise<string | null> {
  const keys = [
    input.customerPhone ? ['customer_phone', input.customerPhone.trim()] : null,
    input.idNumber ? ['id_number', input.idNumber.trim()] : null,
    input.accountNumber ? ['account_number', input.accountNumber.trim()] : null,
  ].filter((k): k is [string, string] => k !== null) as ['customer_phone' | 'id_number' | 'account_number', string][];
  if (keys.length === 0) return null;
  const earlier = await trx
    .selectFrom('complaints')
    .select(['id', 'verification'])
    .where('status', 'in', ['closed', 'archived'])
    .where((eb) => eb.or(keys.map(([c, v]) => eb(c, '=', v))))
    .orderBy('accepted_on', 'desc')
    .execute();
  const hit = earlier.find((e) => e.verification && (JSON.parse(e.verification) as { satisfaction?: string }).satisfaction === 'satisfied');
  return hit?.id ?? null;
}
