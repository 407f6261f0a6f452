import type { DataScope, FieldAccess, Permission } from '@guanxi/contract';
import { dataScopes, fieldFollowers, isPermission } from '@guanxi/contract';

/** Who is calling: the user, the tenant and the merged rights of all the user's roles. */
export type Principal = {
  userId: string;
  tenantId: string;
  username: string;
  name: string;
  departmentId: string;
  /** Materialised path of the user's department, for subtree scopes. */
  departmentPath: string;
  /**
   * Ids of the department and every department below it, and of the user and everyone below in
   * the supervisor chain: the subtree scopes as lists (an `= ANY(list)` the planner estimates from
   * the column's statistics; a sub-select it can only guess). Loaded with the caller and cached
   * with it; organisation changes drop the cache.
   */
  departmentSubtree: string[];
  selfAndSubordinates: string[];
  /** Only permissions of the catalogue: a role row's unknown strings (from an older version) grant nothing. */
  permissions: ReadonlySet<Permission>;
  dataScopes: Record<string, DataScope>;
  fieldPermissions: Record<string, Record<string, FieldAccess>>;
  mustChangePassword: boolean;
  /** One of the user's roles requires TOTP. */
  totpRequired: boolean;
  totpEnrolmentRequired: boolean;
  via: 'session' | 'token' | 'job';
  sessionId?: string;
  csrfToken?: string;
  /** The user and tenant as loaded with the credential (for `/auth/me`). */
  profile: Record<string, unknown> & {
    tenant: { id: string; code: string; name: string; timezone: string; employeeCodePattern: string };
  };
};

/** A role as stored: strings from the database, checked when merged. */
export type RoleGrant = {
  permissions: string[];
  dataScopes: Record<string, string>;
  fieldPermissions: Record<string, Record<string, string>>;
  requireTotp: boolean;
};

const scopeRank = (s: string) => dataScopes.indexOf(s as DataScope);
// The more a level allows, the higher its rank: several roles grant the most permissive.
const fieldRank: Record<string, number> = { hidden: 0, masked: 1, read: 2, edit: 3 };

/** Merges roles: union of permissions, the widest scope per module, the most open field access. */
export function mergeRoles(roles: RoleGrant[]) {
  const permissions = new Set<Permission>();
  const scopes: Record<string, DataScope> = {};
  const fields: Record<string, Record<string, FieldAccess>> = {};
  const fieldModules = new Set(roles.flatMap((r) => Object.keys(r.fieldPermissions ?? {})));
  for (const role of roles) {
    for (const p of role.permissions) if (isPermission(p)) permissions.add(p);
    for (const [module, scope] of Object.entries(role.dataScopes ?? {})) {
      if (scopeRank(scope) < 0) continue;
      if (!scopes[module] || scopeRank(scope) > scopeRank(scopes[module]))
        scopes[module] = scope as DataScope;
    }
  }
  // A field is restricted only when every role restricts it (a role silent on a field allows edit).
  for (const module of fieldModules) {
    const names = new Set(roles.flatMap((r) => Object.keys(r.fieldPermissions?.[module] ?? {})));
    for (const field of names) {
      let best = -1;
      let bestLevel: FieldAccess = 'edit';
      for (const role of roles) {
        const level = role.fieldPermissions?.[module]?.[field] ?? 'edit';
        if ((fieldRank[level] ?? 3) > best) {
          best = fieldRank[level] ?? 3;
          bestLevel = level as FieldAccess;
        }
      }
      if (bestLevel !== 'edit') {
        fields[module] ??= {};
        fields[module][field] = bestLevel;
      }
    }
  }
  for (const [module, followers] of Object.entries(fieldFollowers)) {
    for (const [field, leader] of Object.entries(followers)) {
      const level = fields[module]?.[leader];
      if (!level || fields[module][field]) continue;
      fields[module][field] = level === 'masked' ? 'hidden' : level;
    }
  }
  return {
    permissions,
    dataScopes: scopes,
    fieldPermissions: fields,
    requireTotp: roles.some((r) => r.requireTotp),
  };
}

/** Scope of a module for this principal; a module the roles don't mention is `own`. */
export const scopeOf = (p: Principal, module: string): DataScope => p.dataScopes[module] ?? 'own';
/** Does the caller hold `permission`? (`can(p, 'pools:admin')`; a typo does not compile.) */
export const can = (p: Pick<Principal, 'permissions'>, permission: Permission) =>
  p.permissions.has(permission);
