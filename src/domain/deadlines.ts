/**
 * Deadline rules of the measures (SPEC section 5): "within N working days
 * counted from and including the acceptance day" is the N-th working day on
 * or after that day. The calendar that knows which days are working days is
 * passed in, so these rules stay pure.
 */
export interface DueOn {
  dueOn: string;
  provisional: boolean;
}

export interface DeadlineCalendar {
  addWorkingDays(from: string, n: number): DueOn;
  addTradingDays(from: string, n: number): DueOn;
}

export interface DeadlineRules {
  /** Ch. 4: investigation, opinion and measures within 3 working days. */
  investigationWorkingDays: number;
  /** Ch. 4: feedback to the complainant within 4 working days. */
  feedbackWorkingDays: number;
  /** Ch. 6: the branch's monthly report within the first 3 trading days. */
  monthlyReportTradingDays: number;
}

export const DEFAULT_RULES: DeadlineRules = {
  investigationWorkingDays: 3,
  feedbackWorkingDays: 4,
  monthlyReportTradingDays: 3,
};

export interface ComplaintDeadlines {
  investigationDueOn: string;
  feedbackDueOn: string;
  provisional: boolean;
}

/** Each stage's due date on its own, with whether it rests on provisional calendar data. */
export function stageDeadlines(cal: DeadlineCalendar, acceptedOn: string, rules: DeadlineRules = DEFAULT_RULES): { investigation: DueOn; feedback: DueOn } {
  return { investigation: cal.addWorkingDays(acceptedOn, rules.investigationWorkingDays), feedback: cal.addWorkingDays(acceptedOn, rules.feedbackWorkingDays) };
}

export function complaintDeadlines(cal: DeadlineCalendar, acceptedOn: string, rules: DeadlineRules = DEFAULT_RULES): ComplaintDeadlines {
  const { investigation: inv, feedback: fb } = stageDeadlines(cal, acceptedOn, rules);
  return { investigationDueOn: inv.dueOn, feedbackDueOn: fb.dueOn, provisional: inv.provisional || fb.provisional };
}

/** The month after YYYY-MM, as its first day. */
export function firstDayOfNextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m, 1));
  return d.toISOString().slice(0, 10);
}

/** The monthly report for `month` is drafted and the branch reminded on the 1st trading day of the next month. */
export function monthlyReportDraftOn(cal: DeadlineCalendar, month: string): string {
  return cal.addTradingDays(firstDayOfNextMonth(month), 1).dueOn;
}

/** Ch. 6: the monthly report for `month` (YYYY-MM) is due on the N-th trading day of the next month. */
export function monthlyReportDueOn(cal: DeadlineCalendar, month: string, rules: DeadlineRules = DEFAULT_RULES): DueOn {
  return cal.addTradingDays(firstDayOfNextMonth(month), rules.monthlyReportTradingDays);
}
