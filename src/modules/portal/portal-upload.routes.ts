/**
 * The customer adds material (letters, photos, recordings) to their own
 * complaint. Identified like the progress lookup: tracking code in the path
 * and the phone's last four digits as a form field; any mismatch is the same
 * 404 and the staged files are removed.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../domain/errors.js';
import type { Status } from '../../domain/types.js';
import type { AppContext } from '../../server/context.js';
import { discard, receiveUpload, requireFiles, type UploadLimits } from '../attachments/attachment-store.js';
import { CUSTOMER_KINDS } from '../attachments/attachment-types.js';
import { saveUpload } from '../attachments/save-upload.js';
import { findByTracking } from './portal.queries.js';
import { acceptsCustomerMaterial } from './portal.rules.js';
import { TrackingCodeParams } from './portal.schemas.js';

/** Up to 5 files of 10 MB per request. */
export const CUSTOMER_UPLOAD: UploadLimits = { maxFiles: 5, maxBytes: 10 * 1024 * 1024, kinds: CUSTOMER_KINDS };
/** A customer may add at most this many files to one complaint, so the portal cannot be used as free storage. */
export const CUSTOMER_FILES_PER_COMPLAINT = 20;

export function portalUploadRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.post(
      '/api/portal/complaints/:trackingCode/attachments',
      {
        schema: {
          tags: ['portal'],
          summary: '客户补充材料（multipart/form-data：phoneLast4 字段 + 最多 5 个 file；pdf、jpg、png、mp3、m4a、wav、docx，每个不超过 10 MB）',
          consumes: ['multipart/form-data'],
          params: TrackingCodeParams,
        },
        config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
      },
      async (req, reply) => {
        const { files, fields } = await receiveUpload(ctx, req, CUSTOMER_UPLOAD);
        let complaintId: string;
        try {
          const row = await findByTracking(ctx.db.kysely, req.params.trackingCode, fields.phoneLast4 ?? '');
          requireFiles(files);
          complaintId = row.id;
        } catch (e) {
          await discard(files);
          throw e;
        }
        await saveUpload(ctx, {
          actor: null,
          complaintId,
          files,
          guard: async (row, trx) => {
            if (!acceptsCustomerMaterial(row.status as Status)) throw new AppError('CONFLICT', '该投诉已办结或撤回，不能再补充材料');
            const had = await trx
              .selectFrom('attachments')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('complaint_id', '=', row.id)
              .where('uploaded_by', 'is', null)
              .where('erased_at', 'is', null)
              .executeTakeFirstOrThrow();
            if (Number(had.n) + files.length > CUSTOMER_FILES_PER_COMPLAINT) {
              throw new AppError('CONFLICT', `每件投诉最多补充 ${CUSTOMER_FILES_PER_COMPLAINT} 个文件，如需提交更多材料请联系受理营业部`);
            }
          },
        });
        reply.status(201);
        return { count: files.length, files: files.map((f) => ({ filename: f.filename, size: f.size, sha256: f.sha256 })) };
      },
    );
  };
}
