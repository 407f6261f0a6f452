import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** `npm start` as a user runs it: the real process on a data directory. */
function start(dataDir: string, port: number, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'main.ts')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      GUANXI_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  const ready = async () => {
    // up to 150 s: the first start seeds the demo company, which takes several times its usual
    // ~10 s when the whole suite runs beside it on two cores (90 s once ran out)
    for (let i = 0; i < 1500; i++) {
      if (output.includes('is running')) return output;
      if (child.exitCode !== null) throw new Error(output);
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`not ready:\n${output}`);
  };
  return { child, ready, exited, output: () => output };
}

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill('SIGKILL');
});

describe('npm start on the embedded database', () => {
  it('seeds once and prints the admin login; a restart keeps the data; a second process on the same data dir refuses', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'guanxi-main-'));
    const port = 20000 + Math.floor(Math.random() * 20000);
    const first = start(dataDir, port);
    children.push(first.child);
    const banner = await first.ready();
    expect(banner).toContain(`http://localhost:${port}`);
    const password = banner.match(/Admin login: admin \/ (\S+)/)![1];
    expect(password).toMatch(/^(?=.*[a-zA-Z])(?=.*\d).{12}$/);

    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(login.status).toBe(200);
    expect((await login.json()).user.mustChangePassword).toBe(true);

    const second = start(dataDir, port + 1);
    children.push(second.child);
    expect(await second.exited).toBe(2);
    expect(second.output()).toContain('in use by another Guanxi process');

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'guanxi.lock'))).toBe(false);

    const again = start(dataDir, port + 2);
    children.push(again.child);
    const banner2 = await again.ready();
    expect(banner2).toContain('password set on first start');
    expect(banner2).not.toContain(password);
    const relogin = await fetch(`http://127.0.0.1:${port + 2}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    expect(relogin.status).toBe(200);
    again.child.kill('SIGTERM');
    await again.exited;
    fs.rmSync(dataDir, { recursive: true, force: true });
  }, 400_000);
});
