/** `calendar load <year> <file> --reason "..."`: load a year's official schedule from a JSON or ICS file, as the API does. */
import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { AppError } from '../../domain/errors.js';
import { entriesFromBody } from '../../modules/calendar/calendar.routes.js';
import { install } from '../../modules/calendar/calendar.store.js';
import { loadOfficialYear, parseYear } from '../../modules/calendar/commands/change-calendar.js';
import { inTransaction } from '../../server/context.js';
import { parseArgs, type CliCommand } from '../command.js';

export const command: CliCommand = {
  name: 'calendar load',
  usage: 'calendar load <year> <file.json|file.ics> --reason "..."',
  description: '导入某年国务院办公厅放假安排（JSON 或 ICS），重算未结投诉期限',
  async run(args, ctx) {
    const { positional, options } = parseArgs(args);
    const [yearArg, file] = positional;
    const reason = typeof options.reason === 'string' ? options.reason : '';
    if (!yearArg || !file) {
      console.error(`用法：${this.usage}`);
      return 2;
    }
    try {
      const year = parseYear(yearArg);
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (e) {
        console.error(`无法读取文件 ${file}：${(e as Error).message}`);
        return 2;
      }
      const format = /\.ics$/i.test(file) ? 'ics' : /\.json$/i.test(file) ? 'json' : undefined;
      const entries = entriesFromBody(year, { format, text });
      // The CLI has no signed-in user; the history records who ran it on which machine account.
      const actor = { id: null, label: `命令行（${userInfo().username}）` };
      const r = await inTransaction(ctx!, (trx) => loadOfficialYear({ ctx: ctx!, trx, actor, reason, year, entries }));
      install(ctx!, r.calendar, r.version);
      console.log(`已导入 ${year} 年放假安排：${entries.length} 条，日历版本 ${r.version}，重算未结投诉期限 ${r.recomputed} 件。`);
      return 0;
    } catch (e) {
      if (e instanceof AppError) {
        console.error(`导入失败：${e.message}`);
        return 2;
      }
      throw e;
    }
  },
};
