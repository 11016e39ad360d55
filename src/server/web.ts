/**
 * Serves the built web app (web/dist) with an SPA fallback: any GET that is
 * not under /api and is not a file answers with index.html, so deep links
 * such as /complaints/:id or /portal/track work after a reload. When the
 * build is missing (fresh checkout, `npm start`), it is built once first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Where `vite build` puts the app (see vite.config.ts). */
export const WEB_DIST = join(ROOT, 'web', 'dist');

/** Build the web app synchronously when its index.html is missing; returns whether a build exists afterwards. */
export function ensureWebBuild(dist = WEB_DIST): boolean {
  if (existsSync(join(dist, 'index.html'))) return true;
  if (!existsSync(join(ROOT, 'web', 'index.html'))) return false;
  console.log('[web] 未找到前端构建产物，正在执行 vite build（仅首次）…');
  const r = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) console.error('[web] 前端构建失败，仅提供 API');
  return existsSync(join(dist, 'index.html'));
}

export function webPlugin(_ctx: AppContext, opts: { dist?: string } = {}) {
  return async (app: FastifyInstance): Promise<void> => {
    const dist = opts.dist ?? WEB_DIST;
    if (!ensureWebBuild(dist)) return;
    await app.register(fastifyStatic, {
      root: dist,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      // vite.config.ts writes .br/.gz beside each asset; clients that accept them get the small file.
      preCompressed: true,
      // Hashed assets never change; index.html must always be revalidated.
      setHeaders(reply, path) {
        reply.header('Cache-Control', path.includes(join(dist, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    // A catch-all route rather than a not-found handler: the root context already owns that handler.
    app.get('/*', { schema: { hide: true } }, (req, reply) => {
      const path = req.url.split('?')[0];
      if (path.startsWith('/api/') || path.startsWith('/assets/')) {
        return reply.status(404).send({ error: 'NOT_FOUND', message: `${req.method} ${req.url} 不存在` });
      }
      return reply.type('text/html').header('Cache-Control', 'no-cache').sendFile('index.html');
    });
  };
}
