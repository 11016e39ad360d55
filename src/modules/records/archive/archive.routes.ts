/** Monthly archive (归档): seal a batch, list and read batches, download the disc package. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { shanghaiDate } from '../../../domain/dates.js';
import { authenticate, currentUser } from '../../../server/auth.js';
import { inTransaction, type AppContext } from '../../../server/context.js';
import { appendAudit } from '../../audit/audit.js';
import { presentSummary } from '../../complaints/complaints.presenter.js';
import { sendFile, ZIP_TYPE } from '../shared/http.js';
import { buildArchivePackage } from './archive-package.js';
import { findBatch, listBatches, presentBatch } from './archive.queries.js';
import { MAX_MONTH, MIN_MONTH, MONTH_PATTERN } from '../shared/months.js';
import { MEDIA, sealArchiveBatch, type SealInput } from './seal-archive-batch.js';

const Month = Type.String({ pattern: MONTH_PATTERN, description: `YYYY-MM（${MIN_MONTH} 至 ${MAX_MONTH}）` });
const STAFF = ['clerk', 'complaint_manager', 'branch_head', 'hq_head', 'company_leader', 'legal', 'admin'] as const;
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export function archiveRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const staff = authenticate(ctx, STAFF);

    app.post(
      '/api/archive-batches',
      {
        schema: {
          tags: ['reports'],
          summary: '按受理单位封存某月归档批次（该月内办结或撤回、尚未归档的投诉），封存后不可更改',
          body: Type.Object(
            { unitId: Type.String({ maxLength: 64 }), month: Month, medium: Type.Union(MEDIA.map((m) => Type.Literal(m)), { description: '存档介质：光盘/纸质/电子' }), location: Type.String({ maxLength: 200, description: '存放地点' }) },
            { additionalProperties: false },
          ),
        },
        preHandler: authenticate(ctx, ['complaint_manager', 'branch_head', 'hq_head']),
      },
      async (req, reply) => {
        const actor = currentUser(req);
        const id = await inTransaction(ctx, (trx) => sealArchiveBatch({ ctx, trx, actor, input: req.body as SealInput }));
        reply.status(201);
        return presentBatch(await findBatch(ctx.db.kysely, actor, id), shanghaiDate(ctx.clock.now()));
      },
    );

    app.get('/api/archive-batches', { schema: { tags: ['reports'], summary: '归档批次列表', querystring: Type.Object({ unitId: Type.Optional(Type.String()), month: Type.Optional(Month) }) }, preHandler: staff }, async (req) => {
      const today = shanghaiDate(ctx.clock.now());
      return { items: (await listBatches(ctx.db.kysely, currentUser(req), req.query)).map((b) => presentBatch(b, today)) };
    });

    app.get('/api/archive-batches/:id', { schema: { tags: ['reports'], summary: '归档批次详情及其投诉', params: IdParams }, preHandler: staff }, async (req) => {
      const b = await findBatch(ctx.db.kysely, currentUser(req), req.params.id);
      const today = shanghaiDate(ctx.clock.now());
      const rows = await ctx.db.kysely.selectFrom('complaints').selectAll().where('archive_batch_id', '=', b.id).orderBy('number').execute();
      return { ...presentBatch(b, today), complaints: rows.map((r) => ({ ...presentSummary(r, today), legalHold: r.legal_hold === 1, closedAt: r.closed_at })) };
    });

    app.get('/api/archive-batches/:id/package.zip', { schema: { tags: ['reports'], summary: '归档包（记录表 PDF、登记簿 XLSX、附件、SHA-256 清单），适合刻录光盘', params: IdParams }, preHandler: staff }, async (req, reply) => {
      const actor = currentUser(req);
      // Built outside any transaction (on PostgreSQL a transaction holds the global audit lock); a sealed batch does not change meanwhile.
      const b = await findBatch(ctx.db.kysely, actor, req.params.id);
      const pkg = await buildArchivePackage(ctx, ctx.db.kysely, b.id);
      await inTransaction(ctx, (trx) =>
        appendAudit(trx, ctx.db.dialect, { actorId: actor.id, entityType: 'archive_batch', entityId: b.id, action: 'export_archive_package', detail: { files: pkg.manifest.files.length, manifestSha256: pkg.manifestSha256 } }, ctx.clock.now()),
      );
      reply.header('x-manifest-sha256', pkg.manifestSha256);
      return sendFile(reply, pkg.zip, ZIP_TYPE, `${b.number}.zip`);
    });
  };
}
