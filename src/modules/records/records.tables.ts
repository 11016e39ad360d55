/** Row types of the records module's tables (migration 20261130130000_create-records), added to the shared Database interface. */
import type { Generated } from 'kysely';

export interface MonthlyReportsTable {
  id: string;
  unit_id: string;
  /** YYYY-MM */
  month: string;
  /** 'draft' | 'submitted' */
  status: string;
  due_on: string;
  due_provisional: Generated<number>;
  prepared_at: string;
  submitted_at: string | null;
  /** Asia/Shanghai date of submission. */
  submitted_on: string | null;
  submitted_by: string | null;
  /** 1 on time, 0 late, null not submitted. */
  on_time: number | null;
  complaint_count: Generated<number>;
  xlsx_base64: string | null;
  pdf_base64: string | null;
  /** Set when a destruction erased the snapshot files; downloads then regenerate from the (tombstoned) data. */
  snapshot_erased_at: string | null;
  emailed_to: string | null;
  created_at: string;
}

export interface ArchiveBatchesTable {
  id: string;
  number: string;
  unit_id: string;
  month: string;
  /** 'disc' | 'paper' | 'electronic' */
  medium: string;
  location: string;
  complaint_count: number;
  sealed_at: string;
  sealed_on: string;
  sealed_by: string;
  retention_years: number;
  retain_until: string;
  legal_hold: Generated<number>;
  legal_hold_reason: string | null;
  destroyed_at: string | null;
  created_at: string;
}

export interface DestructionRequestsTable {
  id: string;
  batch_id: string;
  reason: string;
  /** 'pending' | 'executed' */
  status: string;
  requested_by: string;
  requested_at: string;
  approved_by: string | null;
  approved_at: string | null;
  executed_at: string | null;
}

export interface DestructionLogTable {
  id: string;
  request_id: string;
  batch_id: string;
  complaint_id: string;
  complaint_number: string;
  attachments_erased: number;
  /** JSON: what else was erased for the complaint (see DestructionErased). */
  erased: Generated<string>;
  destroyed_at: string;
  destroyed_by: string;
}

export interface ImprovementMeasuresTable {
  id: string;
  /** e.g. 2026Q4 */
  quarter: string;
  /** null: company-wide analysis. */
  unit_id: string | null;
  /** 'business_link' | 'staff' */
  kind: string;
  key: string;
  measure: string;
  owner: string;
  due_on: string;
  /** 'open' | 'done' */
  status: string;
  done_at: string | null;
  done_by: string | null;
  done_note: string | null;
  created_by: string;
  created_at: string;
}

declare module '../../db/schema.js' {
  interface Database {
    monthly_reports: MonthlyReportsTable;
    archive_batches: ArchiveBatchesTable;
    destruction_requests: DestructionRequestsTable;
    destruction_log: DestructionLogTable;
    improvement_measures: ImprovementMeasuresTable;
  }
}
