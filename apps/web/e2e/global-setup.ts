import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    adminPassword: string;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const ADMIN_PASSWORD = 'E2eChief123'; // not containing "admin": the policy refuses a password with the username in it

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

async function waitFor(url: string, child: ChildProcess, log: () => string) {
  // up to 5 minutes: the first start seeds the demo company, slow on a loaded 2-core machine
  for (let i = 0; i < 1500; i++) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${log()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start:\n${log()}`);
}

/** Starts `apps/server` with the demo company on a fresh data dir; the web app must be built. */
export default async function setup(project: TestProject) {
  if (!fs.existsSync(path.join(root, 'apps/web/dist/index.html'))) {
    throw new Error('Build the web app first: npm run build -w apps/web');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-e2e-'));
  // the server reads the web app once at start: a copy keeps a rebuild during the run (another
  // checkout user's `npm run build`) from pulling the assets from under the open pages
  const webDist = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-e2e-web-'));
  fs.cpSync(path.join(root, 'apps/web/dist'), webDist, { recursive: true });
  const port = await freePort();
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/server/src/main.ts')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      GUANXI_DATA_DIR: dataDir,
      GUANXI_WEB_DIST: webDist,
      GUANXI_ADMIN_PASSWORD: ADMIN_PASSWORD,
      GUANXI_LOGIN_IP_LIMIT: '1000',
      // the webhooks journey's receiver listens on 127.0.0.1
      GUANXI_WEBHOOK_ALLOW_PRIVATE: '1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const baseURL = `http://127.0.0.1:${port}`;
  await waitFor(`${baseURL}/readyz`, child, () => output);
  project.provide('baseURL', baseURL);
  project.provide('adminPassword', ADMIN_PASSWORD);
  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(webDist, { recursive: true, force: true });
  };
}
