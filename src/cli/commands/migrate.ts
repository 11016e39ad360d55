import { migrate } from '../../db/database.js';
import type { CliCommand } from '../command.js';

export const command: CliCommand = {
  name: 'migrate',
  usage: 'migrate',
  description: '执行数据库迁移 (run pending migrations)',
  async run(_args, ctx) {
    // openContext already migrates; running again reports nothing pending.
    const ran = await migrate(ctx!.db);
    console.log(ran.length ? `已执行迁移: ${ran.join(', ')}` : `数据库已是最新 (${ctx!.db.dialect})`);
    return 0;
  },
};
