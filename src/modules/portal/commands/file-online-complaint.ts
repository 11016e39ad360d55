/**
 * A customer files a complaint on the public portal (Ch. 1: complaints made
 * "by internet"). The challenge is consumed and the complaint accepted in one
 * transaction: a failed filing leaves the challenge usable, a filed complaint
 * cannot reuse it.
 */
import { invalid } from '../../../domain/errors.js';
import type { Category } from '../../../domain/types.js';
import type { AppContext, Trx } from '../../../server/context.js';
import { acceptComplaint } from '../../complaints/commands/accept-complaint.js';
import { consumeChallenge } from '../challenge.js';
import { PRIVACY_NOTICE } from '../privacy-notice.js';
import { phoneDigits } from '../portal.queries.js';

export interface OnlineComplaintInput {
  customerName: string;
  customerPhone: string;
  customerEmail?: string;
  accountNumber?: string;
  unitId: string;
  category?: Category;
  reason: string;
  narrative: string;
  occurredAt?: string;
  challengeId: string;
  challengeAnswer: string;
  privacyAccepted?: boolean;
}

export interface FiledComplaint {
  id: string;
  trackingCode: string;
  number: string;
  acceptedOn: string;
  investigationDueOn: string;
  feedbackDueOn: string;
}

/** Mainland mobile numbers and landlines (area code 0xx(x) + 7-8 digits), with separators and +86 allowed. */
const PHONE = /^(1[3-9]\d{9}|0\d{9,11}|[2-9]\d{6,7})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks that need no database: run before the transaction so bad input never touches the challenge. */
export function checkOnlineInput(input: OnlineComplaintInput): void {
  if (input.privacyAccepted !== true) throw invalid('privacyAccepted', '请阅读并同意《个人信息保护说明》后再提交');
  if (!input.customerName?.trim()) throw invalid('customerName', '请填写您的姓名');
  if (!/^[\d\s\-+()（）]+$/.test(input.customerPhone ?? '') || !PHONE.test(phoneDigits(input.customerPhone))) {
    throw invalid('customerPhone', '请填写正确的手机号码或固定电话（含区号）');
  }
  if (input.customerEmail?.trim() && !EMAIL.test(input.customerEmail.trim())) throw invalid('customerEmail', '电子邮箱格式不正确');
}

export async function fileOnlineComplaint({ ctx, trx, input }: { ctx: AppContext; trx: Trx; input: OnlineComplaintInput }): Promise<FiledComplaint> {
  checkOnlineInput(input);
  // Customers choose among branches and HQ only; departments do not accept complaints.
  const unit = await trx.selectFrom('units').select(['id', 'kind']).where('id', '=', input.unitId).where('active', '=', 1).executeTakeFirst();
  if (!unit || (unit.kind !== 'branch' && unit.kind !== 'hq')) throw invalid('unitId', '请选择受理的营业部');
  await consumeChallenge(trx, input.challengeId, input.challengeAnswer, ctx.clock.now());
  const id = await acceptComplaint({
    ctx,
    trx,
    actor: null,
    source: 'online',
    input: {
      acceptingUnitId: unit.id,
      channel: 'online',
      // The form asks plainly; staff correct the category when they review the record.
      category: input.category ?? 'process',
      channelDetails: { privacyAccepted: true, privacyVersion: PRIVACY_NOTICE.version, via: 'portal' },
      customerName: input.customerName,
      customerPhone: phoneDigits(input.customerPhone),
      customerEmail: input.customerEmail?.trim() || null,
      accountNumber: input.accountNumber?.trim() || null,
      occurredAt: input.occurredAt?.trim() || null,
      reason: input.reason,
      narrative: input.narrative,
    },
  });
  const row = await trx
    .selectFrom('complaints')
    .select(['tracking_code', 'number', 'accepted_on', 'investigation_due_on', 'feedback_due_on'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return {
    id,
    trackingCode: row.tracking_code!,
    number: row.number,
    acceptedOn: row.accepted_on,
    investigationDueOn: row.investigation_due_on,
    feedbackDueOn: row.feedback_due_on,
  };
}
