/** Shapes of the API responses the web app reads (see the presenters and routes under src/modules). */
import type { Action, Role, Status } from './labels';

export interface User {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  roleLabels: string[];
  unitId: string;
  unitKind: 'hq' | 'branch' | 'department';
  unitName: string;
  unitCode: string;
  email: string | null;
}

export interface Unit {
  id: string;
  code: string;
  name: string;
  kind: 'hq' | 'branch' | 'department';
  parentId: string | null;
  approvalLevels: string[];
  email: string | null;
  active: boolean;
}

export interface StaffUser {
  id: string;
  username: string;
  displayName: string;
  unitId: string;
  roles: Role[];
  email: string | null;
  disabled: boolean;
}

export interface BusinessLink {
  code: string;
  name: string;
  active: boolean;
}

export interface ComplaintSummary {
  id: string;
  number: string;
  status: Status;
  version: number;
  source: string;
  acceptingUnitId: string;
  handlingUnitId: string;
  acceptedOn: string;
  channel: string;
  category: string;
  businessLink: string | null;
  customerName: string;
  customerPhone: string | null;
  reason: string;
  managerId: string | null;
  investigationDueOn: string;
  feedbackDueOn: string;
  deadlinesProvisional: boolean;
  overdue: ('investigation' | 'feedback')[];
  malicious: boolean;
  /** Same customer again after a callback answered "satisfied"; the earlier complaint's id is given only to company-wide readers (HQ). */
  repeat?: boolean;
  /** The customer's own survey answer was worse than the callback record. */
  verificationFlagged?: boolean;
  repeatOfId: string | null;
  archiveBatchId: string | null;
  updatedAt: string;
}

export interface Measure {
  id: string;
  round: number;
  description: string;
  owner: string;
  dueOn: string;
  doneAt: string | null;
  doneNote: string | null;
}

export interface Complaint extends ComplaintSummary {
  customerEmail: string | null;
  customerAddress: string | null;
  accountNumber: string | null;
  idNumber: string | null;
  personalDataMasked: boolean;
  acceptedBy: string | null;
  acceptedAt: string;
  backdateReason: string | null;
  channelDetails: Record<string, unknown>;
  occurredAt: string | null;
  location: string | null;
  involvedStaff: { name: string; position?: string | null; userId?: string | null }[];
  narrative: string;
  preliminaryOpinion: string | null;
  transferredAt: string | null;
  transferLate: boolean;
  regulatorCaseNumber: string | null;
  regulatorDueOn: string | null;
  investigation: { findings: string | null; outcomeClass: string | null; noFaultReason: string | null; draftedBy: string | null; submittedOn: string | null };
  handlingOpinion: string | null;
  coordinationDepartments: string[];
  round: number;
  approvalChain: string[];
  approvalLevel: number;
  approvedOn: string | null;
  approvals: { id: string; round: number; level: number; role: string; approverId: string; approverName?: string | null; decision: string; comment: string | null; decidedAt: string }[];
  rectifications: Measure[];
  accountabilityActions: { id: string; round: number; person: string; measure: string }[];
  coordinationTasks: { id: string; department: string; note: string | null; doneAt: string | null; doneNote: string | null }[];
  feedback: { content?: string; method?: string; givenAt?: string; customerReaction?: string | null } | null;
  feedbackOn: string | null;
  verification: Record<string, unknown> | null;
  callbacks: { id: string; round: number; calledBy: string; calledAt: string; satisfaction: string; rectificationDone: boolean; rectificationEffective: boolean; handlingProper: boolean; note: string | null; outcome: string }[];
  maliciousReason: string | null;
  legalReview: { opinion?: string; reviewerId?: string; reviewedAt?: string } | null;
  withdrawnReason: string | null;
  closedAt: string | null;
  trackingCode: string | null;
  imported: boolean;
  legalHold: boolean;
  createdAt: string;
  allowedActions: Action[];
  /** Record-form fields the signed-in user may change now with PATCH (send `version` with it). */
  editableFields?: string[];
}

export interface HistoryItem {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  detail: Record<string, unknown>;
}

export interface Page<T> {
  total: number;
  page: number;
  pageSize: number;
  items: T[];
}
