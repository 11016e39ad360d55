/** The quarterly analysis as XLSX (one sheet per view) and PDF. */
import ExcelJS from 'exceljs';
import { shanghaiTime } from '../record-form/record-form.data.js';
import { heading, pageWidth, pdfBuffer, tableRow, type Pdf } from '../shared/pdf-kit.js';
import type { Count, QuarterlyAnalysis } from './quarterly-analysis.js';

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

/** Label/value pairs of the overview, shared by both formats. */
function overview(a: QuarterlyAnalysis): [string, string | number][] {
  const inv = a.compliance.investigation;
  const fb = a.compliance.feedback;
  return [
    ['季度', a.quarter],
    ['范围', a.unitName],
    ['投诉总数（件）', a.total],
    [`较上季度（${a.comparison.previousQuarter.quarter}）`, `${a.comparison.previousQuarter.total} → ${a.total}（${a.comparison.previousQuarter.change >= 0 ? '+' : ''}${a.comparison.previousQuarter.change}）`],
    [`较去年同期（${a.comparison.sameQuarterLastYear.quarter}）`, `${a.comparison.sameQuarterLastYear.total} → ${a.total}（${a.comparison.sameQuarterLastYear.change >= 0 ? '+' : ''}${a.comparison.sameQuarterLastYear.change}）`],
    ['调查核实按时率（3个工作日）', `${pct(inv.rate)}（按时 ${inv.onTime}，超时 ${inv.late}，未到期 ${inv.pending}）`],
    ['反馈按时率（4个工作日）', `${pct(fb.rate)}（按时 ${fb.onTime}，超时 ${fb.late}，未到期 ${fb.pending}）`],
    ['回访满意率', `${pct(a.satisfaction.satisfiedRate)}（满意 ${a.satisfaction.satisfied}，基本满意 ${a.satisfaction.basically_satisfied}，不满意 ${a.satisfaction.dissatisfied}）`],
    ['重复投诉（件）', a.repeat.count],
    ['回访记录与客户评价不一致（件）', a.verificationFlagged.count],
    ['热点阈值（件）', a.hotspotThreshold],
  ];
}

const DIMENSIONS: [string, (a: QuarterlyAnalysis) => Count[]][] = [
  ['投诉类别', (a) => a.byCategory],
  ['业务环节', (a) => a.byBusinessLink],
  ['渠道', (a) => a.byChannel],
  ['责任认定', (a) => a.byOutcomeClass],
  ['受理单位', (a) => a.byBranch],
  ['涉及人员', (a) => a.byStaff],
];

const KIND = { business_link: '业务环节', staff: '人员' } as const;
const STATUS = (s: string, overdue: boolean) => (s === 'done' ? '已完成' : overdue ? '逾期未完成' : '进行中');

export async function quarterlyXlsx(a: QuarterlyAnalysis, now: Date): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = now;
  const ov = wb.addWorksheet('概览');
  ov.columns = [{ width: 30 }, { width: 70 }];
  ov.addRow([`客户投诉季度分析 ${a.quarter}`]).font = { bold: true, size: 14 };
  for (const r of overview(a)) ov.addRow(r);
  for (const [name, get] of DIMENSIONS) {
    const ws = wb.addWorksheet(name);
    ws.columns = [{ width: 40 }, { width: 12 }];
    ws.addRow([name, '件数']).font = { bold: true };
    for (const c of get(a)) ws.addRow([c.label, c.count]);
  }
  const hs = wb.addWorksheet('热点与改进措施');
  hs.addRow(['类型', '业务环节/人员', '件数', '改进措施', '责任人', '完成期限', '状态']).font = { bold: true };
  for (const h of a.hotspots) {
    if (h.measures.length === 0) hs.addRow([KIND[h.kind], h.label, h.count, '（待制定）', '', '', '待制定']);
    for (const m of h.measures) hs.addRow([KIND[h.kind], h.label, h.count, m.measure, m.owner, m.dueOn, STATUS(m.status, m.overdue)]);
  }
  hs.columns.forEach((c, i) => (c.width = i === 3 ? 50 : 16));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function countTable(doc: Pdf, title: string, counts: Count[]): void {
  const w = pageWidth(doc);
  tableRow(doc, [w * 0.75, w * 0.25], [{ text: title, label: true }, { text: '件数', label: true }]);
  for (const c of counts) tableRow(doc, [w * 0.75, w * 0.25], [{ text: c.label }, { text: String(c.count) }]);
  if (counts.length === 0) tableRow(doc, [w], [{ text: '无' }]);
  doc.moveDown(0.5);
}

export function quarterlyPdf(a: QuarterlyAnalysis, now: Date): Promise<Buffer> {
  return pdfBuffer((doc) => {
    heading(doc, `客户投诉季度分析（${a.quarter}）`, `${a.unitName}    ${a.from} 至 ${a.to}    生成时间：${shanghaiTime(now.toISOString())}`);
    const w = pageWidth(doc);
    for (const [k, v] of overview(a)) tableRow(doc, [w * 0.35, w * 0.65], [{ text: k, label: true }, { text: String(v) }]);
    doc.moveDown(0.5);
    for (const [name, get] of DIMENSIONS) countTable(doc, name, get(a));
    const widths = [w * 0.1, w * 0.18, w * 0.08, w * 0.34, w * 0.1, w * 0.1, w * 0.1];
    tableRow(doc, widths, ['类型', '业务环节/人员', '件数', '改进措施', '责任人', '期限', '状态'].map((text) => ({ text, label: true })));
    for (const h of a.hotspots) {
      if (h.measures.length === 0) tableRow(doc, widths, [KIND[h.kind], h.label, String(h.count), '（待制定）', '', '', '待制定'].map((text) => ({ text })));
      for (const m of h.measures) tableRow(doc, widths, [KIND[h.kind], h.label, String(h.count), m.measure, m.owner, m.dueOn, STATUS(m.status, m.overdue)].map((text) => ({ text })));
    }
    if (a.hotspots.length === 0) tableRow(doc, [w], [{ text: `本季度没有达到 ${a.hotspotThreshold} 件的热点业务环节或人员。` }]);
  }, `客户投诉季度分析 ${a.quarter}`);
}
