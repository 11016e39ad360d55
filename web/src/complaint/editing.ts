/**
 * What the complaint page needs to know about editing before it loads the
 * (lazy) edit form and draft editor: the field lists mirrored from
 * src/domain/editing.ts, and the small helpers both editors share.
 */
import type { Complaint } from '../types';

/** Record-form fields (src/domain/editing.ts RECORD_FIELDS). */
export const RECORD_FIELDS = [
  'channel', 'channelDetails', 'category', 'businessLink', 'customerName', 'customerPhone', 'customerEmail',
  'customerAddress', 'accountNumber', 'idNumber', 'occurredAt', 'location', 'involvedStaff', 'reason',
  'narrative', 'preliminaryOpinion', 'regulatorCaseNumber', 'regulatorDueOn',
] as const;
export type RecordField = (typeof RECORD_FIELDS)[number];

/** The handling draft a complaint manager saves while investigating. */
export const DRAFT_FIELDS = ['findings', 'outcomeClass', 'noFaultReason', 'handlingOpinion', 'rectifications', 'accountabilityActions', 'coordinationDepartments'] as const;
export type DraftField = (typeof DRAFT_FIELDS)[number];

const editable = (c: Complaint, fields: readonly string[]) => (c.editableFields ?? []).some((f) => fields.includes(f));

/** True when the user may change some field of the record of acceptance now. */
export const canEditRecord = (c: Complaint): boolean => editable(c, RECORD_FIELDS);

/** True when the user may write the handling draft now. */
export const canEditDraft = (c: Complaint): boolean => editable(c, DRAFT_FIELDS);

/** The antd name path of a server field such as `rectifications[0].owner`. */
export function toNamePath(field: string): (string | number)[] {
  return field.split(/[.[\]]+/).filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Trimmed text, or null when empty. */
export const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
