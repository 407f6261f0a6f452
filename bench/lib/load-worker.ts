/**
 * Child process of `measureHttp` (lib/load.ts): runs autocannon against one URL and sends back
 * its own p50/p95 over every response. Kept out of the server's process so the load generator
 * does not share the event loop it is measuring.
 */
import autocannon from 'autocannon';
import type { LoadRequest, LoadResult } from './load.ts';
import { summarise } from './stats.ts';

async function main() {
  const req = JSON.parse(process.argv[2]) as LoadRequest;
  const base = { url: req.url, connections: req.connections, headers: req.headers, timeout: 10 };
  if (req.warmupSeconds > 0) await autocannon({ ...base, duration: req.warmupSeconds });

  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const instance = autocannon({ ...base, duration: req.seconds });
  instance.on('response', (_client, status, _bytes, ms) => {
    latencies.push(ms);
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  const result = await instance;
  const seconds = result.duration || req.seconds;
  const s = summarise(latencies, seconds);
  const out: LoadResult = {
    reqPerSec: s.perSec,
    p50: s.p50,
    p95: s.p95,
    requests: s.count,
    seconds,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statuses,
  };
  process.send!(out, () => process.exit(0));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
