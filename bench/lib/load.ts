import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export type LoadRequest = {
  url: string;
  headers?: Record<string, string>;
  /** Concurrent keep-alive connections (10–20 on these machines). */
  connections: number;
  seconds: number;
  warmupSeconds: number;
};

export type LoadResult = {
  reqPerSec: number;
  /** Latency percentiles in ms over every response of the measured window. */
  p50: number;
  p95: number;
  requests: number;
  seconds: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  statuses: Record<string, number>;
};

const worker = fileURLToPath(new URL('./load-worker.ts', import.meta.url));

/**
 * Loads one URL with autocannon from a child process (the server keeps its own event loop) and
 * returns req/s and latency. Refuses anything but the loopback interface: benchmarks never
 * load another host.
 */
export function measureHttp(req: LoadRequest): Promise<LoadResult> {
  const host = new URL(req.url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '[::1]') {
    return Promise.reject(new Error(`measureHttp loads loopback addresses only, not ${host}`));
  }
  return new Promise((resolve, reject) => {
    // The child inherits this process's execArgv, i.e. tsx's loader, so it can be TypeScript.
    const child = fork(worker, [JSON.stringify(req)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: LoadResult | undefined;
    child.on('message', (m) => {
      result = m as LoadResult;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (result && code === 0) resolve(result);
      else reject(new Error(`load generator exited with ${code} for ${req.url}`));
    });
  });
}
