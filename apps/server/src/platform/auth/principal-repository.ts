import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { RoleGrant } from './principal.ts';

/** One row with everything a request needs to know about its caller, in one round trip. */
export type PrincipalRow = {
  credential_id: string;
  /** When the session or token ends (null: never). */
  credential_expires_at: string | Date | null;
  csrf_token: string | null;
  touch: boolean;
  user_id: string;
  tenant_id: string;
  username: string;
  name: string;
  department_id: string;
  department_path: string;
  department_subtree: string[];
  self_and_subordinates: string[];
  must_change_password: boolean;
  totp_enabled: boolean;
  /** Grants plus `id` and `name` of each role. */
  roles: (RoleGrant & { id: string; name: string })[];
  /** The user as the users list shows it (same column names), for `/auth/me`. */
  [profileColumn: string]: unknown;
  tenant: { id: string; code: string; name: string; timezone: string; employeeCodePattern: string };
};

// Shared tail of both look-ups: the active user, its tenant, department, supervisor and roles.
const userAndRoles = sql`
  JOIN users u ON u.id = c.user_id AND u.tenant_id = c.tenant_id AND u.status = 'active' AND u.deleted_at IS NULL
  JOIN tenants t ON t.id = u.tenant_id
  JOIN departments d ON d.id = u.department_id
  LEFT JOIN users s ON s.id = u.supervisor_id
  LEFT JOIN LATERAL (
    SELECT coalesce(json_agg(json_build_object(
      'id', r.id, 'name', r.name, 'permissions', r.permissions, 'dataScopes', r.data_scopes,
      'fieldPermissions', r.field_permissions, 'requireTotp', r.require_totp) ORDER BY r.name), '[]'::json) AS roles
    FROM user_roles ur JOIN roles r ON r.id = ur.role_id AND r.deleted_at IS NULL
    WHERE ur.user_id = u.id AND ur.tenant_id = u.tenant_id
  ) g ON true`;

const principalColumns = sql`u.id AS user_id, u.id, u.tenant_id, u.username, u.name, u.department_id,
  d.path AS department_path,
  ARRAY(SELECT x.id FROM departments x WHERE x.tenant_id = u.tenant_id AND x.deleted_at IS NULL
    AND x.path LIKE d.path || '%')::text[] AS department_subtree,
  ARRAY(WITH RECURSIVE sub(id) AS (
      SELECT u.id
      UNION SELECT y.id FROM users y JOIN sub ON y.supervisor_id = sub.id
      WHERE y.tenant_id = u.tenant_id AND y.deleted_at IS NULL
    ) SELECT id FROM sub)::text[] AS self_and_subordinates,
  u.must_change_password, u.totp_enabled, g.roles,
  u.version, u.created_at, u.updated_at, u.phone, u.email, u.employee_code, d.name AS department_name,
  u.supervisor_id, s.name AS supervisor_name, u.job_title, u.status, u.last_login_at,
  json_build_object('id', t.id, 'code', t.code, 'name', t.name, 'timezone', t.timezone,
    'employeeCodePattern', t.employee_code_pattern) AS tenant`;

/** A live session by the hash of its cookie; `touch` says last-seen is over a minute old. */
export async function findSessionPrincipal(db: Db, tokenHash: string): Promise<PrincipalRow | undefined> {
  const result = await db.execute(sql`
    SELECT c.id AS credential_id, c.expires_at AS credential_expires_at, c.csrf_token, c.last_seen_at < now() - interval '1 minute' AS touch,
      ${principalColumns}
    FROM sessions c ${userAndRoles}
    WHERE c.token_hash = ${tokenHash} AND c.revoked_at IS NULL AND c.expires_at > now()`);
  return result.rows[0] as PrincipalRow | undefined;
}

/**
 * Slides the idle expiry by the tenant's session hours (系统设置 → 安全), `defaultHours` when it set
 * none; done at most once a minute per session.
 */
export async function touchSession(db: Db, sessionId: string, defaultHours: number): Promise<void> {
  await db.execute(sql`UPDATE sessions s SET last_seen_at = now(),
    expires_at = now() + make_interval(hours => coalesce(
      (SELECT t.session_hours FROM tenants t WHERE t.id = s.tenant_id), ${defaultHours}::int))
    WHERE s.id = ${sessionId}`);
}

export async function findTokenPrincipal(db: Db, tokenHash: string): Promise<PrincipalRow | undefined> {
  const result = await db.execute(sql`
    SELECT c.id AS credential_id, c.expires_at AS credential_expires_at, NULL AS csrf_token,
      (c.last_used_at IS NULL OR c.last_used_at < now() - interval '1 minute') AS touch,
      ${principalColumns}
    FROM api_tokens c ${userAndRoles}
    WHERE c.token_hash = ${tokenHash} AND c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > now())`);
  return result.rows[0] as PrincipalRow | undefined;
}

export async function touchToken(db: Db, tokenId: string): Promise<void> {
  await db.execute(sql`UPDATE api_tokens SET last_used_at = now() WHERE id = ${tokenId}`);
}

/** The user's rights as now, for work done on the user's behalf in the background (imports). */
export async function findUserPrincipal(
  db: Db,
  tenantId: string,
  userId: string,
): Promise<PrincipalRow | undefined> {
  const result = await db.execute(sql`
    SELECT c.id AS credential_id, NULL AS credential_expires_at, NULL AS csrf_token, false AS touch,
      ${principalColumns}
    FROM (SELECT ${userId}::uuid AS id, ${userId}::uuid AS user_id, ${tenantId}::uuid AS tenant_id) c ${userAndRoles}`);
  return result.rows[0] as PrincipalRow | undefined;
}
