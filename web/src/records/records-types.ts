/** Shapes of the records API answers (src/modules/records/**): quarterly analysis, monthly grid, archive batches, retention, import. */

export interface Count {
  key: string;
  label: string;
  count: number;
}

export interface Compliance {
  onTime: number;
  late: number;
  pending: number;
  rate: number | null;
}

export interface ImprovementMeasure {
  id: string;
  kind: 'business_link' | 'staff';
  key: string;
  measure: string;
  owner: string;
  dueOn: string;
  status: 'open' | 'done';
  overdue: boolean;
  doneAt: string | null;
  doneNote: string | null;
}

export interface Hotspot extends Count {
  kind: 'business_link' | 'staff';
  measures: ImprovementMeasure[];
  needsMeasure: boolean;
  done: boolean;
}

interface Trend {
  quarter: string;
  total: number;
  change: number;
  changeRate: number | null;
  byCategory: Count[];
}

export interface QuarterlyAnalysis {
  quarter: string;
  from: string;
  to: string;
  unitId: string | null;
  unitName: string;
  total: number;
  byCategory: Count[];
  byBusinessLink: Count[];
  byChannel: Count[];
  byOutcomeClass: Count[];
  byBranch: Count[];
  byStaff: Count[];
  compliance: { investigation: Compliance; feedback: Compliance };
  satisfaction: { verified: number; satisfied: number; basically_satisfied: number; dissatisfied: number; satisfiedRate: number | null };
  repeat: { count: number; numbers: string[] };
  comparison: { previousQuarter: Trend; sameQuarterLastYear: Trend };
  hotspotThreshold: number;
  hotspotTopPercent?: number;
  hotspots: Hotspot[];
  improvements: ImprovementMeasure[];
}

export interface GridCell {
  month: string;
  state: 'on_time' | 'late' | 'missing' | 'not_due';
  dueOn: string;
  submittedAt: string | null;
}

export interface MonthlyGrid {
  months: string[];
  branches: { branchId: string; branchCode: string; branchName: string; cells: GridCell[] }[];
}

export interface ArchiveBatch {
  id: string;
  number: string;
  unitId: string;
  unitCode: string;
  unitName: string;
  month: string;
  medium: string;
  location: string;
  complaintCount: number;
  sealedAt: string;
  sealedOn: string;
  sealedBy: string;
  retentionYears: number;
  retainUntil: string;
  retentionDue?: boolean;
  legalHold: boolean;
  legalHoldReason: string | null;
  destroyedAt: string | null;
}

export interface DueBatch extends ArchiveBatch {
  heldComplaints: string[];
  pendingRequestId: string | null;
}

export interface DestructionRequest {
  id: string;
  batchId: string;
  batchNumber: string;
  reason: string;
  status: 'pending' | 'executed' | string;
  requestedBy: string;
  requestedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  executedAt: string | null;
}

export interface DestructionLogEntry {
  id: string;
  requestId: string;
  batchId: string;
  complaintId: string;
  complaintNumber: string;
  attachmentsErased: number;
  destroyedAt: string;
  destroyedBy: string;
}

export interface RowError {
  row: number;
  field: string;
  column: string;
  message: string;
}

export interface ImportReport {
  mode: 'all_or_nothing' | 'valid_only';
  total: number;
  valid: number;
  imported: number;
  errors: RowError[];
  ignoredColumns: string[];
  complaints: { row: number; id: string; number: string }[];
}

/** "2026Q4" for a date. */
export function quarterOf(d: { year(): number; month(): number }): string {
  return `${d.year()}Q${Math.floor(d.month() / 3) + 1}`;
}
