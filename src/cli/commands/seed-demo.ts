import { isEmpty, seedDemo, DEMO_PASSWORD } from '../../db/seed.js';
import type { CliCommand } from '../command.js';

export const command: CliCommand = {
  name: 'seed demo',
  usage: 'seed demo',
  description: '写入演示单位、人员与样例投诉（仅空库）',
  async run(_args, ctx) {
    if (!(await isEmpty(ctx!))) {
      console.error('数据库已有数据，未写入演示数据');
      return 1;
    }
    await seedDemo(ctx!);
    console.log(`已写入演示数据，演示用户密码 ${DEMO_PASSWORD}`);
    return 0;
  },
};
