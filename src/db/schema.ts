/**
 * Row types of the database, as Kysely sees them. JSON is stored as text and
 * dates as 'YYYY-MM-DD' text, timestamps as ISO text, booleans as 0/1 integers,
 * so the same rows behave identically on SQLite and PostgreSQL.
 */
import type { Generated } from 'kysely';

export interface UnitsTable {
  id: string;
  code: string;
  name: string;
  kind: string;
  parent_id: string | null;
  /** JSON array of ApprovalRole: this unit's approval levels. */
  approval_levels: Generated<string>;
  email: string | null;
  active: Generated<number>;
  created_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  unit_id: string;
  /** JSON array of Role. */
  roles: string;
  email: string | null;
  password_hash: string;
  disabled: Generated<number>;
  created_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface ComplaintsTable {
  id: string;
  number: string;
  version: Generated<number>;
  status: string;
  source: string;
  accepting_unit_id: string;
  handling_unit_id: string;
  accepted_on: string;
  accepted_by: string | null;
  accepted_at: string;
  backdate_reason: string | null;
  channel: string;
  channel_details: Generated<string>;
  category: string;
  business_link: string | null;
  customer_name: string;
  customer_phone: string | null;
  customer_email: string | null;
  customer_address: string | null;
  account_number: string | null;
  id_number: string | null;
  occurred_at: string | null;
  location: string | null;
  involved_staff: Generated<string>;
  reason: string;
  narrative: string;
  preliminary_opinion: string | null;
  manager_id: string | null;
  transferred_at: string | null;
  transfer_late: Generated<number>;
  investigation_due_on: string;
  feedback_due_on: string;
  due_provisional: Generated<number>;
  regulator_case_number: string | null;
  regulator_due_on: string | null;
  findings: string | null;
  outcome_class: string | null;
  no_fault_reason: string | null;
  handling_opinion: string | null;
  coordination_departments: Generated<string>;
  drafted_by: string | null;
  draft_editors: Generated<string>;
  round: Generated<number>;
  approval_chain: Generated<string>;
  approval_level: Generated<number>;
  submitted_on: string | null;
  /** The first round's submission day: deadline compliance is judged on it, whatever later rounds do. */
  first_submitted_on: string | null;
  approved_on: string | null;
  feedback: string | null;
  feedback_on: string | null;
  /** The first round's feedback day (see first_submitted_on). */
  first_feedback_on: string | null;
  verification: string | null;
  /** 1 when the customer's own survey answer is worse than the callback record (possible concealment). */
  verification_flagged: Generated<number>;
  malicious: Generated<number>;
  malicious_reason: string | null;
  legal_review: string | null;
  withdrawn_reason: string | null;
  closed_at: string | null;
  tracking_code: string | null;
  repeat_of_id: string | null;
  imported: Generated<number>;
  archive_batch_id: string | null;
  legal_hold: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface RectificationsTable {
  id: string;
  complaint_id: string;
  round: number;
  description: string;
  owner: string;
  due_on: string;
  done_at: string | null;
  done_note: string | null;
  created_at: string;
}

export interface AccountabilityActionsTable {
  id: string;
  complaint_id: string;
  round: number;
  person: string;
  measure: string;
  created_at: string;
}

export interface ApprovalsTable {
  id: string;
  complaint_id: string;
  round: number;
  level: number;
  role: string;
  approver_id: string;
  decision: string;
  comment: string | null;
  decided_at: string;
}

export interface CoordinationTasksTable {
  id: string;
  complaint_id: string;
  department: string;
  note: string | null;
  done_at: string | null;
  done_note: string | null;
  created_at: string;
}

export interface CallbacksTable {
  id: string;
  complaint_id: string;
  round: number;
  called_by: string;
  called_at: string;
  satisfaction: string;
  rectification_done: number;
  rectification_effective: number;
  handling_proper: number;
  note: string | null;
  outcome: string;
  created_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  from_status: string | null;
  to_status: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
}

export interface CountersTable {
  key: string;
  value: number;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface BusinessLinksTable {
  code: string;
  name: string;
  active: number;
  sort: number;
}

export interface AttachmentsTable {
  id: string;
  complaint_id: string;
  filename: string;
  content_type: string;
  size: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  created_at: string;
  erased_at: string | null;
}

export interface Database {
  attachments: AttachmentsTable;
  units: UnitsTable;
  users: UsersTable;
  sessions: SessionsTable;
  complaints: ComplaintsTable;
  rectifications: RectificationsTable;
  accountability_actions: AccountabilityActionsTable;
  approvals: ApprovalsTable;
  coordination_tasks: CoordinationTasksTable;
  callbacks: CallbacksTable;
  audit_log: AuditLogTable;
  counters: CountersTable;
  settings: SettingsTable;
  business_links: BusinessLinksTable;
}
