/**
 * Every workflow action on a complaint, through one path: load in scope, check
 * the version, ask the workflow table, apply the action's effect, write the new
 * state and its audit record in the caller's transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { ComplaintsTable } from '../../../db/schema.js';

type ComplaintPatch = Updateable<ComplaintsTable>;
import { shanghaiDate } from '../../../domain/dates.js';
import { assertDraftComplete, assertMeasure, assertOutcomeMatches, type CallbackRecord, type MeasureDraft } from '../../../domain/draft.js';
import { AppError, invalid } from '../../../domain/errors.js';
import { checkPhrases } from '../../../domain/phrases.js';
import { ACTIONS, SATISFACTION, type Action, type ApprovalRole, type Status } from '../../../domain/types.js';
import { approvalChainFor, planTransition, type Actor } from '../../../domain/workflow.js';
import type { AppContext, Trx } from '../../../server/context.js';
import { appendAudit } from '../../audit/audit.js';
import { checkVerification } from '../verification-check.js';
import { findComplaint, loadChildren, toSubject, type Children, type ComplaintRow } from '../complaints.queries.js';
import { applyDraftFields, readDraft, type DraftInput } from './draft-fields.js';

export interface ActionBody extends DraftInput {
  version?: number;
  comment?: string;
  reason?: string;
  managerId?: string;
  unitId?: string;
  measureId?: string;
  taskId?: string;
  note?: string;
  feedback?: { content: string; method: string; givenAt?: string; customerReaction?: string };
  callback?: Partial<CallbackRecord> & { calledAt?: string };
  measures?: MeasureDraft[];
  opinion?: string;
}

interface EffectArgs {
  ctx: AppContext;
  trx: Trx;
  actor: Actor;
  row: ComplaintRow;
  children: Children;
  body: ActionBody;
  now: Date;
  today: string;
  to: Status;
}
type Effect = (a: EffectArgs) => Promise<{ patch: ComplaintPatch; detail: Record<string, unknown> }>;

const text = (v: string | undefined, field: string, msg: string): string => {
  if (!v || v.trim() === '') throw invalid(field, msg);
  return v.trim();
};

async function chooseManager(trx: Trx, unitId: string, requested: string | undefined, actor: Actor): Promise<string> {
  if (requested) {
    const u = await trx.selectFrom('users').select(['id', 'roles', 'unit_id']).where('id', '=', requested).where('disabled', '=', 0).executeTakeFirst();
    if (!u || !(JSON.parse(u.roles) as string[]).includes('complaint_manager')) throw invalid('managerId', '所选人员不是投诉管理人员');
    if (u.unit_id !== unitId) throw invalid('managerId', '投诉管理人员须属于办理单位');
    return u.id;
  }
  if (actor.roles.includes('complaint_manager') && actor.unitId === unitId) return actor.id;
  const managers = await trx.selectFrom('users').select(['id', 'roles']).where('unit_id', '=', unitId).where('disabled', '=', 0).orderBy('username').execute();
  const m = managers.find((u) => (JSON.parse(u.roles) as string[]).includes('complaint_manager'));
  if (!m) throw invalid('managerId', '办理单位没有投诉管理人员，请指定');
  return m.id;
}

async function addMeasures(trx: Trx, complaintId: string, round: number, measures: MeasureDraft[], at: string) {
  for (const m of measures) {
    await trx
      .insertInto('rectifications')
      .values({ id: randomUUID(), complaint_id: complaintId, round, description: m.description.trim(), owner: m.owner.trim(), due_on: m.dueOn, done_at: null, done_note: null, created_at: at })
      .execute();
  }
}

/** An ISO date-time that is not in the future; defaults to now. */
function pastInstant(v: string | undefined, field: string, now: Date): string {
  if (v === undefined || v === '') return now.toISOString();
  const t = new Date(v);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(v) || Number.isNaN(t.getTime())) throw invalid(field, '须为 ISO 日期时间，如 2026-11-30T10:00:00+08:00');
  if (t.getTime() > now.getTime() + 60_000) throw invalid(field, '不能晚于现在');
  return t.toISOString();
}

/** A complaint that names a branch head of the handling unit goes to HQ for approval (Ch. 3, derived). */
async function branchHeadInvolved(trx: Trx, row: ComplaintRow): Promise<boolean> {
  const involved = (JSON.parse(row.involved_staff) as { userId?: string | null }[]).map((p) => p.userId).filter((x): x is string => !!x);
  if (involved.length === 0) return false;
  const users = await trx.selectFrom('users').select(['roles', 'unit_id']).where('id', 'in', involved).execute();
  return users.some((u) => u.unit_id === row.handling_unit_id && (JSON.parse(u.roles) as string[]).includes('branch_head'));
}

/** Open coordination tasks follow the current draft: departments dropped from it lose their open task. */
async function reconcileCoordination(trx: Trx, complaintId: string, children: Children, departments: string[], now: Date) {
  for (const t of children.coordination.filter((c) => !c.done_at && !departments.includes(c.department))) {
    await trx.deleteFrom('coordination_tasks').where('id', '=', t.id).execute();
  }
  for (const dept of departments.filter((d) => !children.coordination.some((c) => c.department === d))) {
    await trx.insertInto('coordination_tasks').values({ id: randomUUID(), complaint_id: complaintId, department: dept, note: null, done_at: null, done_note: null, created_at: now.toISOString() }).execute();
  }
}

function readCallback(body: ActionBody, now: Date): CallbackRecord & { calledAt: string } {
  const cb = body.callback;
  if (!cb) throw invalid('callback', '请填写回访验证记录');
  if (!cb.satisfaction || !SATISFACTION.includes(cb.satisfaction)) throw invalid('callback.satisfaction', '请选择客户满意度');
  for (const f of ['rectificationDone', 'rectificationEffective', 'handlingProper'] as const) {
    if (typeof cb[f] !== 'boolean') throw invalid(`callback.${f}`, '请选择是或否');
  }
  return {
    satisfaction: cb.satisfaction,
    rectificationDone: cb.rectificationDone!,
    rectificationEffective: cb.rectificationEffective!,
    handlingProper: cb.handlingProper!,
    note: cb.note ?? null,
    calledAt: pastInstant(cb.calledAt, 'callback.calledAt', now),
  };
}

async function recordCallback(a: EffectArgs, outcome: 'close' | 'rerectify' | 'rehandle') {
  const cb = readCallback(a.body, a.now);
  assertOutcomeMatches(cb, outcome);
  await a.trx
    .insertInto('callbacks')
    .values({
      id: randomUUID(),
      complaint_id: a.row.id,
      round: a.row.round,
      called_by: a.actor.id,
      called_at: cb.calledAt,
      satisfaction: cb.satisfaction,
      rectification_done: cb.rectificationDone ? 1 : 0,
      rectification_effective: cb.rectificationEffective ? 1 : 0,
      handling_proper: cb.handlingProper ? 1 : 0,
      note: cb.note ?? null,
      outcome,
      created_at: a.now.toISOString(),
    })
    .execute();
  // The customer may already have answered the online survey for this round.
  await checkVerification(a.ctx, a.trx, a.row.id, a.row.round, a.now);
  return cb;
}

const EFFECTS: Record<Action, Effect> = {
  async transfer({ trx, row, body, actor, now, today }) {
    const managerId = await chooseManager(trx, row.handling_unit_id, body.managerId, actor);
    // Ch. 3: the record form goes onward on the acceptance day; later is a recorded breach.
    const late = today > row.accepted_on;
    return { patch: { manager_id: managerId, transferred_at: now.toISOString(), transfer_late: late ? 1 : 0 }, detail: { managerId, late } };
  },
  async reassign({ trx, row, body, actor, now }) {
    const unitId = text(body.unitId, 'unitId', '请选择负责核查的营业部');
    const unit = await trx.selectFrom('units').select(['id', 'kind']).where('id', '=', unitId).where('active', '=', 1).executeTakeFirst();
    if (!unit || unit.kind === 'department') throw invalid('unitId', '营业部不存在');
    const managerId = await chooseManager(trx, unitId, body.managerId, actor);
    const first = row.transferred_at === null;
    return {
      patch: { handling_unit_id: unitId, manager_id: managerId, ...(first ? { transferred_at: now.toISOString(), transfer_late: shanghaiDate(now) > row.accepted_on ? 1 : 0 } : {}) },
      detail: { from: row.handling_unit_id, unitId, managerId },
    };
  },
  async submit({ trx, row, children, body, actor, now, today }) {
    const patch = await applyDraftFields(trx, row, body, now);
    const draft = await readDraft(trx, { ...row, ...patch });
    assertDraftComplete(draft);
    const unit = await trx.selectFrom('units').select('approval_levels').where('id', '=', row.handling_unit_id).executeTakeFirstOrThrow();
    const chain = approvalChainFor(JSON.parse(unit.approval_levels) as ApprovalRole[], draft.outcomeClass, {
      branchHeadInvolved: await branchHeadInvolved(trx, row),
    });
    await reconcileCoordination(trx, row.id, children, draft.outcomeClass === 'beyond_authority' ? draft.coordinationDepartments : [], now);
    const editors = [...new Set([...(JSON.parse(row.draft_editors) as string[]), actor.id])];
    return {
      patch: { ...patch, drafted_by: actor.id, draft_editors: JSON.stringify(editors), approval_chain: JSON.stringify(chain), approval_level: 0, submitted_on: today, first_submitted_on: row.first_submitted_on ?? today },
      // The whole draft goes into the trail: it is what the approvers approve.
      detail: { ...draft, approvalChain: chain },
    };
  },
  async approve({ trx, row, body, actor, now, today, to }) {
    const chain = JSON.parse(row.approval_chain) as ApprovalRole[];
    await trx
      .insertInto('approvals')
      .values({ id: randomUUID(), complaint_id: row.id, round: row.round, level: row.approval_level, role: chain[row.approval_level], approver_id: actor.id, decision: 'approved', comment: body.comment ?? null, decided_at: now.toISOString() })
      .execute();
    return {
      patch: { approval_level: row.approval_level + 1, ...(to === 'approved' ? { approved_on: today } : {}) },
      detail: { level: row.approval_level, role: chain[row.approval_level], comment: body.comment ?? null },
    };
  },
  async reject({ trx, row, body, actor, now }) {
    const comment = text(body.comment, 'comment', '退回时须填写审批意见');
    const chain = JSON.parse(row.approval_chain) as ApprovalRole[];
    await trx
      .insertInto('approvals')
      .values({ id: randomUUID(), complaint_id: row.id, round: row.round, level: row.approval_level, role: chain[row.approval_level], approver_id: actor.id, decision: 'rejected', comment, decided_at: now.toISOString() })
      .execute();
    return { patch: { approval_level: 0 }, detail: { level: row.approval_level, comment } };
  },
  async give_feedback({ row, body, now, today }) {
    const fb = body.feedback;
    if (!fb) throw invalid('feedback', '请填写反馈内容');
    const content = text(fb.content, 'feedback.content', '请填写反馈给客户的内容');
    const method = text(fb.method, 'feedback.method', '请选择反馈方式');
    const hits = checkPhrases(content);
    if (hits.length > 0) {
      throw new AppError('VALIDATION', `feedback.content: 含禁用语「${hits.map((h) => h.phrase).join('」「')}」（${hits[0].rule}）`, {
        field: 'feedback.content',
        details: { phrases: hits },
      });
    }
    const givenAt = pastInstant(fb.givenAt, 'feedback.givenAt', now);
    const record = { content, method, givenAt, customerReaction: fb.customerReaction ?? null };
    return { patch: { feedback: JSON.stringify(record), feedback_on: today, first_feedback_on: row.first_feedback_on ?? today }, detail: record };
  },
  async start_rectification() {
    return { patch: {}, detail: {} };
  },
  async complete_measure({ trx, row, children, body, now }) {
    const id = text(body.measureId, 'measureId', '请指定整改措施');
    const m = children.rectifications.find((r) => r.id === id && r.round === row.round);
    if (!m) throw invalid('measureId', '整改措施不存在');
    if (m.done_at) throw new AppError('CONFLICT', '该整改措施已完成', { field: 'measureId' });
    await trx.updateTable('rectifications').set({ done_at: now.toISOString(), done_note: body.note ?? null }).where('id', '=', id).execute();
    return { patch: {}, detail: { measureId: id, description: m.description, note: body.note ?? null } };
  },
  async complete_coordination({ trx, children, body, now }) {
    const id = text(body.taskId, 'taskId', '请指定协调事项');
    const t = children.coordination.find((c) => c.id === id);
    if (!t) throw invalid('taskId', '协调事项不存在');
    if (t.done_at) throw new AppError('CONFLICT', '该协调事项已完成', { field: 'taskId' });
    await trx.updateTable('coordination_tasks').set({ done_at: now.toISOString(), done_note: body.note ?? null }).where('id', '=', id).execute();
    return { patch: {}, detail: { taskId: id, department: t.department } };
  },
  async request_verification() {
    return { patch: {}, detail: {} };
  },
  async close(a) {
    const cb = await recordCallback(a, 'close');
    return { patch: { verification: JSON.stringify(cb), closed_at: a.now.toISOString() }, detail: { satisfaction: cb.satisfaction } };
  },
  async rerectify(a) {
    const cb = await recordCallback(a, 'rerectify');
    const measures = a.body.measures ?? [];
    if (measures.length === 0) throw invalid('measures', '重新整改须制定新的整改措施');
    measures.forEach((m, i) => assertMeasure(m, `measures[${i}]`));
    const round = a.row.round + 1;
    await addMeasures(a.trx, a.row.id, round, measures, a.now.toISOString());
    return { patch: { verification: JSON.stringify(cb), round }, detail: { satisfaction: cb.satisfaction, round, measures: measures.length } };
  },
  async rehandle(a) {
    const cb = await recordCallback(a, 'rehandle');
    const round = a.row.round + 1;
    return {
      // The previous round's draft, approvals and feedback stay in the audit trail and the approvals table.
      patch: { verification: JSON.stringify(cb), round, approval_level: 0, approval_chain: '[]', drafted_by: null, draft_editors: '[]', submitted_on: null, approved_on: null, feedback: null, feedback_on: null },
      detail: { satisfaction: cb.satisfaction, round },
    };
  },
  async withdraw({ body, now }) {
    const reason = text(body.reason, 'reason', '请填写客户撤回的原因');
    // A withdrawn complaint has ended too: closed_at dates it for the monthly archive.
    return { patch: { withdrawn_reason: reason, closed_at: now.toISOString() }, detail: { reason } };
  },
  async flag_malicious({ body }) {
    const reason = text(body.reason, 'reason', '请说明判定为恶意投诉的理由');
    return { patch: { malicious: 1, malicious_reason: reason }, detail: { reason } };
  },
  async legal_review({ body, actor, now }) {
    const opinion = text(body.opinion, 'opinion', '请填写法律部门意见');
    const record = { opinion, reviewerId: actor.id, reviewedAt: now.toISOString() };
    return { patch: { legal_review: JSON.stringify(record) }, detail: { opinion } };
  },
};

export interface TransitionOptions {
  ctx: AppContext;
  trx: Trx;
  actor: Actor;
  complaintId: string;
  action: string;
  body: ActionBody;
}

/** Take one workflow action; returns the new status. Throws AppError on refusal, writing nothing. */
export async function transitionComplaint({ ctx, trx, actor, complaintId, action, body }: TransitionOptions): Promise<Status> {
  if (!(ACTIONS as readonly string[]).includes(action)) throw invalid('action', `未知操作「${action}」`);
  const act = action as Action;
  const row = await findComplaint(trx, actor, complaintId);
  if (body.version !== undefined && body.version !== row.version) {
    throw new AppError('STALE', '该投诉已被他人修改，请刷新后重试', { field: 'version', details: { current: row.version } });
  }
  const children = await loadChildren(trx, row.id);
  const subject = toSubject(row, children);
  const to = planTransition(subject, act, actor);
  const now = ctx.clock.now();
  const { patch, detail } = await EFFECTS[act]({ ctx, trx, actor, row, children, body, now, today: shanghaiDate(now), to });
  const res = await trx
    .updateTable('complaints')
    .set({ ...patch, status: to, version: row.version + 1, updated_at: now.toISOString() })
    .where('id', '=', row.id)
    .where('version', '=', row.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('STALE', '该投诉已被他人修改，请刷新后重试', { field: 'version' });
  await appendAudit(trx, ctx.db.dialect, { actorId: actor.id, entityType: 'complaint', entityId: row.id, action: act, fromStatus: row.status, toStatus: to, detail }, now);
  return to;
}
