/**
 * Import of historical record forms from Excel: branches keep past forms in
 * spreadsheets with Chinese column headers. Every row is validated and errors
 * are reported per row and field; by default nothing is imported when any row
 * fails (all_or_nothing), or only the valid rows when asked (valid_only).
 * Imported complaints go through acceptComplaint with source 'import' and are
 * then closed in the same transaction: they are finished historical records,
 * not live cases (no deadlines to monitor, no compliance to judge).
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { isIsoDate, shanghaiDate } from '../../../domain/dates.js';
import { AppError, invalid } from '../../../domain/errors.js';
import { CATEGORIES, CATEGORY_LABELS, CHANNELS, CHANNEL_LABELS, OUTCOME_CLASSES, OUTCOME_LABELS, SATISFACTION, type Category, type Channel, type OutcomeClass, type Satisfaction } from '../../../domain/types.js';
import type { Actor } from '../../../domain/workflow.js';
import { inTransaction, type AppContext, type Trx } from '../../../server/context.js';
import { appendAudit } from '../../audit/audit.js';
import { acceptComplaint, type AcceptInput } from '../../complaints/commands/accept-complaint.js';

export type ImportMode = 'all_or_nothing' | 'valid_only';
export const IMPORT_BACKDATE_REASON = '历史记录表导入';

type Field = 'customerName' | 'customerPhone' | 'customerEmail' | 'customerAddress' | 'accountNumber' | 'idNumber' | 'acceptedOn' | 'channel' | 'category' | 'businessLink' | 'reason' | 'narrative' | 'occurredAt' | 'location' | 'involvedStaff' | 'preliminaryOpinion' | 'closedOn' | 'findings' | 'handlingOpinion' | 'outcomeClass' | 'satisfaction';

/** Accepted header spellings → record form field. */
export const HEADERS: Record<string, Field> = {
  客户姓名: 'customerName', 姓名: 'customerName',
  联系电话: 'customerPhone', 电话: 'customerPhone', 联系方式: 'customerPhone',
  电子邮箱: 'customerEmail', 邮箱: 'customerEmail',
  联系地址: 'customerAddress', 地址: 'customerAddress',
  资金账号: 'accountNumber', 证件号码: 'idNumber', 身份证号: 'idNumber',
  受理日期: 'acceptedOn', 受理日: 'acceptedOn',
  渠道: 'channel', 受理渠道: 'channel', 投诉渠道: 'channel',
  投诉类别: 'category', 类别: 'category',
  业务环节: 'businessLink',
  投诉事由: 'reason', 事由: 'reason',
  事情经过: 'narrative', 经过: 'narrative',
  发生时间: 'occurredAt', 发生地点: 'location',
  涉及人员: 'involvedStaff',
  初步处理意见: 'preliminaryOpinion',
  办结日期: 'closedOn', 办结日: 'closedOn',
  调查核实情况: 'findings',
  处理意见: 'handlingOpinion',
  责任认定: 'outcomeClass',
  回访满意度: 'satisfaction', 满意度: 'satisfaction',
};

/** Short names of the outcome classes as branches write them (一类 … 四类), in OUTCOME_CLASSES order. */
const OUTCOME_SHORT: Record<OutcomeClass, string> = { serious_fault: '一类', partial_fault: '二类', no_fault: '三类', beyond_authority: '四类' };
const SATISFACTION_LABELS: Record<Satisfaction, string> = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' };

function outcomeOf(v: string): OutcomeClass | null {
  const t = v.trim();
  return OUTCOME_CLASSES.find((c) => c === t || OUTCOME_LABELS[c] === t || OUTCOME_SHORT[c] === t || t.startsWith(`${OUTCOME_SHORT[c]}：`) || t.startsWith(`${OUTCOME_SHORT[c]}:`)) ?? null;
}
const REQUIRED_HEADERS: Field[] = ['customerName', 'acceptedOn', 'channel', 'category', 'reason', 'narrative'];
const FIELD_HEADER: Record<Field, string> = Object.fromEntries(Object.entries(HEADERS).reverse().map(([h, f]) => [f, h])) as Record<Field, string>;

export interface RowError {
  /** Excel row number (1-based, as the user sees it). */
  row: number;
  field: string;
  column: string;
  message: string;
}

export interface ImportReport {
  mode: ImportMode;
  total: number;
  valid: number;
  imported: number;
  errors: RowError[];
  ignoredColumns: string[];
  complaints: { row: number; id: string; number: string }[];
}

function cellText(c: ExcelJS.Cell): string {
  const v = c.value;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (v === null || v === undefined) return '';
  return (c.text ?? '').trim();
}

function parseDate(s: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const d = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  return isIsoDate(d) ? d : null;
}

function byLabel<T extends string>(value: string, codes: readonly T[], labels: Record<T, string>): T | null {
  const v = value.trim();
  return codes.find((c) => c === v || labels[c] === v || labels[c].replace(/^服务/, '') === v) ?? null;
}

/** How a historical record ended (optional columns; closedOn defaults to the acceptance day). */
export interface ImportedOutcome {
  closedOn: string;
  findings: string | null;
  handlingOpinion: string | null;
  outcomeClass: OutcomeClass | null;
  satisfaction: Satisfaction | null;
}

export interface ParsedRow {
  row: number;
  input: AcceptInput;
  outcome: ImportedOutcome;
}

/** Read and validate the first sheet; returns the valid rows and the errors of the others. */
export async function parseRecordForms(db: Trx, data: Buffer, today: string): Promise<{ rows: ParsedRow[]; errors: RowError[]; total: number; ignoredColumns: string[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw invalid('file', '无法读取 Excel 文件（须为 .xlsx）');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw invalid('file', 'Excel 文件没有工作表');
  // The header row is the first row naming 客户姓名 (sheets often have a title row above it).
  let headerRow = 0;
  for (let r = 1; r <= Math.min(ws.rowCount, 10) && !headerRow; r++) {
    ws.getRow(r).eachCell((c) => {
      if (HEADERS[cellText(c)] === 'customerName') headerRow = r;
    });
  }
  if (!headerRow) throw invalid('file', '未找到表头行（须包含「客户姓名」列）');
  const columns = new Map<number, Field>();
  const ignoredColumns: string[] = [];
  ws.getRow(headerRow).eachCell((c, col) => {
    const h = cellText(c);
    const f = HEADERS[h];
    if (f && ![...columns.values()].includes(f)) columns.set(col, f);
    else if (h) ignoredColumns.push(h);
  });
  const missing = REQUIRED_HEADERS.filter((f) => ![...columns.values()].includes(f));
  if (missing.length) throw invalid('file', `缺少必需的列：${missing.map((f) => FIELD_HEADER[f]).join('、')}`);

  const links = await db.selectFrom('business_links').select(['code', 'name']).execute();
  const rows: ParsedRow[] = [];
  const errors: RowError[] = [];
  let total = 0;
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const vals: Partial<Record<Field, string>> = {};
    const row = ws.getRow(r);
    for (const [col, f] of columns) vals[f] = cellText(row.getCell(col));
    if (Object.values(vals).every((v) => !v)) continue;
    total++;
    const errs: RowError[] = [];
    const err = (field: Field, message: string) => errs.push({ row: r, field, column: FIELD_HEADER[field], message });
    const v = (f: Field) => vals[f] ?? '';
    if (!v('customerName')) err('customerName', '客户姓名不能为空');
    if (!v('customerPhone') && !v('customerEmail') && !v('customerAddress')) err('customerPhone', '至少填写一种联系方式（电话、邮箱或地址）');
    const acceptedOn = parseDate(v('acceptedOn'));
    if (!acceptedOn) err('acceptedOn', `受理日期「${v('acceptedOn')}」无法识别（如 2025-03-18）`);
    else if (acceptedOn > today) err('acceptedOn', '受理日期不能晚于今天');
    const channel = byLabel<Channel>(v('channel'), CHANNELS, CHANNEL_LABELS);
    if (!channel) err('channel', `渠道「${v('channel')}」不是 ${CHANNELS.map((c) => CHANNEL_LABELS[c]).join('/')} 之一`);
    const category = byLabel<Category>(v('category'), CATEGORIES, CATEGORY_LABELS);
    if (!category) err('category', `投诉类别「${v('category')}」不是 ${CATEGORIES.map((c) => CATEGORY_LABELS[c]).join('/')} 之一`);
    let businessLink: string | null = null;
    if (v('businessLink')) {
      businessLink = links.find((l) => l.code === v('businessLink') || l.name === v('businessLink'))?.code ?? null;
      if (!businessLink) err('businessLink', `业务环节「${v('businessLink')}」不存在`);
    }
    if (!v('reason')) err('reason', '投诉事由不能为空');
    else if (v('reason').length > 500) err('reason', '投诉事由不能超过 500 字');
    if (!v('narrative')) err('narrative', '事情经过不能为空');
    let closedOn = acceptedOn;
    if (v('closedOn')) {
      closedOn = parseDate(v('closedOn'));
      if (!closedOn) err('closedOn', `办结日期「${v('closedOn')}」无法识别（如 2025-03-28）`);
      else if (closedOn > today) err('closedOn', '办结日期不能晚于今天');
      else if (acceptedOn && closedOn < acceptedOn) err('closedOn', '办结日期不能早于受理日期');
    }
    const outcomeClass = v('outcomeClass') ? outcomeOf(v('outcomeClass')) : null;
    if (v('outcomeClass') && !outcomeClass) err('outcomeClass', `责任认定「${v('outcomeClass')}」不是 ${OUTCOME_CLASSES.map((c) => OUTCOME_SHORT[c]).join('/')} 之一`);
    const satisfaction = v('satisfaction') ? (SATISFACTION.find((x) => x === v('satisfaction') || SATISFACTION_LABELS[x] === v('satisfaction')) ?? null) : null;
    if (v('satisfaction') && !satisfaction) err('satisfaction', `回访满意度「${v('satisfaction')}」不是 满意/基本满意/不满意 之一`);
    if (errs.length) {
      errors.push(...errs);
      continue;
    }
    const opt = (f: Field) => v(f) || null;
    rows.push({
      row: r,
      input: {
        acceptedOn: acceptedOn!,
        channel: channel!,
        category: category!,
        businessLink,
        customerName: v('customerName'),
        customerPhone: opt('customerPhone'),
        customerEmail: opt('customerEmail'),
        customerAddress: opt('customerAddress'),
        accountNumber: opt('accountNumber'),
        idNumber: opt('idNumber'),
        occurredAt: opt('occurredAt'),
        location: opt('location'),
        involvedStaff: v('involvedStaff').split(/[、,，;；]+/).map((s) => s.trim()).filter(Boolean).map((name) => ({ name })),
        reason: v('reason'),
        narrative: v('narrative'),
        preliminaryOpinion: opt('preliminaryOpinion'),
        channelDetails: { importedRow: r },
      },
      outcome: { closedOn: closedOn!, findings: opt('findings'), handlingOpinion: opt('handlingOpinion'), outcomeClass, satisfaction },
    });
  }
  return { rows, errors, total, ignoredColumns };
}

/** Resolve the accepting unit: branch staff import into their own branch; HQ and the CLI name it (id or code). */
export async function importUnit(db: Trx, actor: Actor | null, unit: string | undefined): Promise<{ id: string; code: string }> {
  if (actor && actor.unitKind !== 'hq') {
    const own = await db.selectFrom('units').select(['id', 'code']).where('id', '=', actor.unitId).executeTakeFirstOrThrow();
    if (unit && unit !== own.id && unit !== own.code) throw new AppError('FORBIDDEN', '营业部只能导入本营业部的记录表', { field: 'unit' });
    return own;
  }
  if (!unit) throw invalid('unit', '请指定受理单位');
  const u = await db.selectFrom('units').select(['id', 'code', 'kind']).where((eb) => eb.or([eb('id', '=', unit), eb('code', '=', unit)])).executeTakeFirst();
  if (!u || u.kind === 'department') throw invalid('unit', `受理单位「${unit}」不存在`);
  return u;
}

/** Noon in Shanghai of `day`, as a UTC instant: a closing time that stays on that day in every zone that matters here. */
const shanghaiNoon = (day: string) => new Date(`${day}T12:00:00+08:00`).toISOString();

/**
 * A historical record form was handled on paper and has long ended: close the
 * just-accepted complaint with what the sheet says, so it never enters the
 * deadline monitor and can be archived with the month it closed in.
 */
async function closeImported(ctx: AppContext, trx: Trx, actor: Actor | null, id: string, o: ImportedOutcome): Promise<void> {
  const c = await trx.selectFrom('complaints').select(['status', 'version', 'round']).where('id', '=', id).executeTakeFirstOrThrow();
  const now = ctx.clock.now();
  const closedAt = shanghaiNoon(o.closedOn);
  const verification = o.satisfaction ? { satisfaction: o.satisfaction, rectificationDone: true, rectificationEffective: true, handlingProper: true, note: '历史记录表导入', calledAt: closedAt } : null;
  await trx
    .updateTable('complaints')
    .set({ status: 'closed', closed_at: closedAt, imported: 1, findings: o.findings, handling_opinion: o.handlingOpinion, outcome_class: o.outcomeClass, verification: verification ? JSON.stringify(verification) : null, version: c.version + 1, updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
  if (o.satisfaction) {
    // The quarterly satisfaction count reads callbacks; closing implies the verification items were met.
    await trx
      .insertInto('callbacks')
      .values({ id: randomUUID(), complaint_id: id, round: c.round, called_by: actor?.id ?? 'import', called_at: closedAt, satisfaction: o.satisfaction, rectification_done: 1, rectification_effective: 1, handling_proper: 1, note: '历史记录表导入', outcome: 'close', created_at: now.toISOString() })
      .execute();
  }
  await appendAudit(trx, ctx.db.dialect, { actorId: actor?.id ?? null, entityType: 'complaint', entityId: id, action: 'import_closed', fromStatus: c.status, toStatus: 'closed', detail: { closedOn: o.closedOn, outcomeClass: o.outcomeClass, satisfaction: o.satisfaction } }, now);
}

/**
 * Validate and import. In all_or_nothing mode any failing row raises a 400
 * whose details carry the full report, and nothing is written.
 */
export async function importRecordForms({ ctx, actor, data, unit, mode }: { ctx: AppContext; actor: Actor | null; data: Buffer; unit?: string; mode: ImportMode }): Promise<ImportReport> {
  const today = shanghaiDate(ctx.clock.now());
  const target = await importUnit(ctx.db.kysely, actor, unit);
  const parsed = await parseRecordForms(ctx.db.kysely, data, today);
  const report: ImportReport = { mode, total: parsed.total, valid: parsed.rows.length, imported: 0, errors: [...parsed.errors], ignoredColumns: parsed.ignoredColumns, complaints: [] };
  const refuse = () => new AppError('VALIDATION', `file: ${report.errors.length} 处错误，未导入任何记录（第 ${[...new Set(report.errors.map((e) => e.row))].join('、')} 行）`, { field: 'file', details: { report } });
  if (mode === 'all_or_nothing' && report.errors.length) throw refuse();
  if (parsed.total === 0) throw invalid('file', '表格中没有数据行');
  await inTransaction(ctx, async (trx) => {
    for (const r of parsed.rows) {
      try {
        const id = await acceptComplaint({ ctx, trx, actor, input: { ...r.input, acceptingUnitId: target.id, backdateReason: IMPORT_BACKDATE_REASON }, source: 'import' });
        await closeImported(ctx, trx, actor, id, r.outcome);
        const c = await trx.selectFrom('complaints').select('number').where('id', '=', id).executeTakeFirstOrThrow();
        report.complaints.push({ row: r.row, id, number: c.number });
      } catch (e) {
        // acceptComplaint validates before it writes, so a refused row leaves the transaction usable.
        if (!(e instanceof AppError)) throw e;
        report.errors.push({ row: r.row, field: e.field ?? 'row', column: FIELD_HEADER[e.field as Field] ?? '', message: e.message });
        if (mode === 'all_or_nothing') {
          report.complaints = [];
          throw refuse();
        }
      }
    }
    report.imported = report.complaints.length;
    report.errors.sort((a, b) => a.row - b.row);
    await appendAudit(trx, ctx.db.dialect, { actorId: actor?.id ?? null, entityType: 'import', entityId: target.id, action: 'import_record_forms', detail: { mode, total: report.total, imported: report.imported, failedRows: [...new Set(report.errors.map((e) => e.row))], numbers: report.complaints.map((c) => c.number) } }, ctx.clock.now());
  });
  return report;
}
