/**
 * What a customer is told about their complaint, decided from its status alone
 * (pure, no IO). The customer sees stages and committed dates, never internal
 * notes, findings or staff names.
 */
import { shanghaiDate } from '../../domain/dates.js';
import type { Status } from '../../domain/types.js';
import { OPEN_STATUSES } from '../../domain/workflow.js';

/** Stage labels worded for customers (the staff labels talk about approval levels and archives). */
export const CUSTOMER_STAGE_LABELS: Record<Status, string> = {
  received: '已受理',
  investigating: '调查核实中',
  pending_approval: '处理意见审核中',
  approved: '处理意见已确定，待反馈',
  feedback_given: '已向您反馈处理意见',
  rectifying: '整改落实中',
  verifying: '待回访验证',
  closed: '已办结',
  archived: '已办结',
  destroyed: '已办结',
  withdrawn: '已撤回',
};

/** The status order of a complaint's normal path; a re-handled complaint moves back in it. */
const PATH: readonly Status[] = ['received', 'investigating', 'pending_approval', 'approved', 'feedback_given', 'rectifying', 'verifying', 'closed', 'archived'];

export interface TrackingFacts {
  status: Status;
  acceptedOn: string;
  approvedOn: string | null;
  feedbackOn: string | null;
  closedAt: string | null;
}

export interface TrackingStep {
  key: string;
  label: string;
  done: boolean;
  date?: string;
}

/** The steps shown on the progress page; `doneFrom` is the first status at which the step is complete. */
const STEPS: { key: string; label: string; doneFrom: Status; date?: (f: TrackingFacts) => string | null }[] = [
  { key: 'accepted', label: '投诉受理', doneFrom: 'received', date: (f) => f.acceptedOn },
  { key: 'investigation', label: '调查核实', doneFrom: 'approved', date: (f) => f.approvedOn },
  { key: 'feedback', label: '反馈处理意见', doneFrom: 'feedback_given', date: (f) => f.feedbackOn },
  { key: 'rectification', label: '整改落实', doneFrom: 'verifying' },
  { key: 'verification', label: '回访验证', doneFrom: 'closed', date: (f) => (f.closedAt ? shanghaiDate(new Date(f.closedAt)) : null) },
  { key: 'closed', label: '办结', doneFrom: 'closed', date: (f) => (f.closedAt ? shanghaiDate(new Date(f.closedAt)) : null) },
];

/** The customer's view of progress. A withdrawn complaint shows acceptance and a final "withdrawn" step. */
export function trackingSteps(f: TrackingFacts): TrackingStep[] {
  if (f.status === 'withdrawn') {
    return [
      { key: 'accepted', label: '投诉受理', done: true, date: f.acceptedOn },
      { key: 'withdrawn', label: '已撤回', done: true, ...(f.closedAt ? { date: shanghaiDate(new Date(f.closedAt)) } : {}) },
    ];
  }
  const at = PATH.indexOf(f.status === 'destroyed' ? 'archived' : f.status);
  return STEPS.map((s) => {
    const done = at >= PATH.indexOf(s.doneFrom);
    const date = done ? s.date?.(f) : null;
    return { key: s.key, label: s.label, done, ...(date ? { date } : {}) };
  });
}

/** Days after closing during which the customer may still answer the survey. */
export const SURVEY_DAYS = 30;

/** The survey is open during the callback step and for a month after closing. */
export function surveyOpen(status: Status, closedAt: string | null, now: Date): boolean {
  if (status === 'verifying') return true;
  if (status !== 'closed' || !closedAt) return false;
  return now.getTime() - new Date(closedAt).getTime() <= SURVEY_DAYS * 24 * 3600_000;
}

/** Customers may add material while the complaint is still being handled. */
export function acceptsCustomerMaterial(status: Status): boolean {
  return OPEN_STATUSES.includes(status);
}
