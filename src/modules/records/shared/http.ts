/** Sending generated files from routes. */
import type { FastifyReply } from 'fastify';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_TYPE = 'application/pdf';
export const ZIP_TYPE = 'application/zip';

/** Send a file download; the Chinese filename goes in the RFC 5987 form with an ASCII fallback. */
export function sendFile(reply: FastifyReply, body: Buffer, type: string, filename: string): Buffer {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '');
  reply.header('content-type', type);
  reply.header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`);
  return body;
}
