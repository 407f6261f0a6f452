import { fork } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../../apps/server/src/main.ts', import.meta.url));

/** A port nothing listens on right now (the server binds it a moment later). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export type ServerProcess = {
  url: string;
  pid: number;
  /** Resident memory now, in MB (from /proc). */
  rssMb(): number;
  /** Stops it the way an operator does (SIGTERM), waits for the exit. */
  stop(): Promise<void>;
};

/**
 * The real server (`apps/server/src/main.ts`, what `npm start` runs) in its own process, so that
 * its memory is measured alone and the measuring client never shares its event loop. `env` is
 * its configuration (DATABASE_URL or GUANXI_DATA_DIR …); its log goes to `logFile`.
 */
export async function startServer(env: Record<string, string>, logFile: string): Promise<ServerProcess> {
  const port = await freePort();
  const log = fs.openSync(logFile, 'a');
  // the child inherits tsx's loader from this process's execArgv, so it runs the TypeScript source
  const child = fork(main, [], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', log, log, 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 600_000; // migrations and statistics on a big data set take a while
  for (;;) {
    const early = await Promise.race([exited, new Promise((r) => setTimeout(r, 500, 'wait'))]);
    if (early !== 'wait')
      throw new Error(`the server exited (${String(early)}) while starting; see ${logFile}`);
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not become ready; see ${logFile}`);
    }
  }
  const pid = child.pid!;
  return {
    url,
    pid,
    rssMb() {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
      return kb / 1024;
    },
    async stop() {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
      fs.closeSync(log);
    },
  };
}
