/**
 * Public routes of the customer portal (no sign-in): branches, challenge,
 * privacy notice, online complaint, progress lookup, satisfaction survey; and
 * the staff route that reads survey answers. Every public route that takes
 * customer input is rate limited per client address.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../domain/errors.js';
import { authenticate, currentUser } from '../../server/auth.js';
import { inTransaction, type AppContext } from '../../server/context.js';
import { findComplaint } from '../complaints/complaints.queries.js';
import { burnChallenge, issueChallenge } from './challenge.js';
import { checkOnlineInput, fileOnlineComplaint, type OnlineComplaintInput } from './commands/file-online-complaint.js';
import { recordSurvey, surveysOf, surveyState } from './commands/record-survey.js';
import { findByTracking, presentTracking } from './portal.queries.js';
import { LookupQuery, OnlineComplaintBody, SurveyBody } from './portal.schemas.js';
import { PRIVACY_NOTICE } from './privacy-notice.js';

/** Route config for @fastify/rate-limit (registered globally with global:false in app.ts). */
export const limit = (max: number) => ({ rateLimit: { max, timeWindow: '1 minute' } });

export function portalRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get('/api/portal/branches', { schema: { tags: ['portal'], summary: '可选择的受理单位（营业部及经纪业务总部）' }, config: limit(60) }, async () => {
      const rows = await ctx.db.kysely.selectFrom('units').select(['id', 'name', 'kind', 'code']).where('active', '=', 1).where('kind', 'in', ['hq', 'branch']).orderBy('code').execute();
      // HQ last: customers usually know their own branch.
      const sorted = [...rows.filter((r) => r.kind === 'branch'), ...rows.filter((r) => r.kind === 'hq')];
      return { items: sorted.map((r) => ({ id: r.id, name: r.name })) };
    });

    app.get('/api/portal/privacy', { schema: { tags: ['portal'], summary: '个人信息保护说明' } }, async () => PRIVACY_NOTICE);

    app.get('/api/portal/challenge', { schema: { tags: ['portal'], summary: '获取验证题（一次有效，10 分钟内作答）' }, config: limit(30) }, async () =>
      issueChallenge(ctx.db.kysely, ctx.clock.now()),
    );

    app.post(
      '/api/portal/complaints',
      { schema: { tags: ['portal'], summary: '客户在线投诉', body: OnlineComplaintBody }, config: { rateLimit: { max: 5, timeWindow: '1 minute' } } },
      async (req, reply) => {
        const input = req.body as OnlineComplaintInput;
        checkOnlineInput(input);
        let filed;
        try {
          filed = await inTransaction(ctx, (trx) => fileOnlineComplaint({ ctx, trx, input }));
        } catch (e) {
          // A wrong answer burns the challenge, so answers cannot be tried one after another.
          if (e instanceof AppError && e.field === 'challengeAnswer') await burnChallenge(ctx.db.kysely, input.challengeId, ctx.clock.now());
          throw e;
        }
        reply.status(201);
        const { id: _id, ...ack } = filed;
        return { ...ack, privacyNotice: PRIVACY_NOTICE };
      },
    );

    app.get('/api/portal/track', { schema: { tags: ['portal'], summary: '投诉进度查询（查询码 + 电话后四位）', querystring: LookupQuery }, config: limit(10) }, async (req) => {
      const row = await findByTracking(ctx.db.kysely, req.query.code, req.query.phoneLast4);
      return presentTracking(row);
    });

    app.get('/api/portal/survey', { schema: { tags: ['portal'], summary: '满意度评价：是否可以评价', querystring: LookupQuery }, config: limit(10) }, async (req) => {
      const row = await findByTracking(ctx.db.kysely, req.query.code, req.query.phoneLast4);
      return surveyState(ctx.db.kysely, row, ctx.clock.now());
    });

    app.post('/api/portal/survey', { schema: { tags: ['portal'], summary: '提交满意度评价', body: SurveyBody }, config: limit(10) }, async (req, reply) => {
      const { code, phoneLast4, satisfaction, comment } = req.body;
      await inTransaction(ctx, async (trx) => {
        const row = await findByTracking(trx, code, phoneLast4);
        await recordSurvey({ ctx, trx, row, input: { satisfaction, comment } });
      });
      reply.status(201);
      return { ok: true, message: '感谢您的评价' };
    });

    app.get(
      '/api/complaints/:id/survey',
      { schema: { tags: ['complaints'], summary: '客户满意度评价（在线）', params: Type.Object({ id: Type.String({ maxLength: 64 }) }) }, preHandler: authenticate(ctx) },
      async (req) => {
        const row = await findComplaint(ctx.db.kysely, currentUser(req), req.params.id);
        return { items: await surveysOf(ctx.db.kysely, row.id) };
      },
    );
  };
}
