/**
 * Attach files to a complaint: scanned letters, photos, recordings. Refused
 * once the complaint is sealed in an archive batch (Ch. 6: the archive is
 * immutable). The rows and the audit record commit together.
 */
import { sql } from 'kysely';
import { AppError } from '../../../domain/errors.js';
import type { Actor } from '../../../domain/workflow.js';
import type { AppContext, Trx } from '../../../server/context.js';
import { appendAudit } from '../../audit/audit.js';
import { findComplaint, type ComplaintRow } from '../../complaints/complaints.queries.js';
import { storageKeyFor, type StagedFile } from '../attachment-store.js';

export interface AddAttachmentsOptions {
  ctx: AppContext;
  trx: Trx;
  /** Null when the customer uploads through the portal (the caller has checked code and phone). */
  actor: Actor | null;
  complaintId: string;
  files: StagedFile[];
  /** Extra check on the locked row inside the transaction, e.g. the portal's "still being handled" rule. */
  guard?: (row: ComplaintRow, trx: Trx) => void | Promise<void>;
}

/** Load the complaint (in scope for staff) and lock its row so archiving cannot seal it mid-upload. */
async function loadForUpdate(ctx: AppContext, trx: Trx, actor: Actor | null, id: string): Promise<ComplaintRow> {
  const row = actor ? await findComplaint(trx, actor, id) : await trx.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `投诉 ${id} 不存在`);
  // SQLite already serialises writers; PostgreSQL needs the row lock, then a fresh read.
  if (ctx.db.dialect === 'postgres') {
    await sql`select id from complaints where id = ${id} for update`.execute(trx);
    return trx.selectFrom('complaints').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  }
  return row;
}

export async function addAttachments({ ctx, trx, actor, complaintId, files, guard }: AddAttachmentsOptions): Promise<string[]> {
  const row = await loadForUpdate(ctx, trx, actor, complaintId);
  assertNotSealed(row);
  await guard?.(row, trx);
  const now = ctx.clock.now();
  const at = now.toISOString();
  for (const f of files) {
    await trx
      .insertInto('attachments')
      .values({
        id: f.id,
        complaint_id: row.id,
        filename: f.filename,
        content_type: f.kind.contentType,
        size: f.size,
        sha256: f.sha256,
        storage_key: storageKeyFor(row.id, f.id),
        uploaded_by: actor?.id ?? null,
        created_at: at,
        erased_at: null,
      })
      .execute();
  }
  await appendAudit(
    trx,
    ctx.db.dialect,
    {
      actorId: actor?.id ?? null,
      entityType: 'complaint',
      entityId: row.id,
      action: 'attach',
      detail: { by: actor ? 'staff' : 'customer', files: files.map((f) => ({ id: f.id, filename: f.filename, size: f.size, sha256: f.sha256 })) },
    },
    now,
  );
  return files.map((f) => f.id);
}

/** A complaint sealed into an archive batch no longer changes. */
export function assertNotSealed(row: ComplaintRow): void {
  if (row.archive_batch_id) throw new AppError('SEALED', `投诉 ${row.number} 已归档封存，不能再添加附件`);
}
