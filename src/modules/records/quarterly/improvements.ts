/** Improvement measures for quarterly hotspots: set with owner and due date, tracked to done. */
import { randomUUID } from 'node:crypto';
import { isIsoDate } from '../../../domain/dates.js';
import { AppError, invalid } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/workflow.js';
import type { AppContext, Trx } from '../../../server/context.js';
import { appendAudit } from '../../audit/audit.js';
import { parseQuarter } from '../shared/months.js';
import { analysisUnit } from './quarterly-analysis.js';

export interface ImprovementInput {
  quarter: string;
  unitId?: string | null;
  kind: 'business_link' | 'staff';
  key: string;
  measure: string;
  owner: string;
  dueOn: string;
}

const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

function assertManager(actor: Actor): void {
  if (!actor.roles.some((r) => r === 'complaint_manager' || r === 'branch_head' || r === 'hq_head')) throw new AppError('FORBIDDEN', '改进措施由投诉管理人员或负责人制定');
}

export async function addImprovement({ ctx, trx, actor, input }: { ctx: AppContext; trx: Trx; actor: Actor; input: ImprovementInput }): Promise<string> {
  assertManager(actor);
  parseQuarter(input.quarter);
  if (input.kind !== 'business_link' && input.kind !== 'staff') throw invalid('kind', '须为 business_link 或 staff');
  if (blank(input.key)) throw invalid('key', '请指定业务环节或人员');
  if (blank(input.measure)) throw invalid('measure', '请填写改进措施');
  if (blank(input.owner)) throw invalid('owner', '请填写责任人');
  if (!isIsoDate(input.dueOn)) throw invalid('dueOn', '完成期限须为 YYYY-MM-DD 日期');
  const unitId = await analysisUnit(trx, actor, input.unitId ?? undefined);
  const id = randomUUID();
  const now = ctx.clock.now();
  await trx
    .insertInto('improvement_measures')
    .values({ id, quarter: input.quarter, unit_id: unitId, kind: input.kind, key: input.key.trim(), measure: input.measure.trim(), owner: input.owner.trim(), due_on: input.dueOn, status: 'open', done_at: null, done_by: null, done_note: null, created_by: actor.id, created_at: now.toISOString() })
    .execute();
  await appendAudit(trx, ctx.db.dialect, { actorId: actor.id, entityType: 'improvement_measure', entityId: id, action: 'add_improvement', detail: { quarter: input.quarter, unitId, kind: input.kind, key: input.key.trim(), owner: input.owner.trim(), dueOn: input.dueOn } }, now);
  return id;
}

export async function completeImprovement({ ctx, trx, actor, id, note }: { ctx: AppContext; trx: Trx; actor: Actor; id: string; note?: string }): Promise<void> {
  assertManager(actor);
  const m = await trx.selectFrom('improvement_measures').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m || (actor.unitKind !== 'hq' && m.unit_id !== actor.unitId)) throw new AppError('NOT_FOUND', `改进措施 ${id} 不存在`);
  if (m.status === 'done') throw new AppError('CONFLICT', '该改进措施已完成');
  const now = ctx.clock.now();
  await trx.updateTable('improvement_measures').set({ status: 'done', done_at: now.toISOString(), done_by: actor.id, done_note: note?.trim() || null }).where('id', '=', id).where('status', '=', 'open').execute();
  await appendAudit(trx, ctx.db.dialect, { actorId: actor.id, entityType: 'improvement_measure', entityId: id, action: 'complete_improvement', detail: { note: note ?? null } }, now);
}
