/**
 * Attachments plugin. Multipart parsing is registered inside this plugin's own
 * encapsulated scope, so the JSON routes of other modules never accept
 * multipart bodies.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { AppContext } from '../../server/context.js';
import { attachmentRoutes, STAFF_UPLOAD } from './attachments.routes.js';

/** Multipart defaults; each route passes its own stricter limits when it reads the parts. */
export function multipartOptions(limits: { maxFiles: number; maxBytes: number }) {
  return {
    // Too-large files are reported by the route (400 naming the field), not thrown mid-stream.
    throwFileSizeLimit: false,
    limits: { files: limits.maxFiles, fileSize: limits.maxBytes, fields: 20, fieldSize: 10_000, parts: limits.maxFiles + 20 },
  };
}

export function attachmentsPlugin(ctx: AppContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    await app.register(multipart, multipartOptions(STAFF_UPLOAD));
    await app.register(attachmentRoutes(ctx));
  };
}
