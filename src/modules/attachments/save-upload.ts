/** The common tail of every upload: move staged files into place, write rows in one transaction, clean up on failure. */
import type { Actor } from '../../domain/workflow.js';
import { inTransaction, type AppContext, type Trx } from '../../server/context.js';
import type { ComplaintRow } from '../complaints/complaints.queries.js';
import { commitFiles, discard, type StagedFile } from './attachment-store.js';
import { addAttachments } from './commands/add-attachments.js';

export async function saveUpload(
  ctx: AppContext,
  opts: { actor: Actor | null; complaintId: string; files: StagedFile[]; guard?: (row: ComplaintRow, trx: Trx) => void | Promise<void> },
): Promise<string[]> {
  try {
    await commitFiles(ctx, opts.complaintId, opts.files);
    return await inTransaction(ctx, (trx) => addAttachments({ ctx, trx, ...opts }));
  } catch (e) {
    // No row points at these files: remove them so a refused upload leaves nothing behind.
    await discard(opts.files);
    throw e;
  }
}
