import { verifyAuditChain } from '../../modules/audit/audit.js';
import { parseArgs, progressBar, type CliCommand } from '../command.js';

export const command: CliCommand = {
  name: 'audit verify',
  usage: 'audit verify [--head SEQ:HASH]',
  description: '校验审计轨迹哈希链，报告第一处断链；--head 与此前记录的链头比对以发现末尾删除',
  async run(args, ctx) {
    const { options } = parseArgs(args);
    let anchor: { seq: number; hash: string } | undefined;
    if (typeof options.head === 'string') {
      const [seq, hash] = options.head.split(':');
      if (!Number.isInteger(Number(seq)) || !/^[0-9a-f]{64}$/.test(hash ?? '')) throw new Error('--head: 格式为 SEQ:HASH');
      anchor = { seq: Number(seq), hash };
    }
    const total = await ctx!.db.kysely.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const bar = progressBar('校验审计轨迹', Number(total.n));
    const report = await verifyAuditChain(ctx!.db.kysely, (done) => bar.tick(done), anchor);
    bar.done();
    if (report.ok) {
      console.log(`审计轨迹完整：共 ${report.entries} 条记录，哈希链无断裂。`);
      if (report.head) console.log(`当前链头（请另行保存，下次用 --head 比对）：${report.head.seq}:${report.head.hash}`);
      return 0;
    }
    console.error(`审计轨迹被篡改：${report.problem}（第一处断链：seq ${report.brokenAt}）`);
    return 1;
  },
};
