/**
 * Data added once to the cached data set (the reports' churn, receivables, marketing and targets):
 * recorded in `bench_cache` under a key with what it was built from, so a run with the same inputs
 * does nothing and a run with other inputs (a new generator version, other sales) builds it again.
 */
import type { BenchDatabase } from './database.ts';

export const log = (msg: string) => console.log(`  ${msg}`);
export const secs = (t: number) => `${((performance.now() - t) / 1000).toFixed(1)} s`;

/**
 * `build` (which removes what an earlier, interrupted or outdated build left, then inserts set-based)
 * runs unless `key` records the same `inputs`; its figures are recorded and returned either way.
 */
export async function ensureCached<T extends Record<string, number>>(
  bench: BenchDatabase,
  key: string,
  inputs: Record<string, unknown>,
  build: () => Promise<T>,
): Promise<T & { built: boolean }> {
  const [row] = await bench.raw<{ value: { inputs: unknown; figures: T } }>(
    'SELECT value FROM bench_cache WHERE key = $1',
    [key],
  );
  if (row && JSON.stringify(row.value.inputs) === JSON.stringify(inputs))
    return { ...row.value.figures, built: false };
  const t = performance.now();
  const figures = await build();
  await bench.raw(
    `INSERT INTO bench_cache (key, value) VALUES ($1, $2::jsonb)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [key, JSON.stringify({ inputs, figures })],
  );
  log(`${key} ready in ${secs(t)}: ${JSON.stringify(figures)}`);
  return { ...figures, built: true };
}

/** One INSERT … RETURNING (or a statement ending in `SELECT count(*)::int AS n`): how many rows it wrote. */
export async function count(bench: BenchDatabase, text: string, params: unknown[]): Promise<number> {
  const [row] = await bench.raw<{ n: number }>(text, params);
  return Number(row?.n ?? 0);
}

/** The ids of a dictionary's valid items of the tenant, in their order (the app seeds them with the tenant). */
export async function dictionary(bench: BenchDatabase, tenantId: string, type: string): Promise<string[]> {
  const rows = await bench.raw<{ id: string }>(
    'SELECT id FROM dictionary_items WHERE tenant_id = $1 AND type = $2 AND valid ORDER BY sort_order, id',
    [tenantId, type],
  );
  if (!rows.length) throw new Error(`the bench tenant has no ${type} dictionary (start the app once)`);
  return rows.map((r) => r.id);
}

/** A uuid[] literal for a bound parameter. */
export const uuids = (ids: string[]) => `{${ids.join(',')}}`;

/**
 * The tenant's active users with their department, numbered within it from 1 (`rn`, by username)
 * and counted (`n`): a generator picks one of a department's people as `rn = 1 + hash % n`.
 */
export const peopleOfDepartments = `SELECT u.id, u.department_id, row_number() OVER (PARTITION BY u.department_id ORDER BY u.username) AS rn,
      count(*) OVER (PARTITION BY u.department_id) AS n
    FROM users u WHERE u.tenant_id = $1 AND u.deleted_at IS NULL AND u.status = 'active'`;

/** The tenant's departments numbered from 1 in a stable order (`rn`), with their paths. */
export const numberedDepartments = `SELECT d.id, d.path, row_number() OVER (ORDER BY d.path) AS rn
    FROM departments d WHERE d.tenant_id = $1 AND d.deleted_at IS NULL`;

/** The tenant's time zone: day-dated rows (due dates, plans' dates) are days in it. */
export async function timezone(bench: BenchDatabase, tenantId: string): Promise<string> {
  const [{ tz }] = await bench.raw<{ tz: string }>('SELECT timezone AS tz FROM tenants WHERE id = $1', [
    tenantId,
  ]);
  return tz;
}
