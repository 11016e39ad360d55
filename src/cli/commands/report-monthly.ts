import { writeFile } from 'node:fs/promises';
import { monthlyReportDueOn } from '../../domain/deadlines.js';
import { loadMonthlyReport, monthlyReportPdf, monthlyReportXlsx } from '../../modules/records/monthly-reports/monthly-report.build.js';
import { parseArgs, type CliCommand } from '../command.js';

export const command: CliCommand = {
  name: 'report monthly',
  usage: 'report monthly --unit B01 --month 2026-10 --out 月报.xlsx|月报.pdf',
  description: '按当前数据生成某营业部某月的投诉月报文件（XLSX 或 PDF，按 --out 的扩展名）',
  async run(args, ctx) {
    const { options } = parseArgs(args);
    const unit = options.unit;
    const month = options.month;
    const out = options.out;
    if (typeof unit !== 'string' || typeof month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || typeof out !== 'string' || !/\.(xlsx|pdf)$/.test(out)) {
      console.error('用法：report monthly --unit B01 --month 2026-10 --out 月报.xlsx|月报.pdf');
      return 2;
    }
    const db = ctx!.db.kysely;
    const u = await db.selectFrom('units').select(['id', 'kind']).where((eb) => eb.or([eb('code', '=', unit), eb('id', '=', unit)])).executeTakeFirst();
    if (!u || u.kind !== 'branch') {
      console.error(`营业部「${unit}」不存在`);
      return 2;
    }
    const content = await loadMonthlyReport(db, u.id, month, monthlyReportDueOn(ctx!.calendar(), month, ctx!.rules).dueOn);
    const now = ctx!.clock.now();
    await writeFile(out, out.endsWith('.xlsx') ? await monthlyReportXlsx(db, content, now) : await monthlyReportPdf(content, now));
    console.log(`已生成 ${out}：${content.unitName} ${month}，直接受理投诉 ${content.rows.length} 件，报送截止日 ${content.dueOn}。`);
    return 0;
  },
};
