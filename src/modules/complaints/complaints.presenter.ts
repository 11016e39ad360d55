/** Turns complaint rows into the API's JSON, masking personal data unless a full view was asked for (and logged). */
import type { Actor } from '../../domain/workflow.js';
import { DRAFT_FIELDS, editRefusal, RECORD_FIELDS } from '../../domain/editing.js';
import { feedbackPending, investigationPending } from '../../domain/stages.js';
import { allowedActions, hasCompanyWideScope } from '../../domain/workflow.js';
import type { Children, ComplaintRow } from './complaints.queries.js';
import { toSubject } from './complaints.queries.js';

/** Mobile 13812345678 → 138****5678; shorter numbers (landlines) keep only their last two digits. */
export function maskPhone(v: string | null): string | null {
  if (!v) return v;
  return v.length >= 11 ? `${v.slice(0, 3)}${'*'.repeat(v.length - 7)}${v.slice(-4)}` : `${'*'.repeat(Math.max(0, v.length - 2))}${v.slice(-2)}`;
}

/** zhang.san@example.com → z***@example.com */
export function maskEmail(v: string | null): string | null {
  if (!v) return v;
  const at = v.indexOf('@');
  return at > 0 ? `${v[0]}***${v.slice(at)}` : '***';
}

/** Keep the district, hide the street and number. */
export function maskAddress(v: string | null): string | null {
  if (!v) return v;
  return v.length > 6 ? `${v.slice(0, 6)}****` : '****';
}

/** ID and account numbers: keep the first 4 and last 4 characters. */
export function maskNumber(v: string | null): string | null {
  if (!v) return v;
  return v.length > 8 ? `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}` : `${'*'.repeat(Math.max(0, v.length - 2))}${v.slice(-2)}`;
}

const json = <T>(s: string | null, fallback: T): T => (s ? (JSON.parse(s) as T) : fallback);

export interface PresentOptions {
  reveal?: boolean;
  today?: string;
}

function customer(row: ComplaintRow, reveal: boolean) {
  return {
    customerName: row.customer_name,
    customerPhone: reveal ? row.customer_phone : maskPhone(row.customer_phone),
    customerEmail: reveal ? row.customer_email : maskEmail(row.customer_email),
    customerAddress: reveal ? row.customer_address : maskAddress(row.customer_address),
    accountNumber: reveal ? row.account_number : maskNumber(row.account_number),
    idNumber: reveal ? row.id_number : maskNumber(row.id_number),
    personalDataMasked: !reveal,
  };
}

/** The list row: enough to triage, personal data masked. */
export function presentSummary(row: ComplaintRow, today?: string, actor?: Actor) {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    version: row.version,
    source: row.source,
    acceptingUnitId: row.accepting_unit_id,
    handlingUnitId: row.handling_unit_id,
    acceptedOn: row.accepted_on,
    channel: row.channel,
    category: row.category,
    businessLink: row.business_link,
    customerName: row.customer_name,
    customerPhone: maskPhone(row.customer_phone),
    reason: row.reason,
    managerId: row.manager_id,
    investigationDueOn: row.investigation_due_on,
    feedbackDueOn: row.feedback_due_on,
    deadlinesProvisional: row.due_provisional === 1,
    overdue: today ? overdueStages(row, today) : [],
    malicious: row.malicious === 1,
    repeat: row.repeat_of_id !== null,
    // The earlier complaint may belong to another branch: only company-wide readers get its id.
    repeatOfId: actor && hasCompanyWideScope(actor) ? row.repeat_of_id : null,
    archiveBatchId: row.archive_batch_id,
    updatedAt: row.updated_at,
  };
}

/** Which deadlines have passed without the step being done. */
export function overdueStages(row: ComplaintRow, today: string): ('investigation' | 'feedback')[] {
  const out: ('investigation' | 'feedback')[] = [];
  if (investigationPending(row.status) && row.investigation_due_on < today) out.push('investigation');
  if (feedbackPending(row.status) && row.feedback_due_on < today) out.push('feedback');
  return out;
}

/** The full record form with its workflow state and what the actor may do now. */
export function presentComplaint(row: ComplaintRow, children: Children, actor: Actor, opts: PresentOptions = {}) {
  const subject = toSubject(row, children);
  return {
    ...presentSummary(row, opts.today, actor),
    ...customer(row, opts.reveal === true),
    acceptedBy: row.accepted_by,
    acceptedAt: row.accepted_at,
    backdateReason: row.backdate_reason,
    channelDetails: json<Record<string, unknown>>(row.channel_details, {}),
    occurredAt: row.occurred_at,
    location: row.location,
    involvedStaff: json<unknown[]>(row.involved_staff, []),
    narrative: row.narrative,
    preliminaryOpinion: row.preliminary_opinion,
    transferredAt: row.transferred_at,
    transferLate: row.transfer_late === 1,
    regulatorCaseNumber: row.regulator_case_number,
    regulatorDueOn: row.regulator_due_on,
    investigation: {
      findings: row.findings,
      outcomeClass: row.outcome_class,
      noFaultReason: row.no_fault_reason,
      draftedBy: row.drafted_by,
      submittedOn: row.submitted_on,
      firstSubmittedOn: row.first_submitted_on,
    },
    handlingOpinion: row.handling_opinion,
    coordinationDepartments: json<string[]>(row.coordination_departments, []),
    round: row.round,
    approvalChain: subject.approvalChain,
    approvalLevel: row.approval_level,
    approvedOn: row.approved_on,
    approvals: children.approvals.map((a) => ({
      id: a.id,
      round: a.round,
      level: a.level,
      role: a.role,
      approverId: a.approver_id,
      approverName: a.approver_name,
      decision: a.decision,
      comment: a.comment,
      decidedAt: a.decided_at,
    })),
    rectifications: children.rectifications.map((m) => ({
      id: m.id,
      round: m.round,
      description: m.description,
      owner: m.owner,
      dueOn: m.due_on,
      doneAt: m.done_at,
      doneNote: m.done_note,
    })),
    accountabilityActions: children.accountability.map((a) => ({ id: a.id, round: a.round, person: a.person, measure: a.measure })),
    coordinationTasks: children.coordination.map((t) => ({ id: t.id, department: t.department, note: t.note, doneAt: t.done_at, doneNote: t.done_note })),
    feedback: json<Record<string, unknown> | null>(row.feedback, null),
    feedbackOn: row.feedback_on,
    firstFeedbackOn: row.first_feedback_on,
    verification: json<Record<string, unknown> | null>(row.verification, null),
    /** The customer's own survey answer was worse than the callback record: HQ reviews it. */
    verificationFlagged: row.verification_flagged === 1,
    callbacks: children.callbacks.map((c) => ({
      id: c.id,
      round: c.round,
      calledBy: c.called_by,
      calledAt: c.called_at,
      satisfaction: c.satisfaction,
      rectificationDone: c.rectification_done === 1,
      rectificationEffective: c.rectification_effective === 1,
      handlingProper: c.handling_proper === 1,
      note: c.note,
      outcome: c.outcome,
    })),
    maliciousReason: row.malicious_reason,
    legalReview: json<Record<string, unknown> | null>(row.legal_review, null),
    withdrawnReason: row.withdrawn_reason,
    closedAt: row.closed_at,
    trackingCode: row.tracking_code,
    imported: row.imported === 1,
    legalHold: row.legal_hold === 1,
    createdAt: row.created_at,
    allowedActions: allowedActions(subject, actor),
    /** Record-form fields the actor may change now with PATCH (send `version` with it). */
    editableFields: [...RECORD_FIELDS, ...DRAFT_FIELDS].filter((f) => !editRefusal(subject, actor, f)),
  };
}
export type ComplaintDto = ReturnType<typeof presentComplaint>;
