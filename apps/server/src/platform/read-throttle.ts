import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerHookHandler } from 'fastify';
import { AppError } from './errors.ts';

/** How many heavy reads one user may have running at once, and start per minute. */
export type ReadThrottleLimits = { inFlight: number; perMinute: number };

declare module 'fastify' {
  interface FastifyRequest {
    /** Gives back the heavy-read place this request holds (once). */
    releaseHeavyRead?: () => void;
  }
}

/**
 * A read that can cost far more than a page: a quick search (`q`) or an exact total
 * (`exactTotal=true`) — on any list, today's and every later module's, since they share the
 * list query's parameters.
 */
function isHeavyRead(request: FastifyRequest) {
  if (request.method !== 'GET') return false;
  const query = request.query as Record<string, unknown> | undefined;
  if (!query) return false;
  return (typeof query.q === 'string' && query.q.trim() !== '') || String(query.exactTotal) === 'true';
}

type UserState = { running: number; windowStart: number; started: number };

const MINUTE = 60_000;

/**
 * Per-user limits on heavy reads (issue: 200 concurrent exact-total searches of one user left 74
 * unanswered after a minute, and everyone else waited with them): beyond `inFlight` at once or
 * `perMinute` a minute, the read is refused at once with 429 `RATE_LIMITED` and a `Retry-After`,
 * before it costs the database anything. Per process, like the login throttle: behind several
 * replicas a user gets the limits once per replica.
 */
export function registerReadThrottle(app: FastifyInstance, limits: ReadThrottleLimits) {
  const users = new Map<string, UserState>();
  let sweepAt = Date.now() + MINUTE;

  // idle users whose minute is over are forgotten, so the map holds only recent readers
  const sweep = (now: number) => {
    if (now < sweepAt) return;
    sweepAt = now + MINUTE;
    for (const [key, state] of users)
      if (!state.running && now - state.windowStart >= MINUTE) users.delete(key);
  };

  const refuse = (reply: FastifyReply, retryAfterSeconds: number) => {
    reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfterSeconds))));
    return new AppError('RATE_LIMITED', { limit: 'heavyReads' });
  };

  const preHandler: preHandlerHookHandler = (request, reply, done) => {
    const principal = request.principal;
    if (!principal || !isHeavyRead(request)) return done();
    const now = Date.now();
    sweep(now);
    const key = `${principal.tenantId}:${principal.userId}`;
    let state = users.get(key);
    if (!state) {
      state = { running: 0, windowStart: now, started: 0 };
      users.set(key, state);
    } else if (now - state.windowStart >= MINUTE) {
      state.windowStart = now;
      state.started = 0;
    }
    if (state.running >= limits.inFlight) return done(refuse(reply, 1));
    if (state.started >= limits.perMinute)
      return done(refuse(reply, (state.windowStart + MINUTE - now) / 1000));
    state.running++;
    state.started++;
    const held = state;
    let released = false;
    request.releaseHeavyRead = () => {
      if (released) return;
      released = true;
      held.running--; // the same object while it runs: the sweep keeps users with reads running
    };
    done();
  };

  app.addHook('preHandler', preHandler);
  app.addHook('onResponse', (request, _reply, done) => {
    request.releaseHeavyRead?.();
    done();
  });
  app.addHook('onRequestAbort', (request, done) => {
    request.releaseHeavyRead?.();
    done();
  });
}
