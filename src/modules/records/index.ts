/** Route plugin of this module: 记录表输出、月报、季度分析、归档、销毁、导入. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';

export function recordsPlugin(_ctx: AppContext) {
  return async (_app: FastifyInstance): Promise<void> => {};
}
