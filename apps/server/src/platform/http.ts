import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  errorResponse,
  type FieldChange,
  fieldChange,
  idParams,
  okResponse,
  type Permission,
  versionQuery,
} from '@guanxi/contract';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Actor } from './audit.ts';
import { principalOf } from './auth/hook.ts';
import type { Jobs } from './jobs.ts';

/** The Fastify instance every module registers on, typed by our Zod schemas. */
export type Api = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/**
 * What modules get: the database, the settings and (in the server, not plain API tests) the job
 * queue. `readDb` is the read replica for reports, dashboards and exports (the primary when there
 * is none) — which reads may go there: platform/read-db.ts.
 */
export type Deps = { db: Db; readDb: Db; config: Config; jobs?: Jobs };

/** The errors any authenticated route can answer, for the OpenAPI document. */
const commonErrors = {
  400: errorResponse.describe('VALIDATION_FAILED and other input errors'),
  401: errorResponse.describe('UNAUTHENTICATED'),
  403: errorResponse.describe('FORBIDDEN, CSRF_INVALID, PASSWORD_CHANGE_REQUIRED'),
  404: errorResponse.describe('NOT_FOUND (also for records outside the data scope)'),
  409: errorResponse.describe('CONFLICT (stale version) and rule violations'),
  429: errorResponse.describe('RATE_LIMITED'),
};

type Responses = Record<number, z.ZodType>;

/** A route schema with tags and the standard error responses added. */
export function docs<R extends Responses, S extends Record<string, unknown>>(
  tag: string,
  summary: string,
  schema: S & { response: R },
) {
  return { tags: [tag], summary, ...schema, response: { ...commonErrors, ...schema.response } };
}

/** The audit actor of a request. */
export function actorOf(request: FastifyRequest): Actor {
  const p = principalOf(request);
  return { tenantId: p.tenantId, userId: p.userId, userName: p.name, ip: request.ip };
}

/**
 * A route as registered (`app.routeTable`), for the OpenAPI and authorisation tests: `permission`
 * is the route's `config.permission` (typed by the `FastifyContextConfig` augmentation in auth/hook.ts).
 */
export type RouteInfo = {
  method: string;
  url: string;
  config: { public?: boolean; permission?: Permission; invalidatesAuth?: boolean };
  /** From the route's schema (OpenAPI): its tag and one-line summary; hidden routes have none. */
  tag?: string;
  summary?: string;
};

type RecordRoute = {
  path: string;
  tag: string;
  summary: string;
  /** Absent: any signed-in user (the service decides, e.g. only the owner). */
  permission?: Permission;
  /** Deleting it changes who may do what (users, roles, departments): drop cached callers. */
  invalidatesAuth?: boolean;
};
const historyResponse = z.object({ data: z.array(fieldChange) });

/** `DELETE <path>?version=` of a record: `remove` does the scoped, versioned, audited delete. */
export function deleteRoute(
  app: Api,
  r: RecordRoute,
  remove: (request: FastifyRequest, id: string, version: number) => Promise<void>,
) {
  app.delete(
    r.path,
    {
      config: { permission: r.permission, invalidatesAuth: r.invalidatesAuth ?? false },
      schema: docs(r.tag, r.summary, {
        params: idParams,
        querystring: versionQuery,
        response: { 200: okResponse },
      }),
    },
    async (req) => {
      await remove(req, req.params.id, req.query.version);
      return { ok: true as const };
    },
  );
}

/** `GET <path>` (…/:id/history): a record's field history; `load` answers 404 outside scope. */
export function historyRoute(
  app: Api,
  r: RecordRoute,
  load: (request: FastifyRequest, id: string) => Promise<FieldChange[]>,
) {
  app.get(
    r.path,
    {
      config: { permission: r.permission },
      schema: docs(r.tag, r.summary, { params: idParams, response: { 200: historyResponse } }),
    },
    async (req) => ({ data: await load(req, req.params.id) }),
  );
}
