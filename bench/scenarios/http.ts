/**
 * Scenario `http`: what the HTTP stack of the real app costs next to bare Fastify routes that do
 * the same database work in raw SQL, on the same database, in the same run.
 */
import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../../apps/server/src/app.ts';
import { testConfig } from '../../apps/server/src/config.ts';
import { me } from '../../apps/server/src/modules/auth/service.ts';
import { toPrincipal } from '../../apps/server/src/platform/auth/hook.ts';
import { findSessionPrincipal } from '../../apps/server/src/platform/auth/principal-repository.ts';
import { generateOrganization } from '../generators/organization.ts';
import { generateTenant } from '../generators/tenant.ts';
import { countQueries, openBenchDatabase } from '../lib/database.ts';
import { type LoadResult, measureHttp } from '../lib/load.ts';
import { writeResults } from '../lib/results.ts';
import { fmt, ratio, type Summary, table, timeLoop } from '../lib/stats.ts';

export const description =
  'HTTP: /auth/me and the users list vs bare Fastify routes and raw SQL (200 departments, 2,000 users)';

/** Goal: an authenticated request costs at most twice a bare route (ARCHITECTURE §7). */
const AUTH_ME_GOAL = 0.5;

// The same statements the app runs, written out by hand: the baseline must not move when the
// app's code changes. Session: platform/auth/principal-repository.ts; page: users-repository.ts.
const SESSION_SQL = `
  SELECT c.id AS credential_id, c.csrf_token, c.last_seen_at < now() - interval '1 minute' AS touch,
    u.id AS user_id, u.tenant_id, u.username, u.name, u.department_id,
    d.path AS department_path, u.must_change_password, u.totp_enabled, g.roles
  FROM sessions c
  JOIN users u ON u.id = c.user_id AND u.tenant_id = c.tenant_id AND u.status = 'active' AND u.deleted_at IS NULL
  JOIN departments d ON d.id = u.department_id
  LEFT JOIN LATERAL (
    SELECT coalesce(json_agg(json_build_object(
      'permissions', r.permissions, 'dataScopes', r.data_scopes,
      'fieldPermissions', r.field_permissions, 'requireTotp', r.require_totp)), '[]'::json) AS roles
    FROM user_roles ur JOIN roles r ON r.id = ur.role_id AND r.deleted_at IS NULL
    WHERE ur.user_id = u.id AND ur.tenant_id = u.tenant_id
  ) g ON true
  WHERE c.token_hash = $1 AND c.revoked_at IS NULL AND c.expires_at > now()`;

const USERS_PAGE_SQL = `
  SELECT u.id, u.version, u.created_at, u.updated_at, u.username, u.name, u.phone, u.email,
    u.employee_code, u.department_id, d.name AS department_name, u.supervisor_id, s.name AS supervisor_name,
    u.job_title, u.status, u.totp_enabled, u.must_change_password, u.last_login_at,
    coalesce((SELECT json_agg(json_build_object('id', r.id, 'name', r.name) ORDER BY r.name)
      FROM user_roles ur JOIN roles r ON r.id = ur.role_id AND r.deleted_at IS NULL
      WHERE ur.user_id = u.id AND ur.tenant_id = u.tenant_id), '[]'::json) AS roles
  FROM users u
  JOIN departments d ON d.id = u.department_id
  LEFT JOIN users s ON s.id = u.supervisor_id
  WHERE u.tenant_id = $1 AND u.deleted_at IS NULL
  ORDER BY u.username ASC NULLS LAST, u.id ASC
  LIMIT 20 OFFSET 0`;

type Row = { name: string; kind: 'http' | 'direct'; result: Summary & { errors?: number; non2xx?: number } };

const address = (app: FastifyInstance) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

function options(args: string[]) {
  const { values } = parseArgs({
    args,
    options: {
      departments: { type: 'string', default: '200' },
      users: { type: 'string', default: '2000' },
      seconds: { type: 'string', default: '5' },
      connections: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '1' },
    },
  });
  const n = (v: string, name: string) => {
    const x = Number(v);
    if (!Number.isInteger(x) || x < 1) throw new Error(`--${name} must be a positive integer`);
    return x;
  };
  const connections = n(values.connections, 'connections');
  if (connections > 20) throw new Error('--connections: at most 20 (keep the machine usable)');
  return {
    departments: n(values.departments, 'departments'),
    users: n(values.users, 'users'),
    seconds: Math.min(n(values.seconds, 'seconds'), 30),
    connections,
    rounds: Math.min(n(values.rounds, 'rounds'), 5),
  };
}

export async function run(args: string[]): Promise<void> {
  const opts = options(args);
  const started = performance.now();
  const bench = await openBenchDatabase();
  const servers: FastifyInstance[] = [];
  try {
    console.log(`backend: ${bench.backend}`);
    const { db } = bench.database;

    // ---- data ----
    const t = performance.now();
    const tenant = await generateTenant(db);
    const org = await generateOrganization(db, tenant, { departments: opts.departments, users: opts.users });
    console.log(
      `data: 1 tenant, ${org.departments.length} departments, ${org.users.length + 1} users ` +
        `in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    // ---- the real app ----
    const config = testConfig({ logLevel: 'silent', webDist: '/nonexistent' });
    const app = await buildApp({ db, config });
    servers.push(app);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const appUrl = address(app);
    const login = await fetch(`${appUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: tenant.password }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const token = /guanxi_sid=([^;]+)/.exec(login.headers.get('set-cookie') ?? '')?.[1];
    if (!token) throw new Error('login set no session cookie');
    const cookie = `guanxi_sid=${token}`;
    const tokenHash = createHash('sha256').update(token).digest('hex');

    // ---- the baselines: bare Fastify, same process, same database handle ----
    const bare = Fastify();
    servers.push(bare);
    bare.get('/hello', async () => ({ hello: 'world' }));
    // the same bytes /auth/me answers, without auth or serialization: what the payload alone costs
    const meBody = await (await fetch(`${appUrl}/api/v1/auth/me`, { headers: { cookie } })).text();
    bare.get('/me-body', async (_req, reply) => reply.type('application/json').send(meBody));
    bare.get('/session', async (req) => {
      const sid = /guanxi_sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? '';
      const [row] = await bench.raw(SESSION_SQL, [createHash('sha256').update(sid).digest('hex')]);
      return row;
    });
    bare.get('/users', async () => ({ data: await bench.raw(USERS_PAGE_SQL, [tenant.tenant.id]) }));
    await bare.listen({ host: '127.0.0.1', port: 0 });
    const bareUrl = address(bare);

    const targets = [
      { key: 'bare', name: 'A  bare Fastify GET /hello', url: `${bareUrl}/hello` },
      { key: 'bareSession', name: 'B  bare route + raw session SQL', url: `${bareUrl}/session` },
      { key: 'authMe', name: 'C  app GET /api/v1/auth/me', url: `${appUrl}/api/v1/auth/me` },
      { key: 'bareMeBody', name: 'A2 bare route sending /auth/me’s bytes', url: `${bareUrl}/me-body` },
      { key: 'bareUsers', name: 'D0 bare route + raw users page SQL', url: `${bareUrl}/users` },
      {
        key: 'users',
        name: 'D  app GET /api/v1/users?page=1&pageSize=20',
        url: `${appUrl}/api/v1/users?page=1&pageSize=20`,
      },
    ] as const;
    for (const target of targets) {
      const res = await fetch(target.url, { headers: { cookie } });
      if (res.status !== 200) throw new Error(`${target.url}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }

    // ---- what one request does on the database ----
    const queriesPer = {
      authMe: await countQueries(bench, () =>
        fetch(targets[2].url, { headers: { cookie } }).then((r) => r.text()),
      ),
      users: await countQueries(bench, () =>
        fetch(targets[5].url, { headers: { cookie } }).then((r) => r.text()),
      ),
    };

    // ---- load: targets interleaved, `rounds` times; the median round counts ----
    const http: Record<string, LoadResult> = {};
    const allRounds: Record<string, LoadResult[]> = Object.fromEntries(targets.map((x) => [x.key, []]));
    const rows: Row[] = [];
    console.log(
      `load: autocannon in a child process, ${opts.connections} connections, ${opts.seconds} s per target ` +
        `after 1 s warm-up, ${opts.rounds} round(s), 127.0.0.1`,
    );
    for (let round = 1; round <= opts.rounds; round++) {
      for (const target of targets) {
        const r = await measureHttp({
          url: target.url,
          headers: { cookie },
          connections: opts.connections,
          seconds: opts.seconds,
          warmupSeconds: 1,
        });
        allRounds[target.key].push(r);
        const tag = opts.rounds > 1 ? ` (round ${round})` : '';
        process.stdout.write(`  ${target.name}${tag}: ${fmt.rate(r.reqPerSec)} req/s\n`);
      }
    }
    for (const target of targets) {
      const byRate = [...allRounds[target.key]].sort((a, b) => a.reqPerSec - b.reqPerSec);
      const r = byRate[Math.floor((byRate.length - 1) / 2)];
      http[target.key] = r;
      const result = { perSec: r.reqPerSec, p50: r.p50, p95: r.p95, count: r.requests, errors: 0, non2xx: 0 };
      for (const x of allRounds[target.key]) {
        result.errors += x.errors + x.timeouts;
        result.non2xx += x.non2xx;
      }
      rows.push({ name: target.name, kind: 'http', result });
    }

    // ---- direct on the database handle: no HTTP, one at a time ----
    const direct = {
      usersPageSql: await timeLoop(() => bench.raw(USERS_PAGE_SQL, [tenant.tenant.id]), 3000),
      sessionSql: await timeLoop(() => bench.raw(SESSION_SQL, [tokenHash]), 2000),
      // The app's own pieces of /auth/me, to see where its time goes.
      appSessionLookup: await timeLoop(() => findSessionPrincipal(db, tokenHash), 1500),
      appMeService: await timeLoop(async () => {
        const row = await findSessionPrincipal(db, tokenHash);
        if (!row) throw new Error('session vanished');
        return me(toPrincipal(row, 'session'));
      }, 1500),
      appInjectAuthMe: await timeLoop(
        () => app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } }),
        1500,
      ),
      bareInjectHello: await timeLoop(() => bare.inject({ method: 'GET', url: '/hello' }), 1500),
      // The floor of one statement: straight on the driver vs through drizzle.
      rawSelect1: await timeLoop(() => bench.raw('SELECT 1'), 1000),
      drizzleSelect1: await timeLoop(() => db.execute(sql`SELECT 1`), 1000),
    };
    rows.push({
      name: 'D1 raw users page SQL on the db handle',
      kind: 'direct',
      result: direct.usersPageSql,
    });
    rows.push({ name: 'B1 raw session SQL on the db handle', kind: 'direct', result: direct.sessionSql });

    // ---- report ----
    const ratios = {
      authMeVsBare: ratio(http.authMe.reqPerSec, http.bare.reqPerSec),
      authMeVsRawSqlRoute: ratio(http.authMe.reqPerSec, http.bareSession.reqPerSec),
      usersVsRawSqlRoute: ratio(http.users.reqPerSec, http.bareUsers.reqPerSec),
      rawSqlRouteVsBare: ratio(http.bareSession.reqPerSec, http.bare.reqPerSec),
      authMeVsSameBytes: ratio(http.authMe.reqPerSec, http.bareMeBody.reqPerSec),
    };
    const pass = ratios.authMeVsBare >= AUTH_ME_GOAL;
    console.log(`\nbackend: ${bench.backend}\n`);
    console.log(
      table(
        ['measurement', 'req/s | q/s', 'p50 ms', 'p95 ms', 'errors'],
        rows.map((r) => [
          r.kind === 'direct' ? `${r.name} (sequential)` : r.name,
          fmt.rate(r.result.perSec),
          fmt.ms(r.result.p50),
          fmt.ms(r.result.p95),
          r.kind === 'http' ? String((r.result.errors ?? 0) + (r.result.non2xx ?? 0)) : '',
        ]),
      ),
    );
    console.log(
      `\n${table(
        ['ratio (req/s ÷ req/s)', 'value', 'goal'],
        [
          ['/auth/me ÷ bare /hello', fmt.pct(ratios.authMeVsBare), `≥ 50%  ${pass ? 'PASS' : 'FAIL'}`],
          ['/auth/me ÷ bare route sending the same bytes', fmt.pct(ratios.authMeVsSameBytes), ''],
          ['/auth/me ÷ bare raw-session-SQL route', fmt.pct(ratios.authMeVsRawSqlRoute), ''],
          ['users list ÷ bare raw-page-SQL route', fmt.pct(ratios.usersVsRawSqlRoute), ''],
          ['(bare raw-session-SQL route ÷ bare /hello)', fmt.pct(ratios.rawSqlRouteVsBare), ''],
        ],
      )}`,
    );
    const us = (s: Summary) => `${(s.p50 * 1000).toFixed(0)} µs`;
    console.log(`\nwhere /auth/me spends it (p50, one at a time, no HTTP):`);
    console.log(`  statements per request: /auth/me ${queriesPer.authMe}, users list ${queriesPer.users}`);
    console.log(
      `  raw session SQL ${us(direct.sessionSql)} · app session look-up (drizzle) ${us(direct.appSessionLookup)}`,
    );
    console.log(`  session look-up + auth.me() service (3 statements) ${us(direct.appMeService)}`);
    console.log(
      `  one statement (SELECT 1): raw driver ${us(direct.rawSelect1)} · through drizzle ${us(direct.drizzleSelect1)}`,
    );
    console.log(
      `  app.inject GET /auth/me ${us(direct.appInjectAuthMe)} · bare.inject GET /hello ${us(direct.bareInjectHello)}`,
    );

    const file = writeResults('http', {
      scenario: 'http',
      at: new Date().toISOString(),
      backend: bench.backend,
      backendKind: bench.database.kind,
      node: process.version,
      options: opts,
      data: { departments: org.departments.length, users: org.users.length + 1 },
      http,
      direct,
      queriesPerRequest: queriesPer,
      ratios,
      goals: { authMeVsBare: { min: AUTH_ME_GOAL, pass } },
    });
    console.log(`\nresults: ${file}`);
    console.log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    for (const s of servers.reverse()) await s.close();
    await bench.dispose();
  }
}
