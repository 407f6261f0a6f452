import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/** True while any process of the group is alive (signal 0 only checks). */
function groupAlive(pgid: number) {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

const groups: number[] = [];
afterAll(() => {
  for (const g of groups) if (groupAlive(g)) process.kill(-g, 'SIGKILL');
});

describe('npm start', () => {
  it('a SIGTERM to the npm process stops the compiled server within 10 s, exit 0, nothing left', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-npm-start-'));
    const port = await freePort();
    // its own process group: afterwards nothing of it may remain, whatever it started
    const npm = spawn('npm', ['start'], {
      cwd: root,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        GUANXI_DATA_DIR: dataDir,
        GUANXI_DEMO: '0',
        GUANXI_WEB_DIST: '/nonexistent', // the web build is another step of `npm test`
        LOG_LEVEL: 'info',
      },
    });
    groups.push(npm.pid!);
    let output = '';
    npm.stdout!.on('data', (d) => (output += d));
    npm.stderr!.on('data', (d) => (output += d));
    const exited = new Promise<number | string>((resolve) =>
      npm.on('exit', (code, signal) => resolve(code ?? signal ?? -1)),
    );

    for (let ready = false; !ready; ) {
      if (npm.exitCode !== null) throw new Error(`npm start ended before ready:\n${output}`);
      ready = await fetch(`http://127.0.0.1:${port}/readyz`)
        .then((r) => r.ok)
        .catch(() => false);
      if (!ready) await new Promise((r) => setTimeout(r, 200));
    }
    expect(output).toContain('is running');
    expect(output).toContain('exec node scripts/start.mjs');

    const sent = Date.now();
    process.kill(npm.pid!, 'SIGTERM');
    const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
    expect(code, output).toBe(0);
    expect(Date.now() - sent).toBeLessThan(10_000);
    expect(output).toContain('shutting down');
    // nothing of the group remains: no orphaned server, no build helper
    await new Promise((r) => setTimeout(r, 200));
    expect(groupAlive(npm.pid!)).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'guanxi.lock'))).toBe(false);
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 180_000);
});
