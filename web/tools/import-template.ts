/**
 * Writes web/public/record-form-template.xlsx, the template offered on the
 * import page: the Chinese column headers the importer reads
 * (src/modules/records/import/record-form-import.ts) with one example row.
 * Run after changing IMPORT_COLUMNS: `npx tsx web/tools/import-template.ts`.
 * e2e/records.test.ts checks the file still matches and imports cleanly.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { IMPORT_COLUMNS } from '../src/labels.js';

const wb = new ExcelJS.Workbook();
wb.creator = '客户投诉处理系统';
// A fixed date keeps the file byte-stable between runs.
wb.created = wb.modified = new Date('2026-01-01T00:00:00Z');
const ws = wb.addWorksheet('记录表');
ws.addRow(IMPORT_COLUMNS.map((c) => c.header));
ws.addRow(IMPORT_COLUMNS.map((c) => c.example));
ws.getRow(1).font = { bold: true };
IMPORT_COLUMNS.forEach((c, i) => {
  const col = ws.getColumn(i + 1);
  col.width = Math.max(12, c.example.length * 2 + 4);
  if (c.required) ws.getCell(1, i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
  // Dates as text so Excel does not turn them into serial numbers in another format.
  if (c.header === '受理日期') col.numFmt = '@';
});
ws.views = [{ state: 'frozen', ySplit: 1 }];
const out = join(process.cwd(), 'web', 'public', 'record-form-template.xlsx');
await wb.xlsx.writeFile(out);
console.log(`wrote ${out}`);
