/** Quarterly analysis (季度分析): JSON, XLSX and PDF, and the improvement measures of its hotspots. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { authenticate, currentUser } from '../../../server/auth.js';
import { inTransaction, type AppContext } from '../../../server/context.js';
import { PDF_TYPE, sendFile, XLSX_TYPE } from '../shared/http.js';
import { addImprovement, completeImprovement, type ImprovementInput } from './improvements.js';
import { analysisUnit, quarterlyAnalysis } from './quarterly-analysis.js';
import { quarterlyPdf, quarterlyXlsx } from './quarterly.render.js';

const STAFF = ['clerk', 'complaint_manager', 'branch_head', 'hq_head', 'company_leader', 'legal', 'admin'] as const;
const Quarter = Type.String({ pattern: '^\\d{4}Q[1-4]$', description: '例如 2026Q4' });
const Query = Type.Object({ quarter: Quarter, unitId: Type.Optional(Type.String({ description: '不填为全公司（仅总部）；营业部人员只能分析本营业部' })) });

export function quarterlyRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const staff = authenticate(ctx, STAFF);

    app.get('/api/quarterly-analysis', { schema: { tags: ['reports'], summary: '季度分析：分类统计、时限达标、满意度、重复投诉、环比同比、热点及改进措施', querystring: Query }, preHandler: staff }, async (req) => {
      const unitId = await analysisUnit(ctx.db.kysely, currentUser(req), req.query.unitId);
      return quarterlyAnalysis(ctx.db.kysely, req.query.quarter, unitId, ctx.clock.now());
    });

    for (const format of ['xlsx', 'pdf'] as const) {
      app.get(`/api/quarterly-analysis.${format}`, { schema: { tags: ['reports'], summary: `季度分析导出（${format.toUpperCase()}）`, querystring: Query }, preHandler: staff }, async (req, reply) => {
        const unitId = await analysisUnit(ctx.db.kysely, currentUser(req), req.query.unitId);
        const now = ctx.clock.now();
        const a = await quarterlyAnalysis(ctx.db.kysely, req.query.quarter, unitId, now);
        const body = format === 'xlsx' ? await quarterlyXlsx(a, now) : await quarterlyPdf(a, now);
        return sendFile(reply, body, format === 'xlsx' ? XLSX_TYPE : PDF_TYPE, `季度分析-${a.quarter}-${a.unitName}.${format}`);
      });
    }

    app.post(
      '/api/quarterly-analysis/improvements',
      {
        schema: {
          tags: ['reports'],
          summary: '为热点业务环节或人员制定改进措施（责任人、完成期限）',
          body: Type.Object(
            {
              quarter: Quarter,
              unitId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
              kind: Type.Union([Type.Literal('business_link'), Type.Literal('staff')]),
              key: Type.String({ maxLength: 100, description: '业务环节代码或人员姓名（同分析结果中的 key）' }),
              measure: Type.String({ maxLength: 2000 }),
              owner: Type.String({ maxLength: 100 }),
              dueOn: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
            },
            { additionalProperties: false },
          ),
        },
        preHandler: staff,
      },
      async (req, reply) => {
        const actor = currentUser(req);
        const id = await inTransaction(ctx, (trx) => addImprovement({ ctx, trx, actor, input: req.body as ImprovementInput }));
        reply.status(201);
        const m = await ctx.db.kysely.selectFrom('improvement_measures').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        return { id: m.id, quarter: m.quarter, unitId: m.unit_id, kind: m.kind, key: m.key, measure: m.measure, owner: m.owner, dueOn: m.due_on, status: m.status };
      },
    );

    app.post(
      '/api/quarterly-analysis/improvements/:id/done',
      { schema: { tags: ['reports'], summary: '改进措施完成', params: Type.Object({ id: Type.String({ maxLength: 64 }) }), body: Type.Optional(Type.Object({ note: Type.Optional(Type.String({ maxLength: 2000 })) }, { additionalProperties: false })) }, preHandler: staff },
      async (req) => {
        const actor = currentUser(req);
        await inTransaction(ctx, (trx) => completeImprovement({ ctx, trx, actor, id: req.params.id, note: req.body?.note }));
        const m = await ctx.db.kysely.selectFrom('improvement_measures').selectAll().where('id', '=', req.params.id).executeTakeFirstOrThrow();
        return { id: m.id, status: m.status, doneAt: m.done_at, doneNote: m.done_note };
      },
    );
  };
}
