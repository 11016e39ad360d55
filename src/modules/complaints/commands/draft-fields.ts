/** Reading and writing the handling draft (Ch. 4) of the current round. */
import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { ComplaintsTable } from '../../../db/schema.js';

type ComplaintPatch = Updateable<ComplaintsTable>;
import type { HandlingDraft, MeasureDraft } from '../../../domain/draft.js';
import { assertMeasure } from '../../../domain/draft.js';
import { invalid } from '../../../domain/errors.js';
import { NO_FAULT_REASONS, OUTCOME_CLASSES, type NoFaultReason, type OutcomeClass } from '../../../domain/types.js';
import type { Trx } from '../../../server/context.js';
import type { ComplaintRow } from '../complaints.queries.js';

export interface DraftInput {
  findings?: string | null;
  outcomeClass?: OutcomeClass | null;
  noFaultReason?: NoFaultReason | null;
  handlingOpinion?: string | null;
  rectifications?: MeasureDraft[];
  accountabilityActions?: { person: string; measure: string }[];
  coordinationDepartments?: string[];
}

/**
 * Validate and store the draft fields present in `input`. Measures and
 * accountability actions of the current round are replaced as a whole.
 * Returns the complaint columns to update.
 */
export async function applyDraftFields(trx: Trx, row: ComplaintRow, input: DraftInput, now: Date): Promise<ComplaintPatch> {
  const patch: ComplaintPatch = {};
  if (input.findings !== undefined) patch.findings = input.findings;
  if (input.outcomeClass !== undefined) {
    if (input.outcomeClass !== null && !OUTCOME_CLASSES.includes(input.outcomeClass)) throw invalid('outcomeClass', '责任认定类别无效');
    patch.outcome_class = input.outcomeClass;
    // The reason for "no fault" belongs to class 3 only; it must not survive a change of class.
    if (input.outcomeClass !== 'no_fault' && input.noFaultReason === undefined) patch.no_fault_reason = null;
  }
  if (input.noFaultReason !== undefined) {
    if (input.noFaultReason !== null && !NO_FAULT_REASONS.includes(input.noFaultReason)) throw invalid('noFaultReason', '无责任原因无效');
    patch.no_fault_reason = input.noFaultReason;
  }
  if (input.handlingOpinion !== undefined) patch.handling_opinion = input.handlingOpinion;
  if (input.coordinationDepartments !== undefined) {
    const depts = input.coordinationDepartments.map((d) => d.trim()).filter(Boolean);
    patch.coordination_departments = JSON.stringify(depts);
  }
  const at = now.toISOString();
  if (input.rectifications !== undefined) {
    input.rectifications.forEach((m, i) => assertMeasure(m, `rectifications[${i}]`));
    // Measures already completed in this round stay; the open ones are replaced by the new list.
    await trx.deleteFrom('rectifications').where('complaint_id', '=', row.id).where('round', '=', row.round).where('done_at', 'is', null).execute();
    for (const m of input.rectifications) {
      await trx
        .insertInto('rectifications')
        .values({ id: randomUUID(), complaint_id: row.id, round: row.round, description: m.description.trim(), owner: m.owner.trim(), due_on: m.dueOn, done_at: null, done_note: null, created_at: at })
        .execute();
    }
  }
  if (input.accountabilityActions !== undefined) {
    input.accountabilityActions.forEach((a, i) => {
      if (!a.person?.trim()) throw invalid(`accountabilityActions[${i}].person`, '请填写责任人');
      if (!a.measure?.trim()) throw invalid(`accountabilityActions[${i}].measure`, '请填写处理措施');
    });
    await trx.deleteFrom('accountability_actions').where('complaint_id', '=', row.id).where('round', '=', row.round).execute();
    for (const a of input.accountabilityActions) {
      await trx.insertInto('accountability_actions').values({ id: randomUUID(), complaint_id: row.id, round: row.round, person: a.person.trim(), measure: a.measure.trim(), created_at: at }).execute();
    }
  }
  return patch;
}

/** The draft as it stands, for the completeness check before submission. */
export async function readDraft(trx: Trx, row: ComplaintRow): Promise<HandlingDraft> {
  const [measures, actions] = await Promise.all([
    trx.selectFrom('rectifications').select(['description', 'owner', 'due_on']).where('complaint_id', '=', row.id).where('round', '=', row.round).execute(),
    trx.selectFrom('accountability_actions').select(['person', 'measure']).where('complaint_id', '=', row.id).where('round', '=', row.round).execute(),
  ]);
  return {
    findings: row.findings,
    outcomeClass: row.outcome_class as OutcomeClass | null,
    noFaultReason: row.no_fault_reason as NoFaultReason | null,
    handlingOpinion: row.handling_opinion,
    rectifications: measures.map((m) => ({ description: m.description, owner: m.owner, dueOn: m.due_on })),
    accountabilityActions: actions,
    coordinationDepartments: JSON.parse(row.coordination_departments) as string[],
  };
}
