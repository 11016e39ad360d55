/** The one error handler: AppError codes and Fastify's validation errors become clear JSON; nothing a client sends yields a 500. */
import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError } from '../domain/errors.js';

export interface ErrorBody {
  error: string;
  message: string;
  field?: string;
  details?: Record<string, unknown>;
}

function fieldOfValidation(err: FastifyError): string | undefined {
  const v = err.validation?.[0];
  if (!v) return undefined;
  const params = v.params as Record<string, unknown>;
  const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const missing = typeof params.missingProperty === 'string' ? params.missingProperty : undefined;
  const extra = typeof params.additionalProperty === 'string' ? params.additionalProperty : undefined;
  const leaf = missing ?? extra;
  return [path, leaf].filter(Boolean).join('.') || err.validationContext;
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    if (err instanceof AppError) {
      const body: ErrorBody = { error: err.code, message: err.message, field: err.field, details: err.details };
      return reply.status(err.status).send(body);
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const field = fieldOfValidation(fe);
      return reply.status(400).send({ error: 'VALIDATION', message: `${field ?? 'body'}: ${fe.validation[0]?.message ?? fe.message}`, field } satisfies ErrorBody);
    }
    const pgCode = (err as { code?: unknown }).code;
    if (pgCode === '22021' || pgCode === '22P05' || pgCode === '22001') {
      // Text PostgreSQL cannot store (a NUL byte, a bad encoding, too long): the client's input, not our fault.
      return reply.status(400).send({ error: 'VALIDATION', message: '输入包含无法保存的字符或过长' } satisfies ErrorBody);
    }
    if (err instanceof RangeError) {
      // Dates outside the calendars' supported range arrive here from query strings and bodies.
      return reply.status(400).send({ error: 'VALIDATION', message: err.message } satisfies ErrorBody);
    }
    if (pgCode === '40P01' || pgCode === '40001') {
      // A serialisation conflict is the client's to retry, not a server fault.
      return reply.status(409).send({ error: 'CONFLICT', message: '并发冲突，请重试' } satisfies ErrorBody);
    }
    if (fe.statusCode === 429) return reply.status(429).send({ error: 'RATE_LIMITED', message: '请求过于频繁，请稍后再试' });
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return reply.status(fe.statusCode).send({ error: fe.code ?? 'BAD_REQUEST', message: fe.message });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: 'INTERNAL', message: '服务器内部错误' });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ error: 'NOT_FOUND', message: `${req.method} ${req.url} 不存在` });
  });
}
