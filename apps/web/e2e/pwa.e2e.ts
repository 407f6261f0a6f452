import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newPage, snap, type ViewportName, viewports } from './browser.ts';
import { signIn } from './flows.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(() => browser?.close());

/** Waits until the page's service worker is activated and controls the page. */
async function serviceWorkerActive(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active!;
    if (worker.state !== 'activated') {
      await new Promise((resolve) => worker.addEventListener('statechange', resolve));
    }
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
    }
    return worker.state;
  });
}

/** Width and height from a PNG's header. */
function pngSize(png: Buffer): string {
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  return `${png.readUInt32BE(16)}x${png.readUInt32BE(20)}`;
}

for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
  describe(`installable app (${viewport})`, () => {
    it('links a valid web manifest whose icons exist, activates its service worker and opens offline', async () => {
      const { context, page } = await newPage(browser, viewport);
      await page.goto('/login');
      await page.getByRole('button', { name: '登录' }).waitFor();

      const href = await page.locator('link[rel="manifest"]').getAttribute('href');
      expect(href).toBeTruthy();
      const answer = await page.request.get(href!);
      expect(answer.ok()).toBe(true);
      const manifest = await answer.json();
      expect(manifest).toMatchObject({
        name: '关系 · Guanxi CRM',
        short_name: '关系',
        start_url: '/',
        display: 'standalone',
      });
      expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
      const icons = manifest.icons as { src: string; sizes: string; type: string; purpose?: string }[];
      expect(icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
      expect(icons.some((i) => i.purpose === 'maskable')).toBe(true);
      for (const icon of icons) {
        const png = await page.request.get(icon.src);
        expect(png.headers()['content-type'], icon.src).toBe('image/png');
        expect(pngSize(await png.body()), icon.src).toBe(icon.sizes);
      }

      expect(await serviceWorkerActive(page)).toBe('activated');

      // the server's own pages are never answered with the app, even with the service worker in control
      const api = await page.goto('/api/openapi.json');
      expect(api?.headers()['content-type']).toMatch(/application\/json/);

      await context.setOffline(true);
      await page.goto('/login');
      await page.getByRole('button', { name: '登录' }).waitFor();
      expect(await page.getByLabel('用户名', { exact: true }).isVisible()).toBe(true);
      await snap(page, `offline-login-${viewport}`);
      // any page of the app opens too; without the network its data cannot load, and it says so
      await page.goto('/customers');
      await page.getByText('数据加载失败').waitFor();
      const apiOffline = await page.evaluate(() =>
        fetch('/api/v1/auth/me').then(
          (r) => r.headers.get('content-type'),
          () => 'network error',
        ),
      );
      expect(apiOffline).toBe('network error');
      await context.setOffline(false);
      await context.close();
    });
  });
}

/**
 * The JS the entry needs (index.html's script and modulepreloads): everything else is a lazy
 * chunk that the journeys below slow down or break.
 */
async function entryScripts(page: Page): Promise<Set<string>> {
  const html = await (await page.request.get('/')).text();
  return new Set([...html.matchAll(/(?:src|href)="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]));
}

async function lazyChunks(context: BrowserContext, entry: Set<string>, handle: 'delay' | 'fail') {
  await context.route('**/assets/*.js', async (route) => {
    if (entry.has(new URL(route.request().url()).pathname)) return route.continue();
    if (handle === 'fail') return route.abort('internetdisconnected');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    return route.continue();
  });
}

describe('lazy pages', () => {
  // without a service worker, so that every request goes through the routes below
  const open = async (viewport: ViewportName) => {
    const context = await browser.newContext({
      baseURL: inject('baseURL'),
      viewport: viewports[viewport],
      locale: 'zh-CN',
      serviceWorkers: 'block',
    });
    return { context, page: await context.newPage() };
  };

  it('shows a spinner while a page loads, inside the layout', async () => {
    const { context, page } = await open('desktop');
    await signIn(page, 'admin', inject('adminPassword'));
    await page.getByRole('button', { name: /^账户：/ }).waitFor();
    await lazyChunks(context, await entryScripts(page), 'delay');
    await page.getByRole('menuitem', { name: '用户' }).click();
    await page.getByText('加载中…').waitFor();
    await snap(page, 'loading-page-desktop');
    await page.getByRole('heading', { name: '用户' }).waitFor();
    await context.close();
  });

  for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
    it(`offers a reload when a page's code cannot be fetched (${viewport})`, async () => {
      const { context, page } = await open(viewport);
      await lazyChunks(context, await entryScripts(page), 'fail');
      await page.goto('/login');
      await page.getByText('页面加载失败').waitFor();
      await snap(page, `chunk-error-${viewport}`);
      await context.unrouteAll();
      await page.getByRole('button', { name: '重新加载' }).click();
      await page.getByRole('button', { name: '登录' }).waitFor();
      await context.close();
    });
  }
});

// ---------------------------------------------------------------------------------------------
// A new release: a server of our own on a copy of the built app, whose sw.js the test changes.

const root = path.resolve(import.meta.dirname, '../../..');
let server: ChildProcess | undefined;
let serverDir = '';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

async function startServer(): Promise<string> {
  serverDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-pwa-'));
  fs.cpSync(path.join(root, 'apps/web/dist'), path.join(serverDir, 'web'), { recursive: true });
  const port = await freePort();
  let output = '';
  server = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      GUANXI_DATA_DIR: path.join(serverDir, 'data'),
      GUANXI_WEB_DIST: path.join(serverDir, 'web'),
      GUANXI_ADMIN_PASSWORD: 'PwaChief123',
      GUANXI_DEMO: '0',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d) => (output += d));
  server.stderr?.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    if (
      await fetch(`${url}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return url;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start:\n${output}`);
}

describe('a new version', () => {
  let baseURL: string;
  beforeAll(async () => {
    baseURL = await startServer();
  });
  afterAll(async () => {
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server!.once('exit', r));
    }
    fs.rmSync(serverDir, { recursive: true, force: true });
  });

  for (const viewport of ['desktop', 'phone'] as ViewportName[]) {
    it(`is announced with a reload button, which switches to it (${viewport})`, async () => {
      const context = await browser.newContext({ baseURL, viewport: viewports[viewport], locale: 'zh-CN' });
      const page = await context.newPage();
      await page.goto('/login');
      await page.getByRole('button', { name: '登录' }).waitFor();
      await serviceWorkerActive(page);
      expect(await page.getByText('有新版本').count()).toBe(0);

      // a release: the service worker changes on the server; the page looks for it (hourly, or now)
      fs.appendFileSync(path.join(serverDir, 'web/sw.js'), `\n// release ${viewport} ${Date.now()}\n`);
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      const prompt = page.getByRole('alert').filter({ hasText: '有新版本' });
      await prompt.waitFor();
      await snap(page, `update-prompt-${viewport}`);

      await Promise.all([
        page.waitForEvent('load'),
        prompt.getByRole('button', { name: '重新加载' }).click(),
      ]);
      await page.getByRole('button', { name: '登录' }).waitFor();
      const registration = await page.evaluate(async () => {
        const r = await navigator.serviceWorker.getRegistration();
        return { active: r?.active?.state, waiting: Boolean(r?.waiting) };
      });
      expect(registration).toEqual({ active: 'activated', waiting: false });
      expect(await page.getByText('有新版本').count()).toBe(0);
      await context.close();
    });
  }
});
