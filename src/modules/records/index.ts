/** Route plugin of this module: 记录表输出、月报、季度分析、归档、销毁、导入. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';
import './records.tables.js';
import { archiveRoutes } from './archive/archive.routes.js';
import { monthlyReportRoutes } from './monthly-reports/monthly-reports.routes.js';
import { retentionRoutes } from './retention/retention.routes.js';
import { quarterlyRoutes } from './quarterly/quarterly.routes.js';
import { importRoutes } from './import/import.routes.js';
import { recordFormRoutes } from './record-form/record-form.routes.js';

export function recordsPlugin(ctx: AppContext) {
  return async (app: FastifyInstance): Promise<void> => {
    await app.register(recordFormRoutes(ctx));
    await app.register(monthlyReportRoutes(ctx));
    await app.register(archiveRoutes(ctx));
    await app.register(retentionRoutes(ctx));
    await app.register(quarterlyRoutes(ctx));
    await app.register(importRoutes(ctx));
  };
}
