/**
 * Scenario `web`: the JavaScript a browser loads for the first view of the login page and of the
 * desk home, computed from the built web app (apps/web/dist, `build.manifest`) by the same code
 * the build prints with (apps/web/build/first-load.ts), against the goals: 350 and 600 kB gzip.
 *
 * `--browser` also opens both routes in Chromium and counts the scripts it actually fetched, and
 * the bytes the server sent for them (its precompressed gzip copies, see apps/web/build/precompress.ts).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Me } from '@guanxi/contract';
import Fastify from 'fastify';
import { chromium } from 'playwright-core';
import { serveWeb } from '../../apps/server/src/platform/serve-web.ts';
import { type FirstLoad, KB, measureFirstLoad } from '../../apps/web/build/first-load.ts';
import { writeResults } from '../lib/results.ts';
import { table } from '../lib/stats.ts';

export const description =
  'Web: JS of the first load of the login page and the desk home, from the built assets (goals 350 / 600 kB gzip)';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} kB`;

export async function run(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      dist: { type: 'string', default: path.join(root, 'apps/web/dist') },
      build: { type: 'boolean', default: false },
      files: { type: 'boolean', default: false },
      browser: { type: 'boolean', default: false },
    },
  });
  const dist = path.resolve(values.dist);
  if (values.build || !fs.existsSync(path.join(dist, '.vite/manifest.json'))) {
    console.log('Building the web app…');
    const built = spawnSync('npm', ['run', 'build', '-w', 'apps/web'], { cwd: root, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('the web build failed');
  }

  const results = measureFirstLoad(dist);
  console.log(`\nBuilt app: ${dist} (kB = 1,000 bytes; gzip at zlib's default level)\n`);
  console.log(
    table(
      ['route', 'path', 'files', 'raw', 'gzip', 'goal (gzip)', ''],
      results.map((r) => [
        r.name,
        r.path,
        String(r.files.length),
        kb(r.raw),
        kb(r.gzip),
        `≤ ${r.goalKb} kB`,
        r.pass ? 'PASS' : 'FAIL',
      ]),
    ),
  );
  if (values.files) for (const r of results) printFiles(r);

  const browser = values.browser ? await countInBrowser(dist, results) : undefined;
  const file = writeResults('web', { dist, results, browser });
  console.log(`\nResults: ${path.relative(root, file)}`);
}

function printFiles(r: FirstLoad) {
  console.log(`\n${r.name} (${r.path}), largest first:`);
  const rows = [...r.files].sort((a, b) => b.gzip - a.gzip).map((f) => [f.file, kb(f.raw), kb(f.gzip)]);
  console.log(table(['file', 'raw', 'gzip'], rows));
}

/**
 * Opens both routes in Chromium against the built app and adds up the scripts the page fetched.
 * The desk home needs a signed-in user: the API's answers are canned (only the code that loads
 * is measured, not the data). Without a service worker, whose precache would fetch everything.
 */
async function countInBrowser(dist: string, computed: FirstLoad[]) {
  const server = Fastify();
  await serveWeb(server, dist);
  const url = await server.listen({ host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const counted = [];
  try {
    for (const route of computed) {
      const context = await browser.newContext({ baseURL: url, serviceWorkers: 'block', locale: 'zh-CN' });
      await context.route('**/api/**', (r) =>
        r.request().url().endsWith('/api/v1/auth/me')
          ? r.fulfill({ json: cannedMe })
          : r.fulfill({ json: {} }),
      );
      const page = await context.newPage();
      const scripts = new Map<string, { body: Promise<Buffer>; sent: Promise<number> }>();
      page.on('response', (res) => {
        if (res.request().resourceType() !== 'script') return;
        const sent = res.finished().then(async () => (await res.request().sizes()).responseBodySize);
        scripts.set(new URL(res.url()).pathname, { body: res.body(), sent });
      });
      await page.goto(route.path, { waitUntil: 'networkidle' });
      const bodies = await Promise.all(
        [...scripts].map(async ([file, s]) => ({ file, body: await s.body, sent: await s.sent })),
      );
      const raw = bodies.reduce((sum, b) => sum + b.body.length, 0);
      const gzip = bodies.reduce((sum, b) => sum + gzipSync(b.body).length, 0);
      const sent = bodies.reduce((sum, b) => sum + b.sent, 0);
      const fetched = new Set(bodies.map((b) => b.file.replace(/^\//, '')));
      const expected = new Set(route.files.map((f) => f.file));
      const missing = [...expected].filter((f) => !fetched.has(f));
      const extra = [...fetched].filter((f) => !expected.has(f));
      counted.push({ route: route.name, files: fetched.size, raw, gzip, sent, missing, extra });
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log('\nChromium, scripts fetched on a first visit:\n');
  console.log(
    table(
      ['route', 'files', 'raw', 'gzip', 'sent by the server', 'same files as computed'],
      counted.map((c) => [
        c.route,
        String(c.files),
        kb(c.raw),
        kb(c.gzip),
        kb(c.sent),
        c.missing.length + c.extra.length === 0
          ? 'yes'
          : `no: ${c.missing.length} not fetched, ${c.extra.length} more (${[...c.missing, ...c.extra].join(', ')})`,
      ]),
    ),
  );
  return counted;
}

/** `GET /auth/me` of a signed-in admin, for the auth gate and the layout to render the desk home. */
const now = new Date().toISOString();
const cannedMe: Me = {
  user: {
    id: '1',
    version: 1,
    createdAt: now,
    updatedAt: now,
    username: 'admin',
    name: '系统管理员',
    departmentId: '1',
    departmentName: '本部',
    supervisorId: null,
    supervisorName: null,
    jobTitle: null,
    status: 'active',
    roleIds: ['1'],
    roleNames: ['系统管理员'],
    totpEnabled: false,
    mustChangePassword: false,
    lastLoginAt: now,
  },
  tenant: {
    id: '1',
    code: 'bench',
    name: '基准测试公司',
    timezone: 'Asia/Shanghai',
    employeeCodePattern: '',
  },
  permissions: [],
  dataScopes: {},
  fieldPermissions: {},
  csrfToken: 'bench',
  totpEnrolmentRequired: false,
};
