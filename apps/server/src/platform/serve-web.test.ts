import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/test-app.ts';

// A small built web app: what `vite build` writes, with the names it gives.
const files: Record<string, string> = {
  'index.html':
    '<!doctype html><html><head><title>关系</title></head><body><div id="root"></div></body></html>',
  'assets/index-BcX81mQe.js': 'console.log("app")',
  'assets/index-DT-4ys9b.css': 'body{margin:0}',
  'sw.js': 'self.addEventListener("fetch", () => {})',
  'workbox-2fbc6a65.js': 'define([], () => {})',
  'manifest.webmanifest': '{"name":"关系 · Guanxi CRM","short_name":"关系"}',
  'icons/icon-192.png': 'not really a png',
};

let ctx: TestContext;
let dist: string;

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-web-'));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dist, name)), { recursive: true });
    fs.writeFileSync(path.join(dist, name), content);
  }
  // what the build writes beside each hashed asset
  fs.writeFileSync(
    path.join(dist, 'assets/index-BcX81mQe.js.gz'),
    gzipSync(files['assets/index-BcX81mQe.js']),
  );
  ctx = await createTestContext({ webDist: dist });
});
afterAll(async () => {
  await ctx?.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

const get = (url: string) => ctx.app.inject({ method: 'GET', url });

describe('the built web app', () => {
  it('serves hashed assets as immutable for a year', async () => {
    for (const url of ['/assets/index-BcX81mQe.js', '/assets/index-DT-4ys9b.css']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('public, max-age=31536000, immutable');
    }
    expect((await get('/assets/index-BcX81mQe.js')).headers['content-type']).toMatch(/javascript/);
  });

  it('has the browser revalidate index.html, the service worker, its runtime and the web manifest', async () => {
    for (const url of ['/index.html', '/sw.js', '/workbox-2fbc6a65.js', '/manifest.webmanifest']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
    }
    expect((await get('/manifest.webmanifest')).headers['content-type']).toMatch(
      /^application\/manifest\+json/,
    );
    expect((await get('/sw.js')).headers['content-type']).toMatch(/javascript/);
  });

  it('answers client-side routes with index.html, not cached', async () => {
    for (const url of ['/', '/login', '/customers/42?tab=contacts', '/roles/new']) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.body, url).toContain('<div id="root">');
    }
  });

  it('keeps API misses and unknown files as 404s (a missing chunk is not answered with the app)', async () => {
    for (const url of [
      '/api/v1/no-such-thing',
      '/api/nothing',
      '/assets/index-gone1234.js',
      '/favicon.ico',
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json(), url).toMatchObject({ code: 'NOT_FOUND' });
    }
  });

  it('sends the gzipped copy of an asset to a browser that accepts gzip, the file itself to others', async () => {
    const url = '/assets/index-BcX81mQe.js';
    const zipped = await ctx.app.inject({
      method: 'GET',
      url,
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toMatch(/javascript/);
    expect(zipped.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(zipped.headers.vary).toMatch(/accept-encoding/i);
    expect(gunzipSync(zipped.rawPayload).toString()).toBe(files[url.slice(1)]);

    const plain = await ctx.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(files[url.slice(1)]);
  });

  it('lets other files of public/ (icons) be cached for an hour', async () => {
    const res = await get('/icons/icon-192.png');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
  });
});
