import { shanghaiDate } from '../../domain/dates.js';
import type { CliCommand } from '../command.js';

export const command: CliCommand = {
  name: 'retention due',
  usage: 'retention due',
  description: '列出保管期已满、尚未销毁的归档批次（含冻结情况）；有到期批次时退出码 3',
  async run(_args, ctx) {
    const db = ctx!.db.kysely;
    const today = shanghaiDate(ctx!.clock.now());
    const due = await db
      .selectFrom('archive_batches')
      .innerJoin('units', 'units.id', 'archive_batches.unit_id')
      .select(['archive_batches.id', 'archive_batches.number', 'archive_batches.retain_until', 'archive_batches.legal_hold', 'archive_batches.complaint_count', 'units.name'])
      .where('archive_batches.destroyed_at', 'is', null)
      .where('archive_batches.retain_until', '<=', today)
      .orderBy('archive_batches.retain_until')
      .execute();
    if (due.length === 0) {
      console.log(`截至 ${today}，没有保管期已满的归档批次。`);
      return 0;
    }
    for (const b of due) {
      const held = await db.selectFrom('complaints').select('number').where('archive_batch_id', '=', b.id).where('legal_hold', '=', 1).execute();
      const hold = b.legal_hold === 1 ? '批次冻结' : held.length ? `冻结投诉：${held.map((h) => h.number).join('、')}` : '可申请销毁';
      console.log(`${b.number}\t${b.name}\t${b.complaint_count} 件\t保管至 ${b.retain_until}\t${hold}`);
    }
    return 3;
  },
};
