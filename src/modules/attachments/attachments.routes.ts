/** Staff routes for attachments: upload to, list and download from complaints in the caller's scope. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../domain/errors.js';
import { authenticate, currentUser } from '../../server/auth.js';
import { inTransaction, type AppContext } from '../../server/context.js';
import { appendAudit } from '../audit/audit.js';
import { findComplaint } from '../complaints/complaints.queries.js';
import { attachmentPath, receiveUpload, requireFiles, type UploadLimits } from './attachment-store.js';
import { STAFF_KINDS } from './attachment-types.js';
import { findAttachment, listAttachments } from './attachments.queries.js';
import { assertNotSealed } from './commands/add-attachments.js';
import { saveUpload } from './save-upload.js';

/** Staff upload scanned letters and recordings: up to 10 files of 20 MB per request. */
export const STAFF_UPLOAD: UploadLimits = { maxFiles: 10, maxBytes: 20 * 1024 * 1024, kinds: STAFF_KINDS };

const STAFF_ROLES = ['clerk', 'complaint_manager', 'branch_head', 'hq_head', 'company_leader', 'legal', 'admin'] as const;
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

/** RFC 6266 header: an ASCII fallback name plus the exact UTF-8 name. */
export function contentDisposition(filename: string, inline = false): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Types a browser may show in place (the rest always download). */
const INLINE_TYPES = /^(application\/pdf|image\/(jpeg|png)|audio\/)/;

export function attachmentRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const staff = authenticate(ctx, STAFF_ROLES);

    app.post(
      '/api/complaints/:id/attachments',
      {
        schema: {
          tags: ['complaints'],
          summary: '上传附件（multipart/form-data，字段 file，可多个；每个不超过 20 MB）',
          consumes: ['multipart/form-data'],
          params: IdParams,
        },
        preHandler: staff,
      },
      async (req, reply) => {
        const actor = currentUser(req);
        // Scope and seal are checked before reading the body, so a refused upload stores nothing.
        const row = await findComplaint(ctx.db.kysely, actor, req.params.id);
        assertNotSealed(row);
        const { files } = await receiveUpload(ctx, req, STAFF_UPLOAD);
        requireFiles(files);
        const ids = await saveUpload(ctx, { actor, complaintId: row.id, files });
        reply.status(201);
        const items = await listAttachments(ctx.db.kysely, row.id);
        return { items: items.filter((a) => ids.includes(a.id)) };
      },
    );

    app.get('/api/complaints/:id/attachments', { schema: { tags: ['complaints'], summary: '附件列表', params: IdParams }, preHandler: staff }, async (req) => {
      const row = await findComplaint(ctx.db.kysely, currentUser(req), req.params.id);
      return { items: await listAttachments(ctx.db.kysely, row.id) };
    });

    app.get(
      '/api/attachments/:id',
      {
        schema: {
          tags: ['complaints'],
          summary: '下载附件（inline=true 时在浏览器中预览 PDF、图片、音频）',
          params: IdParams,
          querystring: Type.Object({ inline: Type.Optional(Type.Boolean()) }),
        },
        preHandler: staff,
      },
      async (req, reply) => {
        const actor = currentUser(req);
        const a = await findAttachment(ctx.db.kysely, actor, req.params.id);
        const path = attachmentPath(ctx, a.storage_key);
        const info = await stat(path).catch(() => null);
        if (!info) throw new AppError('NOT_FOUND', `附件「${a.filename}」的文件已不存在`);
        // Attachments carry personal data: who opened which file is recorded, like a full view of the record.
        await inTransaction(ctx, (trx) =>
          appendAudit(trx, ctx.db.dialect, { actorId: actor.id, entityType: 'complaint', entityId: a.complaint_id, action: 'download_attachment', detail: { attachmentId: a.id, filename: a.filename } }, ctx.clock.now()),
        );
        const inline = req.query.inline === true && INLINE_TYPES.test(a.content_type);
        reply
          .header('content-type', a.content_type)
          .header('content-length', String(info.size))
          .header('content-disposition', contentDisposition(a.filename, inline))
          .header('x-content-type-options', 'nosniff')
          // Uploaded content never runs scripts in our origin, even when shown inline.
          .header('content-security-policy', "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'")
          .header('x-attachment-sha256', a.sha256);
        return reply.send(createReadStream(path));
      },
    );
  };
}
