/**
 * The scope-size sweep of `bench customers`: callers whose customer list (active customers, the
 * list's default) holds ~100, ~1k, ~5k, ~9.9k, ~20k, ~100k and the whole tenant, chosen from the
 * generated users of both tenants by counting what each one's scope (own / department /
 * department and children / all) covers — nothing is created or changed. The second tenant (a
 * tenth of the size) provides more sizes between the main tenant's subtrees.
 */
import type { DatasetMeta } from './customer-dataset.ts';

/** The scope sizes swept: `all` is the main tenant's admin. */
export const SWEEP_TARGETS: readonly (number | 'all')[] = [100, 1_000, 5_000, 9_900, 20_000, 100_000, 'all'];

export type SweepCaller = {
  /** The size aimed at (`all`: the admin of the main tenant). */
  target: number | 'all';
  tenant: string;
  username: string;
  /** The caller's customers scope (role data scope). */
  scope: string;
  /** Customers visible by the count here (the sweep takes the exact figure from the API). */
  approx: number;
};

type Raw = <T>(text: string, params?: unknown[]) => Promise<T[]>;

/** Every single-role active user of a tenant with the number of customers they see. */
const candidatesSql = `
WITH live AS (
  SELECT c.department_id, c.owner_id FROM customers c
  WHERE c.tenant_id = $1 AND c.state = 'active' AND c.deleted_at IS NULL),
per_dept AS (SELECT department_id, count(*)::int8 AS n FROM live GROUP BY 1),
per_owner AS (SELECT owner_id, count(*)::int8 AS n FROM live GROUP BY 1),
who AS (
  SELECT u.id, u.username, d.id AS dept, d.path, max(r.data_scopes->>'customers') AS scope
  FROM users u JOIN departments d ON d.id = u.department_id
  JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
  WHERE u.tenant_id = $1 AND u.deleted_at IS NULL AND u.status = 'active'
  GROUP BY 1, 2, 3, 4 HAVING count(*) = 1)
SELECT w.username, w.scope,
  CASE w.scope
    WHEN 'all' THEN (SELECT count(*) FROM live)
    WHEN 'own' THEN coalesce((SELECT n FROM per_owner WHERE owner_id = w.id), 0)
    WHEN 'department' THEN coalesce((SELECT n FROM per_dept WHERE department_id = w.dept), 0)
    ELSE coalesce((SELECT sum(pd.n) FROM per_dept pd JOIN departments d ON d.id = pd.department_id
                   WHERE d.path LIKE w.path || '%'), 0)
  END::int8 AS n
FROM who w WHERE w.scope IN ('all', 'own', 'department', 'department_and_children')
ORDER BY w.username`;

/**
 * One caller per target: the user whose visible set is closest to it (by ratio; ties by tenant
 * and username, so every run and backend picks the same). Targets at or above 80% of the main
 * tenant are skipped (`all` covers them), and so is a target whose closest caller another
 * target already has (small data sets).
 */
export async function sweepCallers(raw: Raw, meta: DatasetMeta): Promise<SweepCaller[]> {
  const candidates: Omit<SweepCaller, 'target'>[] = [];
  for (const t of [meta.main, meta.second]) {
    const rows = await raw<{ username: string; scope: string; n: number | string }>(candidatesSql, [t.id]);
    for (const r of rows)
      candidates.push({ tenant: t.code, username: r.username, scope: r.scope, approx: Number(r.n) });
  }
  const admin = candidates.find((c) => c.tenant === meta.main.code && c.username === 'admin');
  if (!admin) throw new Error('sweep: no admin in the main tenant');
  const out: SweepCaller[] = [];
  const taken = new Set<string>();
  for (const target of SWEEP_TARGETS) {
    if (target === 'all') {
      out.push({ target, ...admin });
      continue;
    }
    if (target >= 0.8 * admin.approx) continue;
    const distance = (n: number) => Math.abs(Math.log(Math.max(n, 1) / target));
    const best = candidates
      .filter((c) => c !== admin)
      .reduce((a, b) => (distance(b.approx) < distance(a.approx) ? b : a));
    const key = `${best.tenant}/${best.username}`;
    if (taken.has(key)) continue;
    taken.add(key);
    out.push({ target, ...best });
  }
  return out;
}
