/**
 * Where each open complaint stands against its deadlines today: due today,
 * due within the next working days, overdue, or not transferred on the
 * acceptance day (Ch. 3). Shared by the deadline monitor and the dashboard so
 * both always agree; which stages are pending comes from src/domain/stages.ts.
 */
import type { BusinessCalendar } from '../../calendar/calendar.js';
import { addDays } from '../../calendar/dates.js';
import { FEEDBACK_PENDING, feedbackPending, investigationPending, TRANSFER_PENDING, transferPending } from '../../domain/stages.js';
import type { Actor } from '../../domain/workflow.js';
import type { Trx } from '../../server/context.js';
import { inScope } from '../complaints/complaints.queries.js';

export type Stage = 'investigation' | 'feedback' | 'transfer';
export type DeadlineState = 'due_today' | 'due_soon' | 'overdue' | 'transfer_late';

export const STAGE_LABELS: Record<Stage, string> = { investigation: '调查核实', feedback: '反馈客户', transfer: '当日转交' };

/** The columns the classification needs. */
export interface DeadlineRow {
  id: string;
  number: string;
  status: string;
  customer_name: string;
  accepted_on: string;
  investigation_due_on: string;
  feedback_due_on: string;
  due_provisional: number;
  manager_id: string | null;
  handling_unit_id: string;
}

export const DEADLINE_COLUMNS = [
  'complaints.id',
  'complaints.number',
  'complaints.status',
  'complaints.customer_name',
  'complaints.accepted_on',
  'complaints.investigation_due_on',
  'complaints.feedback_due_on',
  'complaints.due_provisional',
  'complaints.manager_id',
  'complaints.handling_unit_id',
] as const;

export interface DeadlineHit {
  row: DeadlineRow;
  stage: Stage;
  state: DeadlineState;
  dueOn: string;
}

/** The `n`-th working day after `today` (today itself never counts). */
export function workingDayAfter(cal: BusinessCalendar, today: string, n: number): string {
  return cal.addWorkingDays(addDays(today, 1), n).dueOn;
}

/** Classifies one complaint; `soonUntil` is the last day that counts as "due soon". */
export function classify(row: DeadlineRow, today: string, soonUntil: string): DeadlineHit[] {
  const hits: DeadlineHit[] = [];
  const check = (stage: Stage, dueOn: string) => {
    const state: DeadlineState | null = dueOn < today ? 'overdue' : dueOn === today ? 'due_today' : dueOn <= soonUntil ? 'due_soon' : null;
    if (state) hits.push({ row, stage, state, dueOn });
  };
  if (investigationPending(row.status)) check('investigation', row.investigation_due_on);
  if (feedbackPending(row.status)) check('feedback', row.feedback_due_on);
  // Ch. 3: the record form goes onward on the acceptance day; still untransferred after it is a breach.
  if (transferPending(row.status) && row.accepted_on < today) hits.push({ row, stage: 'transfer', state: 'transfer_late', dueOn: row.accepted_on });
  return hits;
}

/**
 * Open complaints with something due by `soonUntil` or a late transfer,
 * excluding imported historical records; with an `actor`, only those in the
 * actor's data scope (the dashboard).
 */
export async function findDeadlineHits(db: Trx, today: string, soonUntil: string, actor?: Actor): Promise<DeadlineHit[]> {
  let qb = db
    .selectFrom('complaints')
    .select([...DEADLINE_COLUMNS])
    .where('complaints.status', 'in', [...FEEDBACK_PENDING])
    // Imported historical records were handled before this system: never chased, never shown as late.
    .where('complaints.imported', '=', 0);
  if (actor) qb = inScope(qb, actor);
  const rows = await qb
    .where((eb) =>
      eb.or([
        // Investigation is never due after feedback; both bounds are kept for clarity of intent.
        eb('complaints.investigation_due_on', '<=', soonUntil),
        eb('complaints.feedback_due_on', '<=', soonUntil),
        eb.and([eb('complaints.status', 'in', [...TRANSFER_PENDING]), eb('complaints.accepted_on', '<', today)]),
      ]),
    )
    .orderBy('complaints.id')
    .execute();
  return rows.flatMap((r) => classify(r, today, soonUntil));
}
