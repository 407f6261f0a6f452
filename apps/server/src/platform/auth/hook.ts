import type { Permission } from '@guanxi/contract';
import type {
  FastifyContextConfig,
  FastifyInstance,
  FastifyRequest,
  onRequestHookHandler,
  onSendHookHandler,
} from 'fastify';
import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import { AppError } from '../errors.ts';
import { announceAuthChange } from './auth-changes.ts';
import { can, mergeRoles, type Principal } from './principal.ts';
import type { PrincipalCache } from './principal-cache.ts';
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
    /** `<module>:<action>` of the catalogue the caller must hold (a typo does not compile). */
    permission?: Permission;
    /** Reachable while a password change or TOTP enrolment is pending. */
    allowPending?: 'password' | 'totp';
    /** A successful call may change who someone is or may do: cached callers are dropped. */
    invalidatesAuth?: boolean;
  }
  interface FastifyRequest {
    principal?: Principal;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function toPrincipal(row: PrincipalRow, via: Principal['via']): Principal {
  const merged = mergeRoles(row.roles ?? []);
  return {
    userId: row.user_id,
    tenantId: row.tenant_id,
    username: row.username,
    name: row.name,
    departmentId: row.department_id,
    departmentPath: row.department_path,
    departmentSubtree: row.department_subtree,
    selfAndSubordinates: row.self_and_subordinates,
    permissions: merged.permissions,
    dataScopes: merged.dataScopes,
    fieldPermissions: merged.fieldPermissions,
    mustChangePassword: row.must_change_password,
    totpRequired: merged.requireTotp,
    totpEnrolmentRequired: merged.requireTotp && !row.totp_enabled,
    via,
    sessionId: via === 'session' ? row.credential_id : undefined,
    csrfToken: row.csrf_token ?? undefined,
    profile: row,
  };
}

const expiry = (v: PrincipalRow['credential_expires_at']) =>
  v ? new Date(v).getTime() : Number.POSITIVE_INFINITY;

/** Loads the caller from the database, touches its last-seen time and caches it. */
async function loadPrincipal(
  cache: PrincipalCache,
  key: string,
  via: Principal['via'],
  find: () => Promise<PrincipalRow | undefined>,
  touch: (row: PrincipalRow) => Promise<void>,
): Promise<Principal | undefined> {
  const generation = cache.generation;
  const row = await find();
  if (!row) return undefined;
  if (row.touch) await touch(row);
  const principal = toPrincipal(row, via);
  cache.set(key, principal, generation, expiry(row.credential_expires_at));
  return principal;
}

/** The caller: synchronously from the cache, else a promise of the database look-up. */
function authenticate(
  db: Db,
  config: Config,
  cache: PrincipalCache,
  request: FastifyRequest,
): Principal | undefined | Promise<Principal | undefined> {
  const bearer = request.headers.authorization;
  if (bearer?.startsWith('Bearer ')) {
    const token = bearer.slice(7).trim();
    if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
    const hash = sha256(token);
    const key = `token:${hash}`;
    return (
      cache.get(key) ??
      loadPrincipal(
        cache,
        key,
        'token',
        () => findTokenPrincipal(db, hash),
        (r) => touchToken(db, r.credential_id),
      )
    );
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return undefined;
  const hash = sha256(cookie);
  const key = `session:${hash}`;
  return (
    cache.get(key) ??
    loadPrincipal(
      cache,
      key,
      'session',
      () => findSessionPrincipal(db, hash),
      (r) => touchSession(db, r.credential_id, config.sessionHours),
    )
  );
}

type GuardConfig = { permission?: Permission; allowPending?: 'password' | 'totp' };

/** CSRF, pending password change / TOTP enrolment, and the route's permission. */
function authorise(request: FastifyRequest, principal: Principal, route: GuardConfig) {
  if (principal.via === 'session' && MUTATING.has(request.method)) {
    const header = request.headers['x-csrf-token'];
    if (typeof header !== 'string' || !principal.csrfToken || !safeEqual(header, principal.csrfToken)) {
      throw new AppError('CSRF_INVALID');
    }
  }
  const pending = route.allowPending;
  if (principal.mustChangePassword && pending !== 'password') throw new AppError('PASSWORD_CHANGE_REQUIRED');
  if (principal.totpEnrolmentRequired && !pending) throw new AppError('TOTP_ENROLMENT_REQUIRED');
  if (route.permission && !can(principal, route.permission)) throw new AppError('FORBIDDEN');
}

type Hook<T> = T | T[] | undefined;
const append = <T>(existing: Hook<T>, hook: T): T[] => [...(existing ? [existing].flat() : []), hook] as T[];

/**
 * Guards every route registered after it (all of `/api/v1`): who is calling (cached), CSRF for
 * cookie mutations, pending password change / TOTP enrolment, and the route's permission — as a
 * route-level hook built from the route's config, so requests pay only for what their route needs.
 * Callback-style hooks on purpose: this is the hot path, and an async hook costs a promise.
 */
export function registerAuthHook(app: FastifyInstance, db: Db, config: Config, cache: PrincipalCache) {
  app.addHook('onRoute', (route) => {
    const routeConfig = (route.config ?? {}) as FastifyContextConfig;
    if (routeConfig.public) return;
    const guard: GuardConfig = { permission: routeConfig.permission, allowPending: routeConfig.allowPending };
    const onRequest: onRequestHookHandler = (request, _reply, done) => {
      const proceed = (principal: Principal | undefined) => {
        if (!principal) return done(new AppError('UNAUTHENTICATED'));
        request.principal = principal;
        try {
          authorise(request, principal, guard);
          done();
        } catch (err) {
          done(err as Error);
        }
      };
      const found = authenticate(db, config, cache, request);
      if (found instanceof Promise) found.then(proceed, done);
      else proceed(found);
    };
    route.onRequest = append(route.onRequest, onRequest);
    if (routeConfig.invalidatesAuth) {
      // Runs before the answer leaves, so the caller's next request already sees the change.
      const onSend: onSendHookHandler = (_request, reply, payload, done) => {
        if (reply.statusCode >= 400) return done(null, payload);
        cache.clear();
        announceAuthChange(db).then(() => done(null, payload), done);
      };
      route.onSend = append(route.onSend, onSend);
    }
  });
}

/** The caller of an authenticated route (the hook guarantees it is there). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED');
  return request.principal;
}
