/**
 * Reading complaints, always through the caller's data scope: branch staff see
 * only complaints their branch accepted or handles; HQ sees all. A complaint
 * outside the scope is reported as not found, so its existence does not leak.
 */
import { sql, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { ComplaintsTable, Database } from '../../db/schema.js';
import { AppError } from '../../domain/errors.js';
import { FEEDBACK_PENDING, INVESTIGATION_PENDING } from '../../domain/stages.js';
import { hasCompanyWideScope, type Actor, type WorkflowSubject } from '../../domain/workflow.js';
import type { ApprovalRole, OutcomeClass, Status } from '../../domain/types.js';
import type { Trx } from '../../server/context.js';

export type ComplaintRow = Selectable<ComplaintsTable>;

/** Restrict a query on `complaints` to what the actor may see. */
export function inScope<O>(qb: SelectQueryBuilder<Database, 'complaints', O>, actor: Actor): SelectQueryBuilder<Database, 'complaints', O> {
  if (hasCompanyWideScope(actor)) return qb;
  return qb.where((eb) => eb.or([eb('complaints.accepting_unit_id', '=', actor.unitId), eb('complaints.handling_unit_id', '=', actor.unitId)]));
}

export async function findComplaint(db: Trx, actor: Actor, id: string): Promise<ComplaintRow> {
  const row = await inScope(db.selectFrom('complaints').selectAll(), actor).where('complaints.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `投诉 ${id} 不存在`, { details: { id } });
  return row;
}

export async function loadChildren(db: Trx, complaintId: string) {
  const [rectifications, accountability, approvals, coordination, callbacks] = await Promise.all([
    db.selectFrom('rectifications').selectAll().where('complaint_id', '=', complaintId).orderBy('created_at').orderBy('id').execute(),
    db.selectFrom('accountability_actions').selectAll().where('complaint_id', '=', complaintId).orderBy('created_at').orderBy('id').execute(),
    db
      .selectFrom('approvals')
      .leftJoin('users', 'users.id', 'approvals.approver_id')
      .select(['approvals.id', 'approvals.round', 'approvals.level', 'approvals.role', 'approvals.approver_id', 'users.display_name as approver_name', 'approvals.decision', 'approvals.comment', 'approvals.decided_at'])
      .where('complaint_id', '=', complaintId)
      .orderBy('decided_at')
      .orderBy('approvals.round')
      .orderBy('approvals.level')
      .execute(),
    db.selectFrom('coordination_tasks').selectAll().where('complaint_id', '=', complaintId).orderBy('created_at').execute(),
    db.selectFrom('callbacks').selectAll().where('complaint_id', '=', complaintId).orderBy('created_at').execute(),
  ]);
  return { rectifications, accountability, approvals, coordination, callbacks };
}
export type Children = Awaited<ReturnType<typeof loadChildren>>;

interface InvolvedStaff {
  name: string;
  userId?: string | null;
}

/** The facts the workflow table decides on. */
export function toSubject(row: ComplaintRow, children: Children): WorkflowSubject {
  const involved = JSON.parse(row.involved_staff) as InvolvedStaff[];
  return {
    status: row.status as Status,
    acceptingUnitId: row.accepting_unit_id,
    handlingUnitId: row.handling_unit_id,
    managerId: row.manager_id,
    draftedBy: row.drafted_by,
    draftEditors: JSON.parse(row.draft_editors) as string[],
    involvedUserIds: involved.map((s) => s.userId).filter((x): x is string => !!x),
    outcomeClass: row.outcome_class as OutcomeClass | null,
    approvalChain: JSON.parse(row.approval_chain) as ApprovalRole[],
    approvalLevel: row.approval_level,
    malicious: row.malicious === 1,
    legalReviewed: row.legal_review !== null,
    openMeasures: children.rectifications.filter((m) => m.round === row.round && !m.done_at).length,
    openCoordination: children.coordination.filter((t) => !t.done_at).length,
  };
}

export interface ListFilter {
  status?: string[];
  unitId?: string;
  channel?: string;
  category?: string;
  businessLink?: string;
  overdue?: boolean;
  text?: string;
  acceptedFrom?: string;
  acceptedTo?: string;
  assignedToMe?: boolean;
  page: number;
  pageSize: number;
  sort?: 'accepted_on' | 'investigation_due_on' | 'feedback_due_on' | 'number';
  order?: 'asc' | 'desc';
}


export async function listComplaints(db: Trx, actor: Actor, f: ListFilter, today: string) {
  let qb = inScope(db.selectFrom('complaints'), actor);
  if (f.status?.length) qb = qb.where('status', 'in', f.status);
  if (f.unitId) qb = qb.where((eb) => eb.or([eb('accepting_unit_id', '=', f.unitId!), eb('handling_unit_id', '=', f.unitId!)]));
  if (f.channel) qb = qb.where('channel', '=', f.channel);
  if (f.category) qb = qb.where('category', '=', f.category);
  if (f.businessLink) qb = qb.where('business_link', '=', f.businessLink);
  if (f.acceptedFrom) qb = qb.where('accepted_on', '>=', f.acceptedFrom);
  if (f.acceptedTo) qb = qb.where('accepted_on', '<=', f.acceptedTo);
  if (f.assignedToMe) qb = qb.where('manager_id', '=', actor.id);
  if (f.overdue) {
    qb = qb.where((eb) =>
      eb.or([
        eb.and([eb('status', 'in', [...INVESTIGATION_PENDING]), eb('investigation_due_on', '<', today)]),
        eb.and([eb('status', 'in', [...FEEDBACK_PENDING]), eb('feedback_due_on', '<', today)]),
      ]),
    );
  }
  if (f.text) {
    const text = f.text.trim();
    const like = `%${text.replace(/[%_\\]/g, (c) => '\\' + c)}%`;
    // An explicit ESCAPE makes SQLite treat \% and \_ as PostgreSQL does.
    const contains = (col: 'number' | 'customer_name' | 'reason' | 'narrative') => sql<boolean>`${sql.ref(col)} like ${like} escape '\\'`;
    qb = qb.where((eb) =>
      eb.or([
        contains('number'),
        contains('customer_name'),
        contains('reason'),
        contains('narrative'),
        // The phone is matched whole only, so a masked list cannot be used to guess digits.
        eb('customer_phone', '=', text.replace(/\D/g, '') || text),
      ]),
    );
  }
  const totalRow = await qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const sort = f.sort ?? 'accepted_on';
  const rows = await qb
    .selectAll()
    .orderBy(sort, f.order ?? 'desc')
    .orderBy('number', 'desc')
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize)
    .execute();
  return { total: Number(totalRow.n), rows };
}

/** Open complaints of the same customer (phone, ID number or account), for the intake warning. */
export async function relatedComplaints(db: Trx, actor: Actor, key: { phone?: string | null; idNumber?: string | null; accountNumber?: string | null }, excludeId?: string) {
  const conds = [
    key.phone ? (['customer_phone', key.phone] as const) : null,
    key.idNumber ? (['id_number', key.idNumber] as const) : null,
    key.accountNumber ? (['account_number', key.accountNumber] as const) : null,
  ].filter((x) => x !== null);
  if (conds.length === 0) return [];
  let qb = inScope(db.selectFrom('complaints').select(['id', 'number', 'status', 'accepted_on', 'reason', 'verification']), actor).where((eb) =>
    eb.or(conds.map(([col, v]) => eb(col, '=', v))),
  );
  if (excludeId) qb = qb.where('id', '!=', excludeId);
  return qb.orderBy('accepted_on', 'desc').limit(20).execute();
}
