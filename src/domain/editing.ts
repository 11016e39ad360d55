/**
 * Which fields of the record form may be edited in which state, and by whom.
 * The record of acceptance is editable until the investigation is submitted;
 * the handling draft only while investigating. Nothing is editable once the
 * complaint is approved: later steps are actions with their own records.
 */
import type { Role, Status } from './types.js';

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
