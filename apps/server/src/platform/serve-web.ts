import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Vite names every file under assets/ after its content: a new release means new names. */
const HASHED = 'public, max-age=31536000, immutable';
/** Same name in every release: the browser asks each time (a cheap 304 when unchanged). */
const REVALIDATE = 'no-cache';
/** Anything else the build copies from public/ (icons): an hour. */
const OTHER = 'public, max-age=3600';

/**
 * Cache policy of a file of the built web app, by its path inside it. The service worker
 * (`sw.js`, `workbox-*.js`), the web manifest and `index.html` must never be served stale from
 * the HTTP cache, or a new release would not reach the browser.
 */
export function cacheControlFor(file: string): string {
  const name = file.split(path.sep).join('/');
  if (name.startsWith('assets/')) return HASHED;
  if (
    name === 'index.html' ||
    name === 'sw.js' ||
    name === 'manifest.webmanifest' ||
    /^workbox-[\w-]+\.js$/.test(name)
  ) {
    return REVALIDATE;
  }
  return OTHER;
}

/** The built web app, with index.html for client-side routes; API misses stay JSON 404s. */
export async function serveWeb(app: FastifyInstance, dist: string) {
  const index = path.join(dist, 'index.html');
  if (!fs.existsSync(index)) return;
  await app.register(fastifyStatic, {
    root: dist,
    wildcard: false,
    index: false,
    cacheControl: false,
    // the build writes assets/*.gz (apps/web/build/precompress.ts): sent as they are to browsers
    // that accept gzip, so the JavaScript is not sent uncompressed
    preCompressed: true,
    setHeaders: (reply, file) => reply.header('cache-control', cacheControlFor(path.relative(dist, file))),
  });
  const html = fs.readFileSync(index, 'utf8');
  app.get('/*', { schema: { hide: true }, config: { public: true } }, async (request, reply) => {
    const file = request.url.split('?')[0];
    if (file.startsWith('/api/') || path.extname(file)) {
      return reply.status(404).send({ code: 'NOT_FOUND', message: 'Not found' });
    }
    return reply.type('text/html').header('cache-control', REVALIDATE).send(html);
  });
}
