/** Organisation: units (HQ, branches, HQ departments), staff, business-link taxonomy. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { checkPhrases } from '../../domain/phrases.js';
import { RESPONSE_TEMPLATES } from '../../domain/templates.js';
import { OUTCOME_CLASSES, OUTCOME_LABELS, ROLES, type Role } from '../../domain/types.js';
import { authenticate, currentUser } from '../../server/auth.js';
import { inTransaction, type AppContext } from '../../server/context.js';
import { createUnit, saveBusinessLink, updateUnit } from './org.commands.js';
import { createUser, setUserDisabled } from './users.commands.js';

export function orgRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const auth = authenticate(ctx);
    const admin = authenticate(ctx, ['admin']);

    app.get('/api/units', { schema: { tags: ['org'], summary: '单位列表' }, preHandler: auth }, async () => {
      const rows = await ctx.db.kysely.selectFrom('units').selectAll().orderBy('code').execute();
      return {
        items: rows.map((u) => ({ id: u.id, code: u.code, name: u.name, kind: u.kind, parentId: u.parent_id, approvalLevels: JSON.parse(u.approval_levels) as string[], email: u.email, active: u.active === 1 })),
      };
    });

    app.get('/api/users', { schema: { tags: ['org'], summary: '人员列表（本单位；总部可见全部）', querystring: Type.Object({ unit: Type.Optional(Type.String()), role: Type.Optional(Type.String()) }) }, preHandler: auth }, async (req) => {
      const actor = currentUser(req);
      let qb = ctx.db.kysely.selectFrom('users').select(['id', 'username', 'display_name', 'unit_id', 'roles', 'email', 'disabled']).orderBy('username');
      if (actor.unitKind !== 'hq') qb = qb.where('unit_id', '=', actor.unitId);
      if (req.query.unit) qb = qb.where('unit_id', '=', req.query.unit);
      const rows = await qb.execute();
      return {
        items: rows
          .map((u) => ({ id: u.id, username: u.username, displayName: u.display_name, unitId: u.unit_id, roles: JSON.parse(u.roles) as Role[], email: u.email, disabled: u.disabled === 1 }))
          .filter((u) => !req.query.role || u.roles.includes(req.query.role as Role)),
      };
    });

    app.post(
      '/api/users',
      {
        schema: {
          tags: ['org'],
          summary: '新建人员（管理员）',
          body: Type.Object(
            {
              username: Type.String({ pattern: '^[a-zA-Z0-9_.-]{3,40}$' }),
              displayName: Type.String({ minLength: 1, maxLength: 50 }),
              unitId: Type.String(),
              roles: Type.Array(Type.Union(ROLES.map((r) => Type.Literal(r))), { minItems: 1 }),
              email: Type.Optional(Type.String({ maxLength: 200 })),
              password: Type.String({ minLength: 8, maxLength: 200 }),
            },
            { additionalProperties: false },
          ),
        },
        preHandler: admin,
      },
      async (req, reply) => {
        const actor = currentUser(req);
        const id = await inTransaction(ctx, (trx) => createUser({ ctx, trx, actorId: actor.id, input: req.body }));
        reply.status(201);
        return { id };
      },
    );

    app.post('/api/users/:id/disable', { schema: { tags: ['org'], summary: '停用人员（管理员）', params: Type.Object({ id: Type.String() }), body: Type.Object({ disabled: Type.Boolean() }) }, preHandler: admin }, async (req) => {
      const actor = currentUser(req);
      await inTransaction(ctx, (trx) => setUserDisabled({ ctx, trx, actorId: actor.id, userId: req.params.id, disabled: req.body.disabled }));
      return { ok: true };
    });

    const Levels = Type.Array(Type.Union([Type.Literal('branch_head'), Type.Literal('hq_head'), Type.Literal('company_leader')]), { maxItems: 3, description: '审批层级（按顺序）' });
    app.post(
      '/api/units',
      {
        schema: {
          tags: ['org'],
          summary: '新建营业部或总部部门（管理员）',
          body: Type.Object(
            { code: Type.String({ maxLength: 20 }), name: Type.String({ minLength: 1, maxLength: 100 }), kind: Type.Union([Type.Literal('branch'), Type.Literal('department')]), email: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])), approvalLevels: Type.Optional(Levels) },
            { additionalProperties: false },
          ),
        },
        preHandler: admin,
      },
      async (req, reply) => {
        const id = await inTransaction(ctx, (trx) => createUnit({ ctx, trx, actorId: currentUser(req).id, input: req.body }));
        reply.status(201);
        return { id };
      },
    );

    app.patch(
      '/api/units/:id',
      {
        schema: {
          tags: ['org'],
          summary: '修改单位：名称、邮箱、审批层级、启用（管理员）',
          params: Type.Object({ id: Type.String({ maxLength: 64 }) }),
          body: Type.Object(
            { name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), email: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])), approvalLevels: Type.Optional(Levels), active: Type.Optional(Type.Boolean()) },
            { additionalProperties: false },
          ),
        },
        preHandler: admin,
      },
      async (req) => {
        await inTransaction(ctx, (trx) => updateUnit({ ctx, trx, actorId: currentUser(req).id, unitId: req.params.id, input: req.body }));
        return { ok: true };
      },
    );

    app.put(
      '/api/business-links/:code',
      {
        schema: {
          tags: ['org'],
          summary: '新增或修改业务环节（管理员）',
          params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
          body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 50 }), active: Type.Boolean() }, { additionalProperties: false }),
        },
        preHandler: admin,
      },
      async (req) => {
        await inTransaction(ctx, (trx) => saveBusinessLink({ ctx, trx, actorId: currentUser(req).id, code: req.params.code, name: req.body.name, active: req.body.active }));
        return { ok: true };
      },
    );

    app.get('/api/templates', { schema: { tags: ['org'], summary: '按责任认定类别的答复模板' }, preHandler: auth }, async () => ({
      items: OUTCOME_CLASSES.map((c) => ({ outcomeClass: c, label: OUTCOME_LABELS[c], text: RESPONSE_TEMPLATES[c] })),
    }));

    app.post(
      '/api/phrases/check',
      { schema: { tags: ['org'], summary: '禁用语检查（反馈、备注发出前）', body: Type.Object({ text: Type.String({ maxLength: 20000 }) }, { additionalProperties: false }) }, preHandler: auth },
      async (req) => {
        const hits = checkPhrases(req.body.text);
        return { ok: hits.length === 0, hits };
      },
    );

    app.get('/api/business-links', { schema: { tags: ['org'], summary: '业务环节分类' }, preHandler: auth }, async () => {
      const rows = await ctx.db.kysely.selectFrom('business_links').selectAll().orderBy('sort').execute();
      return { items: rows.map((r) => ({ code: r.code, name: r.name, active: r.active === 1 })) };
    });
  };
}
