import type { FastifyRequest } from 'fastify';
import type { Actor } from './audit.ts';
import { principalOf } from './auth/hook.ts';
import type { Principal } from './auth/principal.ts';
import { actorOf } from './http.ts';

/**
 * Who acts, as every service takes it: the principal (permissions, data scopes, field rules), the
 * audit actor, and the tenant's time zone (relative dates, "today").
 */
export type Caller = { p: Principal; actor: Actor; timeZone: string };

/** The caller of an HTTP request. */
export function callerOf(request: FastifyRequest): Caller {
  const p = principalOf(request);
  return { p, actor: actorOf(request), timeZone: p.profile.tenant.timezone };
}

/** The caller of background work done for a user (an export job …): no request, no IP. */
export function callerForJob(p: Principal): Caller {
  return {
    p,
    actor: { tenantId: p.tenantId, userId: p.userId, userName: p.name },
    timeZone: p.profile.tenant.timezone,
  };
}
