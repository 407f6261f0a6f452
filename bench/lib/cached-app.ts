import { buildApp, modules } from '../../apps/server/src/app.ts';
import { bootstrap } from '../../apps/server/src/bootstrap.ts';
import { testConfig } from '../../apps/server/src/config.ts';
import type { BenchDatabase } from './database.ts';
import { address } from './session.ts';

/**
 * The real app on a cached data set, listening on 127.0.0.1: bootstrapped once so the tenants have
 * every table, dictionary, stage and role grant of the current modules (no demo), with the heavy
 * read limits out of the way of the measurements. Close it when done.
 */
export async function startAppOn(cached: BenchDatabase) {
  const config = Object.assign(testConfig({ logLevel: 'silent', webDist: '/nonexistent' }), {
    heavyReads: { inFlight: 1000, perMinute: 100_000 },
  });
  const app = await buildApp({ db: cached.database.db, config });
  try {
    await bootstrap(cached.database.db, modules, { demo: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
  } catch (err) {
    await app.close();
    throw err;
  }
  return { app, url: address(app) };
}
