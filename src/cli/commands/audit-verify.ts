import { verifyAuditChain } from '../../modules/audit/audit.js';
import { progressBar, type CliCommand } from '../command.js';

export const command: CliCommand = {
  name: 'audit verify',
  usage: 'audit verify',
  description: '校验审计轨迹哈希链，报告第一处断链',
  async run(_args, ctx) {
    const total = await ctx!.db.kysely.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const bar = progressBar('校验审计轨迹', Number(total.n));
    const report = await verifyAuditChain(ctx!.db.kysely, (done) => bar.tick(done));
    bar.done();
    if (report.ok) {
      console.log(`审计轨迹完整：共 ${report.entries} 条记录，哈希链无断裂。`);
      return 0;
    }
    console.error(`审计轨迹被篡改：${report.problem}（第一处断链：seq ${report.brokenAt}）`);
    return 1;
  },
};
