import type { Db } from '../../db/client.ts';
import { type Actor, diff, writeAudit } from '../../platform/audit.ts';
import { announceAuthChange } from '../../platform/auth/auth-changes.ts';
import { defaultRoles, scopesFor } from './default-roles.ts';
import * as repo from './roles-repository.ts';

type Grants = Pick<repo.RoleRow, 'permissions' | 'seededPermissions' | 'dataScopes'>;

const sameSet = (a: string[], b: string[]) => {
  const set = new Set(a);
  return set.size === new Set(b).size && b.every((x) => set.has(x));
};

/**
 * A seeded role brought in step with today's seed: the permissions the seed grants now and did not
 * grant when last applied, and a scope for every module the role has none for (a missing one reads
 * as `own`). Null when there is nothing to do, so the sync is idempotent.
 */
function syncedGrants(row: repo.RoleRow): Grants | null {
  const seed = row.code ? defaultRoles().find((s) => s.code === row.code) : undefined;
  if (!seed) return null;
  const held = new Set(row.permissions);
  const granted = new Set(row.seededPermissions);
  const added = seed.permissions.filter((p) => !granted.has(p) && !held.has(p));
  const missing = Object.entries(scopesFor(seed.scope)).filter(([m]) => !(m in row.dataScopes));
  if (!added.length && !missing.length && sameSet(row.seededPermissions, seed.permissions)) return null;
  return {
    permissions: [...row.permissions, ...added],
    seededPermissions: [...new Set(seed.permissions)],
    dataScopes: { ...row.dataScopes, ...Object.fromEntries(missing) },
  };
}

const auditable = (g: Grants) => ({ permissions: [...g.permissions].sort(), dataScopes: g.dataScopes });

/**
 * Runs at start: gives every tenant's seeded roles what later releases added to their seed, one
 * transaction per tenant (rows locked, so replicas starting together do it once), audited per role.
 * Returns how many roles changed.
 */
export async function syncDefaultRoles(db: Db): Promise<number> {
  const stale = new Set((await repo.seededRoles(db)).filter((r) => syncedGrants(r)).map((r) => r.tenantId));
  let changed = 0;
  for (const tenantId of stale) {
    changed += await db.transaction(async (tx) => {
      const actor: Actor = { tenantId, userId: null, userName: 'system' };
      let n = 0;
      for (const row of await repo.seededRoles(tx, { tenantId, lock: true })) {
        const next = syncedGrants(row);
        if (!next) continue;
        // only the bookkeeping moved (e.g. the admin role, kept complete elsewhere): no version, no audit
        const changes = diff(auditable(row), auditable(next));
        const visible = Object.keys(changes).length > 0;
        await repo.updateSeededRole(tx, tenantId, row.id, next, visible);
        if (!visible) continue;
        n++;
        await writeAudit(tx, actor, {
          action: 'update',
          entity: 'roles',
          entityId: row.id,
          summary: row.name,
          changes,
        });
      }
      return n;
    });
  }
  // replicas still running the previous release drop callers cached with the old grants
  if (changed) await announceAuthChange(db);
  return changed;
}
