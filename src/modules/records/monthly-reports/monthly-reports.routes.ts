/** Monthly reports (月报): list per month, HQ grid, submit, and the files. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../domain/errors.js';
import { authenticate, currentUser } from '../../../server/auth.js';
import { inTransaction, type AppContext } from '../../../server/context.js';
import { PDF_TYPE, sendFile, XLSX_TYPE } from '../shared/http.js';
import { assertMonth, MAX_MONTH, MIN_MONTH, MONTH_PATTERN } from '../shared/months.js';
import { emailMonthlyReport, listMonthlyReports, monthlyGrid, renderMonthlySubmission, reportFile, submitMonthlyReport } from './monthly-reports.js';

const Month = Type.String({ pattern: MONTH_PATTERN, description: `YYYY-MM（${MIN_MONTH} 至 ${MAX_MONTH}）` });
const STAFF = ['clerk', 'complaint_manager', 'branch_head', 'hq_head', 'company_leader', 'legal', 'admin'] as const;

export function monthlyReportRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const staff = authenticate(ctx, STAFF);

    app.get('/api/monthly-reports', { schema: { tags: ['reports'], summary: '各营业部某月月报：截止日、状态（missing/draft/submitted）、是否按时', querystring: Type.Object({ month: Month }) }, preHandler: staff }, async (req) => {
      return { month: req.query.month, items: await listMonthlyReports(ctx, ctx.db.kysely, currentUser(req), req.query.month) };
    });

    app.get(
      '/api/monthly-reports/grid',
      { schema: { tags: ['reports'], summary: '总部：营业部 × 月份 报送情况（on_time/late/missing/not_due）', querystring: Type.Object({ from: Month, to: Month }) }, preHandler: staff },
      async (req) => {
        const actor = currentUser(req);
        if (actor.unitKind !== 'hq') throw new AppError('FORBIDDEN', '仅经纪业务总部可查看各营业部报送情况');
        if (req.query.from > req.query.to) throw new AppError('VALIDATION', 'from: 起始月份不能晚于结束月份', { field: 'from' });
        return monthlyGrid(ctx, ctx.db.kysely, req.query.from, req.query.to);
      },
    );

    app.post(
      '/api/monthly-reports/:branchId/:month/submit',
      { schema: { tags: ['reports'], summary: '营业部报送月报（生成并存档文件，判定是否按时，配置邮件时发送总部）', params: Type.Object({ branchId: Type.String({ maxLength: 64 }), month: Month }) }, preHandler: authenticate(ctx, ['complaint_manager', 'branch_head']) },
      async (req) => {
        const actor = currentUser(req);
        // Render outside the transaction; store in a short one.
        const rendered = await renderMonthlySubmission({ ctx, db: ctx.db.kysely, actor, branchId: req.params.branchId, month: req.params.month });
        const result = await inTransaction(ctx, (trx) => submitMonthlyReport({ ctx, trx, actor, rendered }));
        const mail = await emailMonthlyReport(ctx, result);
        return { ...result.report, emailedTo: mail.emailedTo, ...(mail.emailError ? { emailError: mail.emailError } : {}) };
      },
    );

    app.get(
      '/api/monthly-reports/:branchId/:file',
      { schema: { tags: ['reports'], summary: '月报文件：/:branchId/YYYY-MM.xlsx 或 .pdf（已报送的返回报送时的存档）', params: Type.Object({ branchId: Type.String({ maxLength: 64 }), file: Type.String({ pattern: `${MONTH_PATTERN.slice(0, -1)}\\.(xlsx|pdf)$` }) }) }, preHandler: staff },
      async (req, reply) => {
        const [month, format] = req.params.file.split('.') as [string, 'xlsx' | 'pdf'];
        assertMonth(month);
        const f = await reportFile(ctx, ctx.db.kysely, currentUser(req), req.params.branchId, month, format);
        reply.header('x-report-snapshot', f.snapshot ? '1' : '0');
        if (f.snapshotErasedAt) reply.header('x-report-snapshot-erased', f.snapshotErasedAt);
        return sendFile(reply, f.body, format === 'xlsx' ? XLSX_TYPE : PDF_TYPE, `月报-${f.branch.code}-${month}.${format}`);
      },
    );
  };
}
