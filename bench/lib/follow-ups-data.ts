/**
 * The follow-ups of the cached customer data set (scenarios `follow-ups` and `reports`): n per
 * owned active customer on average, by its owner, over three years, each with its creation audit
 * row — added once, recorded in `bench_cache`.
 */
import type { DatasetMeta } from './customer-dataset.ts';
import type { BenchDatabase } from './database.ts';

const log = (msg: string) => console.log(`  ${msg}`);
const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

export type FollowUpMeta = {
  /** The generator's version: a data set built by an older one is built again. */
  version?: number;
  perCustomer: number;
  count: number;
  lastCustomerId: string | null;
  ready: boolean;
};

const CHUNK = 20_000;
/** 2: n on average per customer (version 1 made n − ½: 4.28M at 1M customers, not the 5M asked). */
const VERSION = 2;

/**
 * Adds `perCustomer` follow-ups on average to every owned active customer of the main tenant,
 * by their owner, over the three years before the data set's end, each with its creation audit
 * row — in chunks of customers committed with their progress, so an interrupted build resumes.
 */
export async function ensureFollowUps(bench: BenchDatabase, meta: DatasetMeta, perCustomer: number) {
  const [row] = await bench.raw<{ value: FollowUpMeta }>(
    "SELECT value FROM bench_cache WHERE key = 'follow-ups'",
  );
  let state = row?.value;
  if (state?.ready && state.perCustomer === perCustomer && state.version === VERSION)
    return { state, built: false };
  if (!state || state.perCustomer !== perCustomer || state.version !== VERSION) {
    // (their audit rows stay: the audit is append-only, and rows of deleted follow-ups are never read)
    await bench.raw('DELETE FROM follow_ups WHERE tenant_id = $1', [meta.main.id]);
    state = { version: VERSION, perCustomer, count: 0, lastCustomerId: null, ready: false };
  }
  const types = (
    await bench.raw<{ id: string }>(
      "SELECT id FROM dictionary_items WHERE tenant_id = $1 AND type = 'follow-up-type' ORDER BY sort_order",
      [meta.main.id],
    )
  ).map((r) => r.id);
  if (!types.length)
    throw new Error('the bench tenant has no follow-up-type dictionary (start the app once)');
  const t = performance.now();
  const end = new Date(meta.end).toISOString();
  for (;;) {
    const [last] = await bench.raw<{ id: string | null }>(
      `SELECT max(id::text)::uuid AS id FROM (SELECT id FROM customers
        WHERE tenant_id = $1 AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT ${CHUNK}) x`,
      [meta.main.id, state.lastCustomerId],
    );
    if (!last?.id) break;
    await bench.raw('BEGIN');
    try {
      // 0 … 2n follow-ups per customer (n on average), at hashed times over three years
      await bench.raw(
        `WITH chunk AS (
           SELECT id, tenant_id, owner_id FROM customers
            WHERE tenant_id = $1 AND ($2::uuid IS NULL OR id > $2) AND id <= $3
              AND owner_id IS NOT NULL AND deleted_at IS NULL AND state = 'active'),
         rows AS (
           SELECT gen_random_uuid() AS id, c.tenant_id, c.id AS customer_id, c.owner_id AS user_id, k,
                  $4::timestamptz - make_interval(secs => abs(hashtext(c.id::text || ':' || k)) % (1095 * 86400)) AS at
             FROM chunk c
             CROSS JOIN LATERAL generate_series(1, abs(hashtext(c.id::text)) % (2 * $5::int + 1)) k),
         ins AS (
           INSERT INTO follow_ups (id, tenant_id, created_at, updated_at, created_by, version, customer_id,
                                   user_id, type_id, occurred_at, content, custom_fields)
           SELECT id, tenant_id, at, at, user_id, 1, customer_id, user_id,
                  ($6::uuid[])[1 + k % cardinality($6::uuid[])], at,
                  '电话沟通了采购计划，客户关注价格与交期，约定下周上门演示', '{}'::jsonb
             FROM rows
           RETURNING id, tenant_id, user_id, created_at)
         INSERT INTO audit_logs (tenant_id, user_id, user_name, action, entity, entity_id, summary, changes, created_at)
         SELECT tenant_id, user_id, 'bench', 'create', 'follow-ups', id, NULL, '{}'::jsonb, created_at FROM ins`,
        [meta.main.id, state.lastCustomerId, last.id, end, perCustomer, `{${types.join(',')}}`],
      );
      const [{ n }] = await bench.raw<{ n: number }>(
        `SELECT count(*)::int AS n FROM follow_ups WHERE tenant_id = $1 AND ($2::uuid IS NULL OR customer_id > $2) AND customer_id <= $3`,
        [meta.main.id, state.lastCustomerId, last.id],
      );
      state.count += Number(n);
      state.lastCustomerId = last.id;
      await saveState(bench, state);
      await bench.raw('COMMIT');
    } catch (err) {
      await bench.raw('ROLLBACK').catch(() => {});
      throw err;
    }
    log(`follow-ups: ${state.count.toLocaleString('en-US')} (${secs(t)})`);
  }
  await bench.raw('VACUUM ANALYZE follow_ups');
  await bench.raw('VACUUM ANALYZE audit_logs');
  state.ready = true;
  await saveState(bench, state);
  log(`follow-ups ready: ${state.count.toLocaleString('en-US')} in ${secs(t)}`);
  return { state, built: true };
}

const saveState = (bench: BenchDatabase, state: FollowUpMeta) =>
  bench.raw(
    `INSERT INTO bench_cache (key, value) VALUES ('follow-ups', $1::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [JSON.stringify(state)],
  );
