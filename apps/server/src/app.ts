import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config.ts';
import { type Db, type Listen, ping } from './db/client.ts';
import { installModules } from './install-modules.ts';
import type { ModuleManifest } from './module-manifest.ts';
import { manifest as announcements } from './modules/announcements/index.ts';
import { manifest as approvals } from './modules/approvals/index.ts';
import { manifest as audit } from './modules/audit/index.ts';
import { manifest as auth } from './modules/auth/index.ts';
import { manifest as backups } from './modules/backups/index.ts';
import { manifest as campaigns } from './modules/campaigns/index.ts';
import { manifest as cards } from './modules/cards/index.ts';
import { manifest as checkIns } from './modules/check-ins/index.ts';
import { manifest as churn } from './modules/churn/index.ts';
import { manifest as contracts } from './modules/contracts/index.ts';
import { manifest as customFields } from './modules/custom-fields/index.ts';
import { manifest as customers } from './modules/customers/index.ts';
import { manifest as dashboards } from './modules/dashboards/index.ts';
import { manifest as dictionaries } from './modules/dictionaries/index.ts';
import { manifest as events } from './modules/events/index.ts';
import { manifest as exportsModule } from './modules/exports/index.ts';
import { manifest as files } from './modules/files/index.ts';
import { manifest as followUps } from './modules/follow-ups/index.ts';
import { manifest as imports } from './modules/imports/index.ts';
import { manifest as inventory } from './modules/inventory/index.ts';
import { manifest as kb } from './modules/kb/index.ts';
import { manifest as leads } from './modules/leads/index.ts';
import { manifest as mailings } from './modules/mailings/index.ts';
import { manifest as marketingPlans } from './modules/marketing-plans/index.ts';
import { manifest as members } from './modules/members/index.ts';
import { manifest as notifications } from './modules/notifications/index.ts';
import { manifest as numbering } from './modules/numbering/index.ts';
import { manifest as opportunities } from './modules/opportunities/index.ts';
import { manifest as orders } from './modules/orders/index.ts';
import { manifest as organization } from './modules/organization/index.ts';
import { manifest as pools } from './modules/pools/index.ts';
import { manifest as preferences } from './modules/preferences/index.ts';
import { manifest as printTemplates } from './modules/print-templates/index.ts';
import { manifest as products } from './modules/products/index.ts';
import { manifest as quotes } from './modules/quotes/index.ts';
import { manifest as receivables } from './modules/receivables/index.ts';
import { manifest as reports } from './modules/reports/index.ts';
import { manifest as savedQueries } from './modules/saved-queries/index.ts';
import { manifest as sla } from './modules/sla/index.ts';
import { manifest as targets } from './modules/targets/index.ts';
import { manifest as tickets } from './modules/tickets/index.ts';
import { manifest as tracks } from './modules/tracks/index.ts';
import { manifest as webhooks } from './modules/webhooks/index.ts';
import { manifest as workReports } from './modules/work-reports/index.ts';
import { AUTH_CHANNEL } from './platform/auth/auth-changes.ts';
import { registerAuthHook } from './platform/auth/hook.ts';
import { PrincipalCache } from './platform/auth/principal-cache.ts';
import { registerErrorHandler } from './platform/errors.ts';
import type { Api, RouteInfo } from './platform/http.ts';
import { registerInputGuard } from './platform/input-guard.ts';
import type { Jobs } from './platform/jobs.ts';
import { logErrorSerializer } from './platform/log-redaction.ts';
import { replicaState } from './platform/read-db.ts';
import { registerReadThrottle } from './platform/read-throttle.ts';
import { registerSecurityHeaders, requestId } from './platform/security-headers.ts';
import { serveWeb } from './platform/serve-web.ts';

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteInfo[];
  }
}

/**
 * Every module, one line each. Tenant and demo seeds run in this order (the demo pools before the
 * demo customers who sit in them). Adding a module: docs/architecture.md, "Add a module".
 */
export const modules: readonly ModuleManifest[] = [
  organization,
  auth,
  audit,
  dictionaries,
  customFields,
  pools,
  customers,
  notifications,
  events,
  checkIns,
  followUps,
  imports,
  exportsModule,
  savedQueries,
  reports,
  dashboards,
  numbering,
  preferences,
  files,
  // archives every table generically; after files (it carries their bytes)
  backups,
  tracks,
  workReports,
  // the catalogue, then its stock (the demo's ledger names demo products), before the documents that sell it
  products,
  inventory,
  // notices and instructions to the organisation's people (its demo reads the demo people)
  announcements,
  // before the documents that go through approvals (the demo's flow before the demo's plans)
  approvals,
  marketingPlans,
  // before the leads, whose demo links to a demo campaign
  campaigns,
  leads,
  // after the customers and their follow-ups, whose demo deals sit with the demo customers
  opportunities,
  // after the catalogue, its stock and the deals: the demo quotes and orders sell demo products from demo stock
  quotes,
  orders,
  // after the orders: the demo contracts and their payments follow demo orders
  contracts,
  receivables,
  // 充值卡: stands alone (members come later)
  cards,
  // 会员: after customers, orders (its demo earns from demo orders) and cards
  members,
  mailings,
  printTemplates,
  // the business calendar and SLA targets, before the tickets that are due by them
  sla,
  // the knowledge base before the tickets, whose demo is solved with its articles
  kb,
  // after the SLA (due instants) and the knowledge base (solutions); the demo after customers
  tickets,
  // after the documents whose sales it measures
  targets,
  // after the orders: the demo's risk scores and warnings read them
  churn,
  // follows every module's audit rows (its outbox), so it comes last
  webhooks,
];

/** Every module's background jobs (started by main.ts and job-enabled tests). */
export const moduleJobs = modules.flatMap((m) => m.jobs ?? []);

const BODY_LIMIT = 1024 * 1024; // 1 MiB; uploads get their own limit on their routes

const defaultWebDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/** Builds the HTTP application: platform plugins first, then every module, registered explicitly. */
export async function buildApp(deps: {
  db: Db;
  /** The read replica (platform/read-db.ts); absent: reads all go to `db`. */
  readDb?: Db;
  config: Config;
  listen?: Listen;
  jobs?: Jobs;
  /** Where the log goes (default stdout); tests read it. */
  logStream?: { write(line: string): void };
}): Promise<FastifyInstance> {
  const { config } = deps;
  installModules(modules);
  const principalCache = new PrincipalCache();
  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: [
        'req.headers.cookie',
        'req.headers.authorization',
        'req.headers["x-csrf-token"]',
        '*.password',
        '*.token',
      ],
      // a failing statement's parameters (password and token hashes …) never reach the log
      serializers: { err: logErrorSerializer, error: logErrorSerializer },
      ...(deps.logStream ? { stream: deps.logStream } : {}),
    },
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    genReqId: requestId,
    requestIdHeader: false,
    forceCloseConnections: 'idle',
  }).withTypeProvider<ZodTypeProvider>();

  // Every route as registered, for the OpenAPI and authorisation tests.
  const routeTable: RouteInfo[] = [];
  app.addHook('onRoute', (r) => {
    const schema = r.schema as { hide?: boolean; tags?: string[]; summary?: string } | undefined;
    for (const method of [r.method].flat()) {
      if (method !== 'HEAD')
        routeTable.push({
          method,
          url: r.url,
          config: (r.config ?? {}) as RouteInfo['config'],
          tag: schema?.hide ? undefined : schema?.tags?.[0],
          summary: schema?.hide ? undefined : schema?.summary,
        });
    }
  });
  app.decorate('routeTable', routeTable);

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);
  registerInputGuard(app); // NUL and control characters in any params, query or body → 400
  registerSecurityHeaders(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Guanxi CRM API',
        version: '1',
        description: 'REST API of Guanxi CRM (关系). Errors are `{code, message, details?}`.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'guanxi_sid' },
          bearer: { type: 'http', scheme: 'bearer', description: 'API token (gx_…)' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.get('/api/openapi.json', { schema: { hide: true }, config: { public: true } }, async () =>
    app.swagger(),
  );
  app.get('/healthz', { schema: { hide: true }, config: { public: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true }, config: { public: true } }, async (_req, reply) => {
    try {
      await ping(deps.db);
      // a replica's trouble is reported, not fatal: writes and most reads still work
      if (deps.readDb && deps.readDb !== deps.db)
        return { status: 'ready', replica: await replicaState(deps.db, deps.readDb) };
      return { status: 'ready' };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });

  await app.register(
    async (api) => {
      registerAuthHook(api, deps.db, config, principalCache);
      registerReadThrottle(api, config.heavyReads);
      const typed = api as unknown as Api;
      const moduleDeps = { ...deps, readDb: deps.readDb ?? deps.db };
      for (const m of modules) for (const routes of m.routes ?? []) await typed.register(routes(moduleDeps));
    },
    { prefix: '/api/v1' },
  );

  await serveWeb(app, config.webDist ?? defaultWebDist);
  // Other replicas' changes to users, roles and sessions reach this one's cache.
  if (deps.listen) {
    const stop = deps.listen(AUTH_CHANNEL, () => principalCache.clear());
    app.addHook('onClose', stop);
  }
  return app;
}
