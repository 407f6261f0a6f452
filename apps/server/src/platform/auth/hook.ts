import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../errors.ts';
import { mergeRoles, type Principal } from './principal.ts';
import {
  findSessionPrincipal,
  findTokenPrincipal,
  type PrincipalRow,
  touchSession,
  touchToken,
} from './principal-repository.ts';
import { API_TOKEN_PREFIX, safeEqual, sha256 } from './tokens.ts';

export const SESSION_COOKIE = 'guanxi_sid';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No login needed (login itself, health). */
    public?: boolean;
    /** `<module>:<action>` the caller must hold. */
    permission?: string;
    /** Reachable while a password change or TOTP enrolment is pending. */
    allowPending?: 'password' | 'totp';
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function toPrincipal(row: PrincipalRow, via: Principal['via'], ip: string): Principal {
  const merged = mergeRoles(row.roles ?? []);
  return {
    userId: row.user_id,
    tenantId: row.tenant_id,
    username: row.username,
    name: row.name,
    departmentId: row.department_id,
    departmentPath: row.department_path,
    permissions: merged.permissions,
    dataScopes: merged.dataScopes,
    fieldPermissions: merged.fieldPermissions,
    mustChangePassword: row.must_change_password,
    totpRequired: merged.requireTotp,
    totpEnrolmentRequired: merged.requireTotp && !row.totp_enabled,
    via,
    sessionId: via === 'session' ? row.credential_id : undefined,
    csrfToken: row.csrf_token ?? undefined,
    ip,
  };
}

async function authenticate(db: Db, config: Config, request: FastifyRequest): Promise<Principal | undefined> {
  const bearer = request.headers.authorization;
  if (bearer?.startsWith('Bearer ')) {
    const token = bearer.slice(7).trim();
    if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
    const row = await findTokenPrincipal(db, sha256(token));
    if (!row) return undefined;
    if (row.touch) await touchToken(db, row.credential_id);
    return toPrincipal(row, 'token', request.ip);
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return undefined;
  const row = await findSessionPrincipal(db, sha256(cookie));
  if (!row) return undefined;
  if (row.touch) await touchSession(db, row.credential_id, config.sessionHours);
  return toPrincipal(row, 'session', request.ip);
}

/**
 * Every `/api/v1` route passes here: who is calling, CSRF for cookie mutations, pending
 * password change / TOTP enrolment, and the route's permission.
 */
export function registerAuthHook(app: FastifyInstance, db: Db, config: Config) {
  app.addHook('onRequest', async (request) => {
    const routeConfig = request.routeOptions.config;
    if (routeConfig.public || !request.url.startsWith('/api/v1/')) return;
    const principal = await authenticate(db, config, request);
    if (!principal) throw new AppError('UNAUTHENTICATED');
    request.principal = principal;

    if (principal.via === 'session' && MUTATING.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !principal.csrfToken || !safeEqual(header, principal.csrfToken)) {
        throw new AppError('CSRF_INVALID');
      }
    }
    const pending = routeConfig.allowPending;
    if (principal.mustChangePassword && pending !== 'password')
      throw new AppError('PASSWORD_CHANGE_REQUIRED');
    if (principal.totpEnrolmentRequired && !pending) throw new AppError('TOTP_ENROLMENT_REQUIRED');
    if (routeConfig.permission && !principal.permissions.has(routeConfig.permission)) {
      throw new AppError('FORBIDDEN');
    }
  });
}

/** The caller of an authenticated route (the hook guarantees it is there). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED');
  return request.principal;
}
