/**
 * Ch. 6 (1): complaint files are kept for the retention period and then
 * destroyed under company rules. This job lists archive batches past their
 * retention date and tells HQ (the heads who approve destruction and the
 * complaint managers who request it), once per batch.
 */
import { shanghaiDate } from '../domain/dates.js';
import { flushEmails, notify } from '../modules/calendar/notifications.js';
import '../modules/records/records.tables.js';
import { hqStaffWithRoles } from '../modules/org/org.queries.js';
import { inTransaction, type AppContext } from '../server/context.js';

export async function runRetentionWatch(ctx: AppContext, now: Date): Promise<number> {
  const today = shanghaiDate(now);
  const sent = await inTransaction(ctx, async (trx) => {
    const due = await trx
      .selectFrom('archive_batches')
      .select(['id', 'number', 'retain_until', 'legal_hold'])
      .where('destroyed_at', 'is', null)
      .where('retain_until', '<=', today)
      .execute();
    if (due.length === 0) return 0;
    const recipients = await hqStaffWithRoles(trx, ['hq_head', 'complaint_manager']);
    let count = 0;
    for (const b of due) {
      for (const u of recipients) {
        const held = b.legal_hold === 1 ? '（该批次处于法律冻结状态，不得销毁）' : '';
        const fresh = await notify(ctx, trx, {
          userId: u.id,
          eventKey: `retention:${b.id}`,
          kind: 'retention_due',
          title: `归档批次 ${b.number} 保管期已满`,
          body: `归档批次 ${b.number} 的保管期限已于 ${b.retain_until} 届满，请按公司规定提出销毁申请并经审批后销毁。${held}`,
        });
        if (fresh) count++;
      }
    }
    return count;
  });
  if (sent > 0) await flushEmails(ctx);
  return sent;
}
