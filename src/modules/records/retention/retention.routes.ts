/** Retention and destruction: settings, batches past retention, legal holds, destruction requests and their approval, the log. */
import { rm } from 'node:fs/promises';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { shanghaiDate } from '../../../domain/dates.js';
import { AppError } from '../../../domain/errors.js';
import { authenticate, currentUser } from '../../../server/auth.js';
import { inTransaction, type AppContext } from '../../../server/context.js';
import { appendAudit } from '../../audit/audit.js';
import { listBatches, presentBatch } from '../archive/archive.queries.js';
import { approveDestruction, requestDestruction } from './destruction.js';
import { setBatchHold, setComplaintHold, type HoldInput } from './legal-hold.js';

const STAFF = ['clerk', 'complaint_manager', 'branch_head', 'hq_head', 'company_leader', 'legal', 'admin'] as const;
const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
const HoldBody = Type.Object({ hold: Type.Boolean({ description: 'true 冻结，false 解除' }), reason: Type.String({ maxLength: 1000, description: '原因' }) }, { additionalProperties: false });

export function retentionRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const staff = authenticate(ctx, STAFF);

    app.get('/api/retention/due', { schema: { tags: ['reports'], summary: '保管期已满、尚未销毁的归档批次' }, preHandler: staff }, async (req) => {
      const actor = currentUser(req);
      const today = shanghaiDate(ctx.clock.now());
      const due = (await listBatches(ctx.db.kysely, actor)).filter((b) => !b.destroyed_at && b.retain_until <= today);
      const held = due.length
        ? await ctx.db.kysely.selectFrom('complaints').select(['archive_batch_id', 'number']).where('archive_batch_id', 'in', due.map((b) => b.id)).where('legal_hold', '=', 1).execute()
        : [];
      const pending = due.length ? await ctx.db.kysely.selectFrom('destruction_requests').select(['id', 'batch_id']).where('batch_id', 'in', due.map((b) => b.id)).where('status', '=', 'pending').execute() : [];
      return {
        today,
        items: due.map((b) => ({
          ...presentBatch(b, today),
          heldComplaints: held.filter((h) => h.archive_batch_id === b.id).map((h) => h.number),
          pendingRequestId: pending.find((p) => p.batch_id === b.id)?.id ?? null,
        })),
      };
    });

    app.post('/api/complaints/:id/legal-hold', { schema: { tags: ['reports'], summary: '投诉档案诉讼保全冻结/解除（冻结期间不能销毁）', params: IdParams, body: HoldBody }, preHandler: staff }, async (req) => {
      const actor = currentUser(req);
      await inTransaction(ctx, (trx) => setComplaintHold({ ctx, trx, actor, complaintId: req.params.id, input: req.body as HoldInput }));
      const row = await ctx.db.kysely.selectFrom('complaints').select(['id', 'number', 'legal_hold']).where('id', '=', req.params.id).executeTakeFirstOrThrow();
      return { id: row.id, number: row.number, legalHold: row.legal_hold === 1 };
    });

    app.post('/api/archive-batches/:id/legal-hold', { schema: { tags: ['reports'], summary: '归档批次诉讼保全冻结/解除', params: IdParams, body: HoldBody }, preHandler: staff }, async (req) => {
      const actor = currentUser(req);
      await inTransaction(ctx, (trx) => setBatchHold({ ctx, trx, actor, batchId: req.params.id, input: req.body as HoldInput }));
      const b = await ctx.db.kysely.selectFrom('archive_batches').select(['id', 'number', 'legal_hold', 'legal_hold_reason']).where('id', '=', req.params.id).executeTakeFirstOrThrow();
      return { id: b.id, number: b.number, legalHold: b.legal_hold === 1, legalHoldReason: b.legal_hold_reason };
    });

    app.get('/api/destruction-requests', { schema: { tags: ['reports'], summary: '销毁申请列表' }, preHandler: staff }, async (req) => {
      const actor = currentUser(req);
      if (actor.unitKind !== 'hq') throw new AppError('FORBIDDEN', '仅总部可查看销毁申请');
      const rows = await ctx.db.kysely
        .selectFrom('destruction_requests')
        .innerJoin('archive_batches', 'archive_batches.id', 'destruction_requests.batch_id')
        .selectAll('destruction_requests')
        .select('archive_batches.number as batch_number')
        .orderBy('requested_at', 'desc')
        .execute();
      return { items: rows.map((r) => ({ id: r.id, batchId: r.batch_id, batchNumber: r.batch_number, reason: r.reason, status: r.status, requestedBy: r.requested_by, requestedAt: r.requested_at, approvedBy: r.approved_by, approvedAt: r.approved_at, executedAt: r.executed_at })) };
    });

    app.post(
      '/api/destruction-requests',
      { schema: { tags: ['reports'], summary: '总部提出销毁申请（保管期满、无冻结）', body: Type.Object({ batchId: Type.String({ maxLength: 64 }), reason: Type.String({ maxLength: 1000 }) }, { additionalProperties: false }) }, preHandler: staff },
      async (req, reply) => {
        const actor = currentUser(req);
        const id = await inTransaction(ctx, (trx) => requestDestruction({ ctx, trx, actor, batchId: req.body.batchId, reason: req.body.reason }));
        reply.status(201);
        return { id, status: 'pending' };
      },
    );

    app.post('/api/destruction-requests/:id/approve', { schema: { tags: ['reports'], summary: '经纪业务总部负责人审批并执行销毁（申请人不能审批）', params: IdParams }, preHandler: staff }, async (req) => {
      const actor = currentUser(req);
      const { files, complaints } = await inTransaction(ctx, (trx) => approveDestruction({ ctx, trx, actor, requestId: req.params.id }));
      // After commit: the records no longer point to these files.
      let filesDeleted = 0;
      for (const f of files) {
        await rm(f, { force: true }).then(() => filesDeleted++, () => {});
      }
      return { id: req.params.id, status: 'executed', complaintsDestroyed: complaints, filesDeleted };
    });

    app.get('/api/destruction-log', { schema: { tags: ['reports'], summary: '销毁记录（每件投诉一条，不含个人信息）', querystring: Type.Object({ batchId: Type.Optional(Type.String()) }) }, preHandler: staff }, async (req) => {
      const actor = currentUser(req);
      if (actor.unitKind !== 'hq') throw new AppError('FORBIDDEN', '仅总部可查看销毁记录');
      let qb = ctx.db.kysely.selectFrom('destruction_log').selectAll();
      if (req.query.batchId) qb = qb.where('batch_id', '=', req.query.batchId);
      const rows = await qb.orderBy('destroyed_at').orderBy('complaint_number').execute();
      return { items: rows.map((r) => ({ id: r.id, requestId: r.request_id, batchId: r.batch_id, complaintId: r.complaint_id, complaintNumber: r.complaint_number, attachmentsErased: r.attachments_erased, erased: JSON.parse(r.erased) as unknown, destroyedAt: r.destroyed_at, destroyedBy: r.destroyed_by })) };
    });
  };
}
