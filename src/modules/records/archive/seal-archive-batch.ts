/**
 * Ch. 6 (1): complaint files are archived monthly, separately per accepting
 * unit. The batch of month M holds the unit's complaints that were closed (or
 * withdrawn) IN month M, Asia/Shanghai — a complaint not finished by month
 * end joins the batch of the month it finishes, and an earlier month left
 * unsealed never merges into a later batch. Sealing moves them to 'archived'
 * (a withdrawn one keeps its withdrawn_reason) and links them to the batch;
 * from then on the complaint cannot change.
 */
import { randomUUID } from 'node:crypto';
import { shanghaiDate } from '../../../domain/dates.js';
import { AppError, invalid } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/workflow.js';
import type { AppContext, Trx } from '../../../server/context.js';
import { appendAudit } from '../../audit/audit.js';
import { addMonths, addYears, assertMonth, firstDay, shanghaiMonthEndInstant, shanghaiMonthStartInstant } from '../shared/months.js';
import { readSettings, retentionYearsFor } from '../../settings/settings.js';

export const MEDIA = ['disc', 'paper', 'electronic'] as const;
export type Medium = (typeof MEDIA)[number];

/** Statuses that end a case; closed_at is set for both (for a withdrawal, the day it was withdrawn). */
const FINISHED = ['closed', 'withdrawn'] as const;

export interface SealInput {
  unitId: string;
  month: string;
  medium: Medium;
  location: string;
}

/** HQ's complaint managers and head, or the unit's own complaint manager or head. */
export function assertArchivist(actor: Actor, unitId: string): void {
  const manager = actor.roles.some((r) => r === 'complaint_manager' || r === 'branch_head' || r === 'hq_head');
  if (!manager || (actor.unitKind !== 'hq' && actor.unitId !== unitId)) throw new AppError('FORBIDDEN', '归档由经纪业务总部或本单位的投诉管理人员、负责人办理');
}

/** Seal the batch; returns its id. Throws, writing nothing, when the month is open, already sealed or empty. */
export async function sealArchiveBatch({ ctx, trx, actor, input }: { ctx: AppContext; trx: Trx; actor: Actor; input: SealInput }): Promise<string> {
  const month = assertMonth(input.month);
  if (!(MEDIA as readonly string[]).includes(input.medium)) throw invalid('medium', '存档介质须为 disc、paper 或 electronic');
  if (!input.location || input.location.trim() === '') throw invalid('location', '请填写存放地点');
  const unit = await trx.selectFrom('units').select(['id', 'code', 'kind']).where('id', '=', input.unitId).executeTakeFirst();
  if (!unit || unit.kind === 'department' || (actor.unitKind !== 'hq' && actor.unitId !== unit.id)) {
    throw new AppError('NOT_FOUND', `受理单位 ${input.unitId} 不存在`, { field: 'unitId' });
  }
  assertArchivist(actor, unit.id);
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  if (today < firstDay(addMonths(month, 1))) throw new AppError('CONFLICT', `${month} 尚未结束，不能归档`, { field: 'month' });
  const existing = await trx.selectFrom('archive_batches').select('number').where('unit_id', '=', unit.id).where('month', '=', month).executeTakeFirst();
  if (existing) throw new AppError('CONFLICT', `${month} 的归档批次 ${existing.number} 已封存，不能再次归档`, { details: { number: existing.number } });

  const complaints = await trx
    .selectFrom('complaints')
    .select(['id', 'number', 'version', 'status', 'channel', 'malicious'])
    .where('accepting_unit_id', '=', unit.id)
    .where('status', 'in', FINISHED)
    .where('archive_batch_id', 'is', null)
    .where('closed_at', '>=', shanghaiMonthStartInstant(month))
    .where('closed_at', '<', shanghaiMonthEndInstant(month))
    .orderBy('number')
    .execute();
  if (complaints.length === 0) throw new AppError('CONFLICT', `${month} 没有办结或撤回、尚未归档的投诉`, { field: 'month' });

  // The batch is kept as long as its longest-kept record type requires.
  const settings = await readSettings(trx);
  const years = Math.max(...complaints.map((c) => retentionYearsFor(settings, c)));
  const id = randomUUID();
  const number = `GD-${unit.code}-${month.replace('-', '')}`;
  const at = now.toISOString();
  await trx
    .insertInto('archive_batches')
    .values({ id, number, unit_id: unit.id, month, medium: input.medium, location: input.location.trim(), complaint_count: complaints.length, sealed_at: at, sealed_on: today, sealed_by: actor.id, retention_years: years, retain_until: addYears(today, years), legal_hold: 0, legal_hold_reason: null, destroyed_at: null, created_at: at })
    .execute();
  for (const c of complaints) {
    const res = await trx
      .updateTable('complaints')
      .set({ status: 'archived', archive_batch_id: id, version: c.version + 1, updated_at: at })
      .where('id', '=', c.id)
      .where('version', '=', c.version)
      .where('status', '=', c.status)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('STALE', `投诉 ${c.number} 在归档时被修改，请重试`);
    await appendAudit(trx, ctx.db.dialect, { actorId: actor.id, entityType: 'complaint', entityId: c.id, action: 'archive', fromStatus: c.status, toStatus: 'archived', detail: { batchId: id, batchNumber: number } }, now);
  }
  await appendAudit(
    trx,
    ctx.db.dialect,
    { actorId: actor.id, entityType: 'archive_batch', entityId: id, action: 'seal_archive_batch', detail: { number, unitId: unit.id, month, medium: input.medium, location: input.location.trim(), complaints: complaints.map((c) => c.number), retentionYears: years } },
    now,
  );
  return id;
}
