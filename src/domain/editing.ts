/**
 * Which fields of the record form may be edited in which state, and by whom.
 * The record of acceptance is editable until the investigation is submitted;
 * the handling draft only while investigating. Nothing is editable once the
 * complaint is approved: later steps are actions with their own records.
 */
import type { Role, Status } from './types.js';
import type { Actor, WorkflowSubject } from './workflow.js';

export const RECORD_FIELDS = [
  'channel', 'channelDetails', 'category', 'businessLink', 'customerName', 'customerPhone', 'customerEmail',
  'customerAddress', 'accountNumber', 'idNumber', 'occurredAt', 'location', 'involvedStaff', 'reason',
  'narrative', 'preliminaryOpinion', 'regulatorCaseNumber', 'regulatorDueOn',
] as const;

export const DRAFT_FIELDS = [
  'findings', 'outcomeClass', 'noFaultReason', 'handlingOpinion', 'rectifications', 'accountabilityActions', 'coordinationDepartments',
] as const;

export type EditableField = (typeof RECORD_FIELDS)[number] | (typeof DRAFT_FIELDS)[number];

const EDITABLE: Partial<Record<Status, readonly EditableField[]>> = {
  received: RECORD_FIELDS,
  investigating: [...RECORD_FIELDS, ...DRAFT_FIELDS],
};

export const EDITOR_ROLES: readonly Role[] = ['clerk', 'complaint_manager', 'branch_head', 'hq_head'];

/** Fields editable now; an empty list means the record form is read-only in this state. */
export function editableFields(status: Status): readonly EditableField[] {
  return EDITABLE[status] ?? [];
}

const isDraftField = (f: EditableField) => (DRAFT_FIELDS as readonly string[]).includes(f);

/**
 * Why `actor` may not edit `field` of the subject now, or null. The record of acceptance
 * belongs to the units concerned; the handling draft only to a complaint manager of the
 * handling unit (or HQ's), so that approvers never write what they approve.
 */
export function editRefusal(s: Pick<WorkflowSubject, 'status' | 'acceptingUnitId' | 'handlingUnitId'>, a: Actor, field: EditableField): { code: 'INVALID_TRANSITION' | 'FORBIDDEN'; reason: string } | null {
  if (!editableFields(s.status).includes(field)) return { code: 'INVALID_TRANSITION', reason: `状态 ${s.status} 下不能修改字段 ${field}` };
  const ownUnit = a.unitKind === 'hq' || a.unitId === s.acceptingUnitId || a.unitId === s.handlingUnitId;
  if (isDraftField(field)) {
    if (!a.roles.includes('complaint_manager')) return { code: 'FORBIDDEN', reason: '处理意见由投诉管理人员拟订' };
    if (a.unitKind !== 'hq' && a.unitId !== s.handlingUnitId) return { code: 'FORBIDDEN', reason: '处理意见由办理单位拟订' };
    return null;
  }
  if (!a.roles.some((r) => EDITOR_ROLES.includes(r)) || !ownUnit) return { code: 'FORBIDDEN', reason: '无权修改投诉记录' };
  return null;
}
