/** POST /api/imports/record-forms: import historical record forms from an XLSX (multipart field `file`, or the raw XLSX body). */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { invalid } from '../../../domain/errors.js';
import { authenticate, currentUser } from '../../../server/auth.js';
import type { AppContext } from '../../../server/context.js';
import { XLSX_TYPE } from '../shared/http.js';
import { importRecordForms, type ImportMode } from './record-form-import.js';

const MAX_BYTES = 20 * 1024 * 1024;

export function importRoutes(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    // Registered in this plugin's scope only, so other modules' body parsing is unaffected.
    await app.register(multipart, { limits: { fileSize: MAX_BYTES, files: 1, fields: 10 } });
    app.addContentTypeParser(XLSX_TYPE, { parseAs: 'buffer', bodyLimit: MAX_BYTES }, (_req, body, done) => done(null, body));

    app.post(
      '/api/imports/record-forms',
      {
        schema: {
          tags: ['reports'],
          summary: '导入历史记录表（XLSX，中文列名）；all_or_nothing：任一行有误则不导入；valid_only：只导入有效行',
          consumes: ['multipart/form-data', XLSX_TYPE],
          querystring: Type.Object({
            mode: Type.Optional(Type.Union([Type.Literal('all_or_nothing'), Type.Literal('valid_only')], { default: 'all_or_nothing' })),
            unit: Type.Optional(Type.String({ description: '受理单位 id 或代码（总部导入时必填；营业部为本营业部）' })),
          }),
        },
        preHandler: authenticate(ctx, ['complaint_manager', 'branch_head', 'hq_head']),
      },
      async (req) => {
        const actor = currentUser(req);
        let data: Buffer | null = null;
        if (req.isMultipart()) {
          const file = await req.file();
          if (!file || file.fieldname !== 'file') throw invalid('file', '请上传 Excel 文件（字段名 file）');
          data = await file.toBuffer();
        } else if (Buffer.isBuffer(req.body)) {
          data = req.body;
        }
        if (!data || data.length === 0) throw invalid('file', '请上传 Excel 文件（字段名 file）');
        return importRecordForms({ ctx, actor, data, unit: req.query.unit, mode: (req.query.mode ?? 'all_or_nothing') as ImportMode });
      },
    );
  };
}
