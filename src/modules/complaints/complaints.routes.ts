/** Thin routes: authenticate, validate, one transaction, one command, present. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { shanghaiDate } from '../../domain/dates.js';
import { invalid } from '../../domain/errors.js';
import { STATUSES } from '../../domain/types.js';
import type { Actor } from '../../domain/workflow.js';
import { authenticate, currentUser } from '../../server/auth.js';
import { inTransaction, type AppContext, type Trx } from '../../server/context.js';
import { appendAudit, historyOf } from '../audit/audit.js';
import { acceptComplaint, type AcceptInput } from './commands/accept-complaint.js';
import { transitionComplaint, type ActionBody as ActionInput } from './commands/transition.js';
import { updateComplaint, type UpdateInput } from './commands/update-complaint.js';
import { findComplaint, listComplaints, loadChildren, relatedComplaints } from './complaints.queries.js';
import { presentComplaint, presentSummary } from './complaints.presenter.js';
import { ActionBody, ActionParams, CreateComplaintBody, IdParams, ListQuery, PatchComplaintBody } from './complaints.schemas.js';

/** Load and present one complaint as the actor sees it. */
export async function loadComplaintDto(ctx: AppContext, db: Trx, actor: Actor, id: string, reveal = false) {
  const row = await findComplaint(db, actor, id);
  const children = await loadChildren(db, row.id);
  return presentComplaint(row, children, actor, { reveal, today: shanghaiDate(ctx.clock.now()) });
}

export function complaintRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    // The system administrator manages accounts and settings, not complaints: no access to customers' data.
    const staff = authenticate(ctx, ['clerk', 'complaint_manager', 'branch_head', 'hq_head', 'company_leader', 'legal']);

    app.post('/api/complaints', { schema: { tags: ['complaints'], summary: '受理投诉（登记记录表）', body: CreateComplaintBody }, preHandler: authenticate(ctx, ['clerk', 'complaint_manager', 'branch_head', 'hq_head']) }, async (req, reply) => {
      const actor = currentUser(req);
      const id = await inTransaction(ctx, (trx) => acceptComplaint({ ctx, trx, actor, input: req.body as AcceptInput }));
      reply.status(201);
      return loadComplaintDto(ctx, ctx.db.kysely, actor, id);
    });

    app.get('/api/complaints', { schema: { tags: ['complaints'], summary: '投诉列表', querystring: ListQuery }, preHandler: staff }, async (req) => {
      const actor = currentUser(req);
      const q = req.query;
      const status = q.status ? q.status.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
      const bad = status?.find((s) => !(STATUSES as readonly string[]).includes(s));
      if (bad) throw invalid('status', `未知状态「${bad}」`);
      const today = shanghaiDate(ctx.clock.now());
      const page = q.page ?? 1;
      const pageSize = q.pageSize ?? 20;
      const { total, rows } = await listComplaints(
        ctx.db.kysely,
        actor,
        { status, unitId: q.unit, channel: q.channel, category: q.category, businessLink: q.businessLink, overdue: q.overdue, text: q.text, acceptedFrom: q.acceptedFrom, acceptedTo: q.acceptedTo, assignedToMe: q.mine, sort: q.sort, order: q.order, page, pageSize },
        today,
      );
      return { total, page, pageSize, items: rows.map((r) => presentSummary(r, today, actor)) };
    });

    app.get(
      '/api/complaints/:id',
      { schema: { tags: ['complaints'], summary: '投诉详情（记录表）；reveal=true 显示完整个人信息并记录', params: IdParams, querystring: Type.Object({ reveal: Type.Optional(Type.Boolean()) }) },
      preHandler: staff },
      async (req) => {
        const actor = currentUser(req);
        if (!req.query.reveal) return loadComplaintDto(ctx, ctx.db.kysely, actor, req.params.id);
        // Viewing personal data in full is itself recorded.
        return inTransaction(ctx, async (trx) => {
          const dto = await loadComplaintDto(ctx, trx, actor, req.params.id, true);
          await appendAudit(trx, ctx.db.dialect, { actorId: actor.id, entityType: 'complaint', entityId: dto.id, action: 'view_personal_data' }, ctx.clock.now());
          return dto;
        });
      },
    );

    app.patch('/api/complaints/:id', { schema: { tags: ['complaints'], summary: '修改当前状态下可编辑的字段', params: IdParams, body: PatchComplaintBody }, preHandler: staff }, async (req) => {
      const actor = currentUser(req);
      await inTransaction(ctx, (trx) => updateComplaint({ ctx, trx, actor, complaintId: req.params.id, input: req.body as UpdateInput }));
      return loadComplaintDto(ctx, ctx.db.kysely, actor, req.params.id);
    });

    app.post('/api/complaints/:id/actions/:action', { schema: { tags: ['complaints'], summary: '执行流程操作（见 allowedActions）', params: ActionParams, body: Type.Optional(ActionBody) }, preHandler: staff }, async (req) => {
      const actor = currentUser(req);
      await inTransaction(ctx, (trx) => transitionComplaint({ ctx, trx, actor, complaintId: req.params.id, action: req.params.action, body: (req.body ?? {}) as ActionInput }));
      return loadComplaintDto(ctx, ctx.db.kysely, actor, req.params.id);
    });

    app.get('/api/complaints/:id/history', { schema: { tags: ['complaints'], summary: '审计轨迹', params: IdParams }, preHandler: staff }, async (req) => {
      const actor = currentUser(req);
      const row = await findComplaint(ctx.db.kysely, actor, req.params.id);
      return { items: await historyOf(ctx.db.kysely, 'complaint', row.id) };
    });

    app.get('/api/complaints/:id/related', { schema: { tags: ['complaints'], summary: '同一客户的其他投诉', params: IdParams }, preHandler: staff }, async (req) => {
      const actor = currentUser(req);
      const row = await findComplaint(ctx.db.kysely, actor, req.params.id);
      const items = await relatedComplaints(ctx.db.kysely, actor, { phone: row.customer_phone, idNumber: row.id_number, accountNumber: row.account_number }, row.id);
      return { items: items.map((r) => ({ id: r.id, number: r.number, status: r.status, acceptedOn: r.accepted_on, reason: r.reason })) };
    });

    app.get(
      '/api/complaints/check-customer',
      { schema: { tags: ['complaints'], summary: '登记前查询同一客户的投诉（重复投诉提示）', querystring: Type.Object({ phone: Type.Optional(Type.String()), idNumber: Type.Optional(Type.String()), accountNumber: Type.Optional(Type.String()) }) }, preHandler: staff },
      async (req) => {
        const items = await relatedComplaints(ctx.db.kysely, currentUser(req), req.query);
        return { items: items.map((r) => ({ id: r.id, number: r.number, status: r.status, acceptedOn: r.accepted_on, reason: r.reason })) };
      },
    );
  };
}
