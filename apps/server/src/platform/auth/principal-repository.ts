import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { RoleGrant } from './principal.ts';

/** One row with everything a request needs to know about its caller, in one round trip. */
export type PrincipalRow = {
  credential_id: string;
  csrf_token: string | null;
  touch: boolean;
  user_id: string;
  tenant_id: string;
  username: string;
  name: string;
  department_id: string;
  department_path: string;
  must_change_password: boolean;
  totp_enabled: boolean;
  roles: RoleGrant[];
};

// Shared tail of both look-ups: the active user, its department and its roles' grants.
const userAndRoles = sql`
  JOIN users u ON u.id = c.user_id AND u.tenant_id = c.tenant_id AND u.status = 'active' AND u.deleted_at IS NULL
  JOIN departments d ON d.id = u.department_id
  LEFT JOIN LATERAL (
    SELECT coalesce(json_agg(json_build_object(
      'permissions', r.permissions, 'dataScopes', r.data_scopes,
      'fieldPermissions', r.field_permissions, 'requireTotp', r.require_totp)), '[]'::json) AS roles
    FROM user_roles ur JOIN roles r ON r.id = ur.role_id AND r.deleted_at IS NULL
    WHERE ur.user_id = u.id AND ur.tenant_id = u.tenant_id
  ) g ON true`;

const principalColumns = sql`u.id AS user_id, u.tenant_id, u.username, u.name, u.department_id,
  d.path AS department_path, u.must_change_password, u.totp_enabled, g.roles`;

/** A live session by the hash of its cookie; `touch` says last-seen is over a minute old. */
export async function findSessionPrincipal(db: Db, tokenHash: string): Promise<PrincipalRow | undefined> {
  const result = await db.execute(sql`
    SELECT c.id AS credential_id, c.csrf_token, c.last_seen_at < now() - interval '1 minute' AS touch,
      ${principalColumns}
    FROM sessions c ${userAndRoles}
    WHERE c.token_hash = ${tokenHash} AND c.revoked_at IS NULL AND c.expires_at > now()`);
  return result.rows[0] as PrincipalRow | undefined;
}

/** Slides the idle expiry; done at most once a minute per session. */
export async function touchSession(db: Db, sessionId: string, hours: number): Promise<void> {
  await db.execute(sql`UPDATE sessions SET last_seen_at = now(),
    expires_at = now() + make_interval(hours => ${hours}) WHERE id = ${sessionId}`);
}

export async function findTokenPrincipal(db: Db, tokenHash: string): Promise<PrincipalRow | undefined> {
  const result = await db.execute(sql`
    SELECT c.id AS credential_id, NULL AS csrf_token,
      (c.last_used_at IS NULL OR c.last_used_at < now() - interval '1 minute') AS touch,
      ${principalColumns}
    FROM api_tokens c ${userAndRoles}
    WHERE c.token_hash = ${tokenHash} AND c.revoked_at IS NULL AND (c.expires_at IS NULL OR c.expires_at > now())`);
  return result.rows[0] as PrincipalRow | undefined;
}

export async function touchToken(db: Db, tokenId: string): Promise<void> {
  await db.execute(sql`UPDATE api_tokens SET last_used_at = now() WHERE id = ${tokenId}`);
}
