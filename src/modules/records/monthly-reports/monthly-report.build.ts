/**
 * Ch. 6 (2): a branch's monthly report is generated from the data: the record
 * forms it directly accepted in the month and their handling status, as one
 * XLSX workbook (summary, list, one sheet per record form) and a PDF summary.
 */
import ExcelJS from 'exceljs';
import { STATUSES } from '../../../domain/types.js';
import type { Trx } from '../../../server/context.js';
import type { ComplaintRow } from '../../complaints/complaints.queries.js';
import { loadLookups, loadRecordForm, shanghaiTime, statusLabel, type Lookups } from '../record-form/record-form.data.js';
import { addFormSheet, addRegisterSheet } from '../record-form/record-form.render.js';
import { heading, pageWidth, pdfBuffer, tableRow } from '../shared/pdf-kit.js';
import { firstDay, lastDay } from '../shared/months.js';

export interface MonthlyReportContent {
  unitName: string;
  unitCode: string;
  month: string;
  dueOn: string;
  rows: ComplaintRow[];
  byStatus: { status: string; label: string; count: number }[];
}

/** Sheets per record form beyond this are left to the list sheet (Excel copes badly with thousands of sheets). */
const MAX_FORM_SHEETS = 300;

export async function loadMonthlyReport(db: Trx, unitId: string, month: string, dueOn: string): Promise<MonthlyReportContent & { lk: Lookups }> {
  const unit = await db.selectFrom('units').select(['name', 'code']).where('id', '=', unitId).executeTakeFirstOrThrow();
  const rows = await db
    .selectFrom('complaints')
    .selectAll()
    .where('accepting_unit_id', '=', unitId)
    .where('accepted_on', '>=', firstDay(month))
    .where('accepted_on', '<=', lastDay(month))
    .orderBy('number')
    .execute();
  const byStatus = STATUSES.map((s) => ({ status: s, label: statusLabel(s), count: rows.filter((r) => r.status === s).length })).filter((s) => s.count > 0);
  return { unitName: unit.name, unitCode: unit.code, month, dueOn, rows, byStatus, lk: await loadLookups(db) };
}

/** Complaints accepted in the month, by branch: the live count used in listings. */
export async function monthCounts(db: Trx, month: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('complaints')
    .select(['accepting_unit_id'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('accepted_on', '>=', firstDay(month))
    .where('accepted_on', '<=', lastDay(month))
    .groupBy('accepting_unit_id')
    .execute();
  return new Map(rows.map((r) => [r.accepting_unit_id, Number(r.n)]));
}

export async function monthlyReportXlsx(db: Trx, c: MonthlyReportContent & { lk: Lookups }, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = now;
  const ws = wb.addWorksheet('月报汇总');
  ws.columns = [{ width: 22 }, { width: 40 }];
  ws.addRow(['营业部客户投诉月报']).font = { bold: true, size: 14 };
  ws.addRow(['营业部', c.unitName]);
  ws.addRow(['营业部代码', c.unitCode]);
  ws.addRow(['报告月份', c.month]);
  ws.addRow(['报送截止日', c.dueOn]);
  ws.addRow(['本月直接受理投诉（件）', c.rows.length]);
  ws.addRow(['生成时间', shanghaiTime(now.toISOString())]);
  ws.addRow([]);
  ws.addRow(['处理状态', '件数']).font = { bold: true };
  for (const s of c.byStatus) ws.addRow([s.label, s.count]);
  addRegisterSheet(wb, c.rows, c.lk, '记录表清单');
  // Sheets are named by position, not by complaint number: Excel caps names at 31 characters, and long unit codes
  // (up to 20) made numbers of the same day collide after truncation. The number is inside the sheet (编号 row).
  const forms = c.rows.slice(0, MAX_FORM_SHEETS);
  for (let i = 0; i < forms.length; i++) addFormSheet(wb, await loadRecordForm(db, forms[i], c.lk), `记录表-${String(i + 1).padStart(3, '0')}`);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function monthlyReportPdf(c: MonthlyReportContent, now: Date): Promise<Buffer> {
  return pdfBuffer((doc) => {
    heading(doc, `营业部客户投诉月报（${c.month}）`, `${c.unitName}（${c.unitCode}）    报送截止日：${c.dueOn}    生成时间：${shanghaiTime(now.toISOString())}`);
    const w = pageWidth(doc);
    tableRow(doc, [w * 0.5, w * 0.5], [{ text: '本月直接受理投诉', label: true }, { text: `${c.rows.length} 件` }], 10);
    for (const s of c.byStatus) tableRow(doc, [w * 0.5, w * 0.5], [{ text: s.label, label: true }, { text: `${s.count} 件` }]);
    doc.moveDown(1);
    const widths = [w * 0.2, w * 0.12, w * 0.12, w * 0.4, w * 0.16];
    tableRow(doc, widths, ['编号', '受理日', '客户姓名', '投诉事由', '处理状态'].map((t) => ({ text: t, label: true })));
    for (const r of c.rows) tableRow(doc, widths, [r.number, r.accepted_on, r.customer_name, r.reason, statusLabel(r.status)].map((text) => ({ text })));
    if (c.rows.length === 0) tableRow(doc, [w], [{ text: '本月无直接受理的投诉。' }]);
  }, `营业部客户投诉月报 ${c.unitCode} ${c.month}`);
}
