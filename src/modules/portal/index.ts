/** Route plugin of this module: 客户在线投诉与进度查询. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';

export function portalPlugin(_ctx: AppContext) {
  return async (_app: FastifyInstance): Promise<void> => {};
}
