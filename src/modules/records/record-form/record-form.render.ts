/** The record form as PDF (official bordered layout) and XLSX, and the register of many complaints as XLSX. */
import ExcelJS from 'exceljs';
import { shanghaiDate } from '../../../domain/dates.js';
import type { ComplaintRow } from '../../complaints/complaints.queries.js';
import { heading, pageWidth, pdfBuffer, tableRow, type Cell, type Pdf } from '../shared/pdf-kit.js';
import { categoryLabel, channelLabel, FORM_TITLE, outcomeLabel, shanghaiTime, statusLabel, type Lookups, type RecordFormView } from './record-form.data.js';

/** Draw one form onto a document (used for single forms and for archive packages). */
export function drawRecordForm(doc: Pdf, form: RecordFormView, printedAt: Date): void {
  heading(doc, FORM_TITLE, `受理单位：${form.unitName}    编号：${form.number}    打印时间：${shanghaiTime(printedAt.toISOString())}`);
  const w = pageWidth(doc);
  const widths = [w * 0.16, w * 0.34, w * 0.16, w * 0.34];
  for (const section of form.sections) {
    tableRow(doc, widths, [{ text: section.title, span: 4, label: true }], 10);
    let pending: Cell[] = [];
    const flush = () => {
      if (pending.length === 2) tableRow(doc, widths, [...pending, { text: '', label: true }, { text: '' }]);
      pending = [];
    };
    for (const f of section.fields) {
      if (f.wide) {
        flush();
        tableRow(doc, widths, [{ text: f.label, label: true }, { text: f.value, span: 3 }]);
      } else {
        pending.push({ text: f.label, label: true }, { text: f.value });
        if (pending.length === 4) {
          tableRow(doc, widths, pending);
          pending = [];
        }
      }
    }
    flush();
  }
}

export function recordFormPdf(form: RecordFormView, printedAt: Date): Promise<Buffer> {
  // CreationDate = printedAt: the same form printed at the same instant is the same file (the archive package relies on it).
  return pdfBuffer((doc) => drawRecordForm(doc, form, printedAt), `${FORM_TITLE} ${form.number}`, printedAt);
}

/** Worksheet of one form: title, then label/value rows per section. */
export function addFormSheet(wb: ExcelJS.Workbook, form: RecordFormView, name: string): void {
  const ws = wb.addWorksheet(name);
  ws.columns = [{ width: 18 }, { width: 90 }];
  ws.addRow([FORM_TITLE]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, 2);
  ws.addRow([`受理单位：${form.unitName}`, `编号：${form.number}`]);
  for (const s of form.sections) {
    const r = ws.addRow([s.title]);
    r.font = { bold: true };
    ws.mergeCells(r.number, 1, r.number, 2);
    for (const f of s.fields) {
      const row = ws.addRow([f.label, f.value]);
      row.getCell(2).alignment = { wrapText: true, vertical: 'top' };
      row.eachCell((c) => (c.border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } }));
    }
  }
}

export async function recordFormXlsx(form: RecordFormView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  addFormSheet(wb, form, '记录表');
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const REGISTER_COLUMNS = [
  '编号', '受理单位', '受理日', '客户姓名', '联系电话', '电子邮箱', '资金账号', '证件号码', '渠道', '投诉类别', '业务环节', '投诉事由',
  '涉及人员', '状态', '责任认定', '调查期限', '提交审批日', '反馈期限', '反馈日', '办结时间', '满意度', '历史导入', '归档批次',
] as const;

const SATISFACTION: Record<string, string> = { satisfied: '满意', basically_satisfied: '基本满意', dissatisfied: '不满意' };

/** One register row per complaint (full personal data: the register is part of the official record). */
export function registerRow(r: ComplaintRow, lk: Lookups): string[] {
  const staff = (JSON.parse(r.involved_staff) as { name: string }[]).map((s) => s.name).join('、');
  const ver = r.verification ? (JSON.parse(r.verification) as { satisfaction?: string }) : null;
  return [
    r.number, lk.units.get(r.accepting_unit_id) ?? r.accepting_unit_id, r.accepted_on, r.customer_name, r.customer_phone ?? '', r.customer_email ?? '',
    r.account_number ?? '', r.id_number ?? '', channelLabel(r.channel), categoryLabel(r.category), r.business_link ? (lk.links.get(r.business_link) ?? r.business_link) : '',
    r.reason, staff, statusLabel(r.status), outcomeLabel(r.outcome_class), r.investigation_due_on, r.submitted_on ?? '', r.feedback_due_on, r.feedback_on ?? '',
    shanghaiTime(r.closed_at), ver?.satisfaction ? (SATISFACTION[ver.satisfaction] ?? ver.satisfaction) : '', r.imported === 1 ? '是' : '否',
    r.archive_batch_id ? (lk.batches.get(r.archive_batch_id)?.number ?? '') : '',
  ];
}

/** Add a register sheet (header row + one row per complaint) to a workbook. */
export function addRegisterSheet(wb: ExcelJS.Workbook, rows: ComplaintRow[], lk: Lookups, name = '投诉登记簿'): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.addRow([...REGISTER_COLUMNS]).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) ws.addRow(registerRow(r, lk));
  ws.columns.forEach((c, i) => (c.width = i === 11 ? 40 : 14));
  return ws;
}

export async function registerXlsx(rows: ComplaintRow[], lk: Lookups, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = now;
  wb.title = `投诉登记簿 ${shanghaiDate(now)}`;
  addRegisterSheet(wb, rows, lk);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
