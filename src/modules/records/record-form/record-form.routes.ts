/** GET the record form of one complaint as PDF/XLSX, and the register of many as XLSX. Exports are audited. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { shanghaiDate } from '../../../domain/dates.js';
import { invalid } from '../../../domain/errors.js';
import { STATUSES } from '../../../domain/types.js';
import { authenticate, currentUser } from '../../../server/auth.js';
import { inTransaction, type AppContext } from '../../../server/context.js';
import { appendAudit } from '../../audit/audit.js';
import { findComplaint, listComplaints } from '../../complaints/complaints.queries.js';
import { IdParams, ListQuery } from '../../complaints/complaints.schemas.js';
import { PDF_TYPE, sendFile, XLSX_TYPE } from '../shared/http.js';
import { loadLookups, loadRecordForm } from './record-form.data.js';
import { recordFormPdf, recordFormXlsx, registerXlsx } from './record-form.render.js';

/** The register is an export, not a page: one request returns at most this many rows. */
const REGISTER_MAX = 10_000;
const STAFF = ['clerk', 'complaint_manager', 'branch_head', 'hq_head', 'company_leader', 'legal', 'admin'] as const;

export function recordFormRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const staff = authenticate(ctx, STAFF);

    for (const format of ['pdf', 'xlsx'] as const) {
      app.get(
        `/api/complaints/:id/record-form.${format}`,
        { schema: { tags: ['reports'], summary: `记录表（${format.toUpperCase()}，官方格式，含完整个人信息，导出留痕）`, params: IdParams }, preHandler: staff },
        async (req, reply) => {
          const actor = currentUser(req);
          const now = ctx.clock.now();
          // Read outside any transaction (on PostgreSQL a transaction takes the global audit lock); only the audit record is written in one.
          const row = await findComplaint(ctx.db.kysely, actor, req.params.id);
          const form = await loadRecordForm(ctx.db.kysely, row);
          await inTransaction(ctx, (trx) => appendAudit(trx, ctx.db.dialect, { actorId: actor.id, entityType: 'complaint', entityId: row.id, action: 'export_record_form', detail: { format } }, now));
          const body = format === 'pdf' ? await recordFormPdf(form, now) : await recordFormXlsx(form);
          return sendFile(reply, body, format === 'pdf' ? PDF_TYPE : XLSX_TYPE, `记录表-${form.number}.${format}`);
        },
      );
    }

    app.get(
      '/api/complaints/register.xlsx',
      { schema: { tags: ['reports'], summary: '投诉登记簿（XLSX，筛选条件同投诉列表，每条投诉一行）', querystring: ListQuery }, preHandler: staff },
      async (req, reply) => {
        const actor = currentUser(req);
        const q = req.query;
        const status = q.status ? q.status.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
        const bad = status?.find((s) => !(STATUSES as readonly string[]).includes(s));
        if (bad) throw invalid('status', `未知状态「${bad}」`);
        const now = ctx.clock.now();
        // The listing (up to REGISTER_MAX rows) is read outside the transaction, which only writes the audit record.
        const { rows } = await listComplaints(
          ctx.db.kysely,
          actor,
          { status, unitId: q.unit, channel: q.channel, category: q.category, businessLink: q.businessLink, overdue: q.overdue, text: q.text, acceptedFrom: q.acceptedFrom, acceptedTo: q.acceptedTo, assignedToMe: q.mine, sort: q.sort ?? 'number', order: q.order ?? 'asc', page: 1, pageSize: REGISTER_MAX },
          shanghaiDate(now),
        );
        const lk = await loadLookups(ctx.db.kysely);
        await inTransaction(ctx, (trx) => appendAudit(trx, ctx.db.dialect, { actorId: actor.id, entityType: 'complaint_register', entityId: actor.unitId, action: 'export_record_form', detail: { format: 'xlsx', count: rows.length, filter: q } }, now));
        return sendFile(reply, await registerXlsx(rows, lk, now), XLSX_TYPE, `投诉登记簿-${shanghaiDate(now)}.xlsx`);
      },
    );
  };
}
