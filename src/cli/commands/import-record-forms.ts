import { readFile } from 'node:fs/promises';
import { AppError } from '../../domain/errors.js';
import { importRecordForms, type ImportReport } from '../../modules/records/import/record-form-import.js';
import { parseArgs, type CliCommand } from '../command.js';

function printErrors(report: ImportReport): void {
  for (const e of report.errors) console.error(`  第 ${e.row} 行 ${e.column || e.field}：${e.message}`);
}

export const command: CliCommand = {
  name: 'import record-forms',
  usage: 'import record-forms <file.xlsx> --unit B01 [--valid-only]',
  description: '从 Excel 导入历史记录表；默认任一行有误则不导入，--valid-only 只导入有效行',
  async run(args, ctx) {
    const { positional, options } = parseArgs(args);
    const file = positional[0];
    const unit = typeof options.unit === 'string' ? options.unit : undefined;
    if (!file || !unit) {
      console.error('用法：import record-forms <file.xlsx> --unit B01 [--valid-only]');
      return 2;
    }
    const data = await readFile(file);
    try {
      const report = await importRecordForms({ ctx: ctx!, actor: null, data, unit, mode: options['valid-only'] ? 'valid_only' : 'all_or_nothing' });
      console.log(`已导入 ${report.imported} / ${report.total} 条记录表：${report.complaints.map((c) => c.number).join('、') || '无'}`);
      if (report.ignoredColumns.length) console.log(`忽略的列：${report.ignoredColumns.join('、')}`);
      if (report.errors.length) {
        console.error(`${new Set(report.errors.map((e) => e.row)).size} 行未导入：`);
        printErrors(report);
        return 1;
      }
      return 0;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      console.error(e.message);
      const report = e.details?.report as ImportReport | undefined;
      if (report) printErrors(report);
      return 1;
    }
  },
};
