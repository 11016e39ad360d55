/**
 * What a handling draft must contain before it goes for approval (Ch. 4),
 * and what a callback record leads to (Ch. 5). Pure rules, no IO.
 */
import { invalid } from './errors.js';
import { isIsoDate } from './dates.js';
import type { NoFaultReason, OutcomeClass, Satisfaction } from './types.js';

export interface MeasureDraft {
  description: string;
  owner: string;
  dueOn: string;
}

export interface HandlingDraft {
  findings: string | null;
  outcomeClass: OutcomeClass | null;
  noFaultReason: NoFaultReason | null;
  handlingOpinion: string | null;
  rectifications: MeasureDraft[];
  accountabilityActions: { person: string; measure: string }[];
  coordinationDepartments: string[];
}

const blank = (s: string | null | undefined) => !s || s.trim() === '';

/** Throws a 400 naming the first missing or wrong field of the draft. */
export function assertDraftComplete(d: HandlingDraft): void {
  if (blank(d.findings)) throw invalid('findings', '请填写调查核实情况');
  if (!d.outcomeClass) throw invalid('outcomeClass', '请选择责任认定类别');
  if (blank(d.handlingOpinion)) throw invalid('handlingOpinion', '请填写处理意见');
  d.rectifications.forEach((m, i) => assertMeasure(m, `rectifications[${i}]`));
  switch (d.outcomeClass) {
    case 'serious_fault':
    case 'partial_fault':
      if (d.accountabilityActions.length === 0) throw invalid('accountabilityActions', '我方有责任的投诉须对相关责任人进行处理');
      if (d.rectifications.length === 0) throw invalid('rectifications', '我方有责任的投诉须制定整改措施');
      break;
    case 'no_fault':
      if (!d.noFaultReason) throw invalid('noFaultReason', '请说明无责任的原因（无责任／监管政策所限／不可抗力）');
      break;
    case 'beyond_authority':
      if (d.coordinationDepartments.length === 0) throw invalid('coordinationDepartments', '请填写需配合的总部部门');
      if (d.rectifications.length === 0) throw invalid('rectifications', '须制定整改措施');
      break;
  }
  d.accountabilityActions.forEach((a, i) => {
    if (blank(a.person)) throw invalid(`accountabilityActions[${i}].person`, '请填写责任人');
    if (blank(a.measure)) throw invalid(`accountabilityActions[${i}].measure`, '请填写处理措施');
  });
}

export function assertMeasure(m: MeasureDraft, field: string): void {
  if (blank(m.description)) throw invalid(`${field}.description`, '请填写整改措施内容');
  if (blank(m.owner)) throw invalid(`${field}.owner`, '请填写整改责任人');
  if (!isIsoDate(m.dueOn)) throw invalid(`${field}.dueOn`, '整改期限须为 YYYY-MM-DD 日期');
}

export interface CallbackRecord {
  satisfaction: Satisfaction;
  /** Was the rectification carried out (true when there was nothing to rectify). */
  rectificationDone: boolean;
  rectificationEffective: boolean;
  /** The manager's judgement after investigating a dissatisfied customer's view. */
  handlingProper: boolean;
  note?: string | null;
}

export type VerificationOutcome = 'close' | 'rerectify' | 'rehandle';

/**
 * Ch. 5: rectification not carried out or not effective → rectify again;
 * dissatisfied and our handling improper → handle again; otherwise close
 * (a dissatisfied customer whose handling was proper is closed with the explanation recorded).
 */
export function requiredOutcome(cb: CallbackRecord): VerificationOutcome {
  if (!cb.rectificationDone || !cb.rectificationEffective) return 'rerectify';
  if (cb.satisfaction === 'dissatisfied' && !cb.handlingProper) return 'rehandle';
  return 'close';
}

/** Throws a 400 when the chosen outcome contradicts the callback record. */
export function assertOutcomeMatches(cb: CallbackRecord, chosen: VerificationOutcome): void {
  const needed = requiredOutcome(cb);
  if (needed !== chosen) {
    const why = {
      rerectify: '整改措施未落实或未达到预期效果，应重新整改',
      rehandle: '客户不满意且属我方处理不当，应重新处理',
      close: '回访结果不需要重新整改或重新处理，应办结',
    }[needed];
    throw invalid('callback', why);
  }
  if (chosen === 'close' && cb.satisfaction === 'dissatisfied' && blank(cb.note ?? null)) {
    throw invalid('callback.note', '客户不满意但我方处理得当的，须记录解释说明');
  }
}

const RANK: Record<Satisfaction, number> = { dissatisfied: 0, basically_satisfied: 1, satisfied: 2 };

/**
 * Ch. 5 item 4: a manager who conceals the true verification result is severely disciplined.
 * The customer's own answer (online survey) being worse than the callback record is the sign.
 */
export function verificationDiscrepancy(recorded: Satisfaction, customer: Satisfaction): boolean {
  return RANK[customer] < RANK[recorded];
}
