/** Reading attachments: always through the complaint's data scope. */
import { AppError } from '../../domain/errors.js';
import type { Actor } from '../../domain/workflow.js';
import type { Trx } from '../../server/context.js';
import { findComplaint } from '../complaints/complaints.queries.js';

/** Attachments of a complaint the caller has already loaded in scope, oldest first; erased files are left out. */
export async function listAttachments(db: Trx, complaintId: string) {
  const rows = await db
    .selectFrom('attachments')
    .leftJoin('users', 'users.id', 'attachments.uploaded_by')
    .select([
      'attachments.id',
      'attachments.filename',
      'attachments.content_type',
      'attachments.size',
      'attachments.sha256',
      'attachments.uploaded_by',
      'users.display_name',
      'attachments.created_at',
    ])
    .where('attachments.complaint_id', '=', complaintId)
    .where('attachments.erased_at', 'is', null)
    .orderBy('attachments.created_at')
    .orderBy('attachments.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    filename: r.filename,
    contentType: r.content_type,
    size: Number(r.size),
    sha256: r.sha256,
    /** Display name of the staff member; null when the customer uploaded it on the portal. */
    uploadedBy: r.uploaded_by ? (r.display_name ?? null) : null,
    uploadedById: r.uploaded_by,
    byCustomer: r.uploaded_by === null,
    createdAt: r.created_at,
  }));
}

/**
 * One attachment the actor may see. Outside the scope it is "not found" like
 * an unknown id, without naming the complaint it belongs to.
 */
export async function findAttachment(db: Trx, actor: Actor, id: string) {
  const notFound = () => new AppError('NOT_FOUND', `附件 ${id} 不存在`);
  const a = await db.selectFrom('attachments').selectAll().where('id', '=', id).where('erased_at', 'is', null).executeTakeFirst();
  if (!a) throw notFound();
  try {
    await findComplaint(db, actor, a.complaint_id);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') throw notFound();
    throw e;
  }
  return a;
}
