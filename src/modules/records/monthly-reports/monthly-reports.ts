/**
 * Ch. 6 (2): each branch sends HQ, within the first three trading days of a
 * month, the record forms it directly accepted the month before. Listing,
 * submission (snapshot + on-time check), HQ's grid, and the draft job.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { shanghaiDate } from '../../../domain/dates.js';
import { monthlyReportDraftOn, monthlyReportDueOn } from '../../../domain/deadlines.js';
import { AppError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/workflow.js';
import { inTransaction, type AppContext, type Trx } from '../../../server/context.js';
import { appendAudit } from '../../audit/audit.js';
import { notify } from '../../calendar/notifications.js';
import type { MonthlyReportsTable } from '../records.tables.js';
import { addMonths, assertMonth, firstDay, monthRange } from '../shared/months.js';
import { loadMonthlyReport, monthCounts, monthlyReportPdf, monthlyReportXlsx } from './monthly-report.build.js';

export type Timeliness = 'on_time' | 'late' | 'missing' | 'not_due';

interface Branch {
  id: string;
  code: string;
  name: string;
}

async function branches(db: Trx, actor: Actor | null): Promise<Branch[]> {
  let qb = db.selectFrom('units').select(['id', 'code', 'name']).where('kind', '=', 'branch').where('active', '=', 1);
  if (actor && actor.unitKind !== 'hq') qb = qb.where('id', '=', actor.unitId);
  return qb.orderBy('code').execute();
}

function dueFor(ctx: AppContext, month: string) {
  return monthlyReportDueOn(ctx.calendar(), month, ctx.rules);
}

function timeliness(row: Pick<ReportMeta, 'status' | 'on_time'> | undefined, dueOn: string, today: string): Timeliness {
  if (row?.status === 'submitted') return row.on_time === 1 ? 'on_time' : 'late';
  return today > dueOn ? 'missing' : 'not_due';
}

/** One branch's report for a month as the API shows it. */
export interface MonthlyReportDto {
  branchId: string;
  branchCode: string;
  branchName: string;
  month: string;
  dueOn: string;
  provisional: boolean;
  status: 'missing' | 'draft' | 'submitted';
  timeliness: Timeliness;
  submittedAt: string | null;
  submittedOn: string | null;
  submittedBy: string | null;
  onTime: boolean | null;
  late: boolean;
  complaintCount: number;
  emailedTo: string | null;
  /** Set when a destruction erased the submitted files; downloads are regenerated from the tombstoned data. */
  snapshotErasedAt: string | null;
}

function present(ctx: AppContext, b: Branch, month: string, row: ReportMeta | undefined, liveCount: number, today: string): MonthlyReportDto {
  const due = dueFor(ctx, month);
  const dueOn = row?.status === 'submitted' ? row.due_on : due.dueOn;
  const t = timeliness(row, dueOn, today);
  return {
    branchId: b.id,
    branchCode: b.code,
    branchName: b.name,
    month,
    dueOn,
    provisional: row?.status === 'submitted' ? row.due_provisional === 1 : due.provisional,
    status: !row ? 'missing' : row.status === 'submitted' ? 'submitted' : 'draft',
    timeliness: t,
    submittedAt: row?.submitted_at ?? null,
    submittedOn: row?.submitted_on ?? null,
    submittedBy: row?.submitted_by ?? null,
    onTime: row?.status === 'submitted' ? row.on_time === 1 : null,
    late: t === 'late' || t === 'missing',
    complaintCount: row?.status === 'submitted' ? row.complaint_count : liveCount,
    emailedTo: row?.emailed_to ?? null,
    snapshotErasedAt: row?.snapshot_erased_at ?? null,
  };
}

type ReportMeta = Pick<Selectable<MonthlyReportsTable>, (typeof META)[number]>;
const META = ['id', 'unit_id', 'month', 'status', 'due_on', 'due_provisional', 'prepared_at', 'submitted_at', 'submitted_on', 'submitted_by', 'on_time', 'complaint_count', 'emailed_to', 'snapshot_erased_at', 'created_at'] as const;

/** Every branch's report for `month` (branch staff see their own branch only). */
export async function listMonthlyReports(ctx: AppContext, db: Trx, actor: Actor, month: string): Promise<MonthlyReportDto[]> {
  assertMonth(month);
  const bs = await branches(db, actor);
  const rows = await db.selectFrom('monthly_reports').select(META).where('month', '=', month).execute();
  const counts = await monthCounts(db, month);
  const today = shanghaiDate(ctx.clock.now());
  return bs.map((b) => present(ctx, b, month, rows.find((r) => r.unit_id === b.id), counts.get(b.id) ?? 0, today));
}

/** HQ's view: branches × months, each cell on_time / late / missing / not_due. */
export async function monthlyGrid(ctx: AppContext, db: Trx, from: string, to: string) {
  assertMonth(from, 'from');
  assertMonth(to, 'to');
  const months = monthRange(from, to);
  const bs = await branches(db, null);
  const rows = await db.selectFrom('monthly_reports').select(META).where('month', '>=', from).where('month', '<=', to).execute();
  const today = shanghaiDate(ctx.clock.now());
  return {
    months,
    branches: bs.map((b) => ({
      branchId: b.id,
      branchCode: b.code,
      branchName: b.name,
      cells: months.map((m) => {
        const row = rows.find((r) => r.unit_id === b.id && r.month === m);
        const dueOn = row?.status === 'submitted' ? row.due_on : dueFor(ctx, m).dueOn;
        return { month: m, state: timeliness(row, dueOn, today), dueOn, submittedAt: row?.submitted_at ?? null };
      }),
    })),
  };
}

/** The branch (404 if unknown or outside the actor's scope). */
export async function findBranch(db: Trx, actor: Actor, branchId: string): Promise<Branch> {
  const b = (await branches(db, actor)).find((x) => x.id === branchId);
  if (!b) throw new AppError('NOT_FOUND', `营业部 ${branchId} 不存在`, { details: { branchId } });
  return b;
}

/**
 * The files of a report: the submitted snapshot, or generated now from the
 * data for a draft — and for a submitted report whose snapshot a destruction
 * erased (it held personal data), regenerated from the tombstoned records.
 */
export async function reportFile(ctx: AppContext, db: Trx, actor: Actor, branchId: string, month: string, format: 'xlsx' | 'pdf') {
  assertMonth(month);
  const b = await findBranch(db, actor, branchId);
  const row = await db.selectFrom('monthly_reports').select(['status', 'due_on', 'xlsx_base64', 'pdf_base64', 'snapshot_erased_at']).where('unit_id', '=', b.id).where('month', '=', month).executeTakeFirst();
  const snap = row?.status === 'submitted' ? (format === 'xlsx' ? row.xlsx_base64 : row.pdf_base64) : null;
  if (snap) return { branch: b, body: Buffer.from(snap, 'base64'), snapshot: true, snapshotErasedAt: null };
  const dueOn = row?.status === 'submitted' ? row.due_on : dueFor(ctx, month).dueOn;
  const content = await loadMonthlyReport(db, b.id, month, dueOn);
  const now = ctx.clock.now();
  const body = format === 'xlsx' ? await monthlyReportXlsx(db, content, now) : await monthlyReportPdf(content, now);
  return { branch: b, body, snapshot: false, snapshotErasedAt: row?.snapshot_erased_at ?? null };
}

export interface SubmitResult {
  report: MonthlyReportDto;
  xlsx: Buffer;
  hqEmail: string | null;
  filename: string;
}

/** A report rendered for submission, before anything is stored. */
export interface RenderedReport {
  branch: Branch;
  month: string;
  due: ReturnType<typeof dueFor>;
  now: Date;
  complaintCount: number;
  xlsx: Buffer;
  pdf: Buffer;
}

/**
 * Step 1 of a submission, OUTSIDE any transaction (on PostgreSQL every
 * transaction takes the global audit lock, and rendering a workbook with a
 * sheet per record form takes seconds): check who may submit, then read the
 * data and render the files.
 */
export async function renderMonthlySubmission({ ctx, db, actor, branchId, month }: { ctx: AppContext; db: Trx; actor: Actor; branchId: string; month: string }): Promise<RenderedReport> {
  assertMonth(month);
  const b = await findBranch(db, actor, branchId);
  if (actor.unitId !== b.id || !actor.roles.some((r) => r === 'complaint_manager' || r === 'branch_head')) {
    throw new AppError('FORBIDDEN', '月报由本营业部的投诉管理人员或负责人报送');
  }
  const now = ctx.clock.now();
  const today = shanghaiDate(now);
  if (today < firstDay(addMonths(month, 1))) throw new AppError('CONFLICT', `${month} 尚未结束，不能报送月报`, { field: 'month' });
  // Refuse early when already submitted (the transaction checks again).
  const existing = await db.selectFrom('monthly_reports').select('status').where('unit_id', '=', b.id).where('month', '=', month).executeTakeFirst();
  if (existing?.status === 'submitted') throw new AppError('CONFLICT', `${b.name} ${month} 的月报已报送`, { details: { branchId, month } });
  const due = dueFor(ctx, month);
  const content = await loadMonthlyReport(db, b.id, month, due.dueOn);
  const xlsx = await monthlyReportXlsx(db, content, now);
  const pdf = await monthlyReportPdf(content, now);
  return { branch: b, month, due, now, complaintCount: content.rows.length, xlsx, pdf };
}

/**
 * Step 2, in a short transaction: store the rendered files as the report's
 * snapshot. On-time means the Shanghai date of submission is on or before the
 * due day. Only a draft becomes submitted, so a concurrent or repeated
 * submission finds none and is refused with 409.
 */
export async function submitMonthlyReport({ ctx, trx, actor, rendered }: { ctx: AppContext; trx: Trx; actor: Actor; rendered: RenderedReport }): Promise<SubmitResult> {
  const { branch: b, month, due, now } = rendered;
  const today = shanghaiDate(now);
  const at = now.toISOString();
  await trx
    .insertInto('monthly_reports')
    .values({ id: randomUUID(), unit_id: b.id, month, status: 'draft', due_on: due.dueOn, due_provisional: due.provisional ? 1 : 0, prepared_at: at, created_at: at })
    .onConflict((oc) => oc.columns(['unit_id', 'month']).doNothing())
    .execute();
  const onTime = today <= due.dueOn;
  const res = await trx
    .updateTable('monthly_reports')
    .set({ status: 'submitted', due_on: due.dueOn, due_provisional: due.provisional ? 1 : 0, prepared_at: at, submitted_at: at, submitted_on: today, submitted_by: actor.id, on_time: onTime ? 1 : 0, complaint_count: rendered.complaintCount, xlsx_base64: rendered.xlsx.toString('base64'), pdf_base64: rendered.pdf.toString('base64') })
    .where('unit_id', '=', b.id)
    .where('month', '=', month)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('CONFLICT', `${b.name} ${month} 的月报已报送`, { details: { branchId: b.id, month } });
  const row = await trx.selectFrom('monthly_reports').select(['id']).where('unit_id', '=', b.id).where('month', '=', month).executeTakeFirstOrThrow();
  await appendAudit(trx, ctx.db.dialect, { actorId: actor.id, entityType: 'monthly_report', entityId: row.id, action: 'submit_monthly_report', detail: { branchId: b.id, month, dueOn: due.dueOn, onTime, complaints: rendered.complaintCount } }, now);
  const hq = await trx.selectFrom('units').select('email').where('kind', '=', 'hq').where('active', '=', 1).executeTakeFirst();
  const [report] = (await listMonthlyReports(ctx, trx, actor, month)).filter((r) => r.branchId === b.id);
  return { report, xlsx: rendered.xlsx, hqEmail: hq?.email ?? null, filename: `月报-${b.code}-${month}.xlsx` };
}

/** After commit: email the report to HQ when mail is configured; returns the address used or the error. */
export async function emailMonthlyReport(ctx: AppContext, r: SubmitResult): Promise<{ emailedTo: string | null; emailError?: string }> {
  if (!ctx.mailer || !r.hqEmail) return { emailedTo: null };
  try {
    await ctx.mailer.send({
      to: r.hqEmail,
      subject: `【投诉月报】${r.report.branchName} ${r.report.month}`,
      text: `${r.report.branchName} ${r.report.month} 客户投诉月报已报送，直接受理投诉 ${r.report.complaintCount} 件，报送截止日 ${r.report.dueOn}，${r.report.onTime ? '按时报送' : '逾期报送'}。记录表清单见附件。`,
      attachments: [{ filename: r.filename, content: r.xlsx, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }],
    });
    await ctx.db.kysely.updateTable('monthly_reports').set({ emailed_to: r.hqEmail }).where('unit_id', '=', r.report.branchId).where('month', '=', r.report.month).execute();
    return { emailedTo: r.hqEmail };
  } catch (e) {
    return { emailedTo: null, emailError: String(e).slice(0, 300) };
  }
}

/**
 * The job: on the first trading day of a month, prepare each branch's draft
 * for the previous month and remind its complaint managers and head. Safe to
 * run repeatedly: drafts and notifications are both insert-if-absent.
 */
export async function prepareMonthlyDrafts(ctx: AppContext, now: Date): Promise<number> {
  const today = shanghaiDate(now);
  const month = addMonths(today.slice(0, 7), -1);
  if (monthlyReportDraftOn(ctx.calendar(), month) !== today) return 0;
  const due = dueFor(ctx, month);
  return inTransaction(ctx, async (trx) => {
    let reminded = 0;
    const counts = await monthCounts(trx, month);
    for (const b of await branches(trx, null)) {
      const at = now.toISOString();
      await trx
        .insertInto('monthly_reports')
        .values({ id: randomUUID(), unit_id: b.id, month, status: 'draft', due_on: due.dueOn, due_provisional: due.provisional ? 1 : 0, prepared_at: at, complaint_count: counts.get(b.id) ?? 0, created_at: at })
        .onConflict((oc) => oc.columns(['unit_id', 'month']).doNothing())
        .execute();
      const staff = await trx.selectFrom('users').select(['id', 'roles']).where('unit_id', '=', b.id).where('disabled', '=', 0).execute();
      for (const u of staff.filter((s) => (JSON.parse(s.roles) as string[]).some((r) => r === 'complaint_manager' || r === 'branch_head'))) {
        const isNew = await notify(ctx, trx, {
          userId: u.id,
          eventKey: `monthly_report:${b.id}:${month}:draft`,
          kind: 'monthly_report_due',
          title: `${month} 投诉月报待报送`,
          body: `${b.name} ${month} 投诉月报草稿已生成（直接受理 ${counts.get(b.id) ?? 0} 件），请于 ${due.dueOn}（本月第 ${ctx.rules.monthlyReportTradingDays} 个交易日）前报送经纪业务总部。`,
        });
        if (isNew) reminded++;
      }
    }
    return reminded;
  });
}
