/**
 * Route plugin of this module: 客户在线投诉与进度查询, plus the attachments
 * module's routes. The two multipart scopes (customer and staff uploads) are
 * encapsulated here, so multipart parsing never reaches other modules' JSON routes.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../server/context.js';
import { attachmentsPlugin, multipartOptions } from '../attachments/index.js';
import { CUSTOMER_UPLOAD, portalUploadRoutes } from './portal-upload.routes.js';
import { portalRoutes } from './portal.routes.js';

export function portalPlugin(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(portalRoutes(ctx));
    await app.register(async (scope) => {
      await scope.register(multipart, multipartOptions(CUSTOMER_UPLOAD));
      await scope.register(portalUploadRoutes(ctx));
    });
    await app.register(attachmentsPlugin(ctx));
  };
}
