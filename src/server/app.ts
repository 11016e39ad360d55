/** Assemble the Fastify application from its modules. */
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { authRoutes } from '../modules/auth/auth.routes.js';
import { complaintRoutes } from '../modules/complaints/complaints.routes.js';
import { orgRoutes } from '../modules/org/org.routes.js';
import { settingsRoutes } from '../modules/settings/settings.routes.js';
import { refreshSettingsIfStale } from '../modules/settings/settings.js';
import { calendarPlugin } from '../modules/calendar/index.js';
import { portalPlugin } from '../modules/portal/index.js';
import { recordsPlugin } from '../modules/records/index.js';
import { webPlugin } from './web.js';
import { invalid } from '../domain/errors.js';
import type { AppContext } from './context.js';
import { installErrorHandler } from './errors.js';

export interface AppOptions {
  logger?: boolean;
  /** Serve the built web app (off in API tests). */
  web?: boolean;
}

function hasNul(v: unknown, depth = 0): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (depth > 20 || v === null || typeof v !== 'object') return false;
  return Object.entries(v as Record<string, unknown>).some(([k, x]) => k.includes('\u0000') || hasNul(x, depth + 1));
}

export async function buildApp(ctx: AppContext, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    // Behind a load balancer, TRUST_PROXY (addresses or CIDRs, comma-separated) lets rate limits see the customer's address.
    trustProxy: process.env.TRUST_PROXY ? process.env.TRUST_PROXY.split(',').map((s) => s.trim()) : false,
    bodyLimit: 20 * 1024 * 1024,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();
  installErrorHandler(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: '客户投诉处理系统 API', description: 'Customer complaint handling system for a securities brokerage', version: '0.1.0' },
      tags: [{ name: 'auth' }, { name: 'complaints' }, { name: 'org' }, { name: 'calendar' }, { name: 'reports' }, { name: 'portal' }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (req) => {
    if (req.url.startsWith('/api/')) await refreshSettingsIfStale(ctx);
    if (req.url.includes('%00')) throw invalid('query', '参数不能包含 NUL 字符');
  });
  // No text field anywhere may carry a NUL character: PostgreSQL cannot store it and it has no meaning here.
  app.addHook('preValidation', async (req) => {
    if (req.body !== undefined && typeof req.body === 'object' && req.body !== null && !Buffer.isBuffer(req.body) && hasNul(req.body)) {
      throw invalid('body', '内容不能包含 NUL 字符');
    }
  });

  app.get('/api/health', { schema: { tags: ['org'], summary: '健康检查' } }, async () => {
    await ctx.db.kysely.selectFrom('units').select('id').limit(1).execute();
    return { status: 'ok', database: ctx.db.dialect };
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(authRoutes(ctx));
  await app.register(orgRoutes(ctx));
  await app.register(complaintRoutes(ctx));
  await app.register(settingsRoutes(ctx));
  await app.register(calendarPlugin(ctx));
  await app.register(recordsPlugin(ctx));
  await app.register(portalPlugin(ctx));
  if (opts.web) await app.register(webPlugin(ctx));
  return app;
}
