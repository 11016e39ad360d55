import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { authenticate, currentUser } from '../../server/auth.js';
import { inTransaction, type AppContext } from '../../server/context.js';
import { loadSettings, readSettings, SETTING_DEFS, updateSettings, type Settings } from './settings.js';

const Int = (d: { min: number; max: number; label: string }) => Type.Optional(Type.Integer({ minimum: d.min, maximum: d.max, description: d.label }));

export function settingsRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    await loadSettings(ctx);
    app.get('/api/settings', { schema: { tags: ['org'], summary: '公司设置（期限规则、保管期限、热点阈值）' }, preHandler: authenticate(ctx) }, async () => {
      const values = await readSettings(ctx.db.kysely);
      return { values, definitions: SETTING_DEFS };
    });
    app.put(
      '/api/settings',
      {
        schema: {
          tags: ['org'],
          summary: '修改公司设置（管理员或经纪业务总部负责人）；期限规则变化时重算未结投诉的期限',
          body: Type.Object(
            {
              investigationWorkingDays: Int(SETTING_DEFS.investigationWorkingDays),
              feedbackWorkingDays: Int(SETTING_DEFS.feedbackWorkingDays),
              monthlyReportTradingDays: Int(SETTING_DEFS.monthlyReportTradingDays),
              retentionYears: Int(SETTING_DEFS.retentionYears),
              retentionYearsRegulatorTransfer: Int(SETTING_DEFS.retentionYearsRegulatorTransfer),
              retentionYearsMalicious: Int(SETTING_DEFS.retentionYearsMalicious),
              hotspotThreshold: Int(SETTING_DEFS.hotspotThreshold),
              hotspotTopPercent: Int(SETTING_DEFS.hotspotTopPercent),
              reason: Type.String({ minLength: 1, maxLength: 500 }),
            },
            { additionalProperties: false },
          ),
        },
        preHandler: authenticate(ctx, ['admin', 'hq_head']),
      },
      async (req) => {
        const { reason, ...patch } = req.body;
        const values = await inTransaction(ctx, (trx) => updateSettings({ ctx, trx, actorId: currentUser(req).id, patch: patch as Partial<Settings>, reason }));
        await loadSettings(ctx);
        return { values };
      },
    );
  };
}
