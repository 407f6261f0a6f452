import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent } from '../test/agent.ts';
import { createTestContext, type TestContext } from '../test/test-app.ts';

let t: TestContext;
let admin: Agent;
beforeAll(async () => {
  t = await createTestContext();
  admin = await t.admin();
});
afterAll(() => t.close());

const junkBodies: unknown[] = [
  null,
  [],
  'text',
  42,
  { version: 'one', name: 123, parentId: 'x', ids: 'all', status: 'gone' },
  { version: -1, name: 'x'.repeat(10_000), username: "'; DROP TABLE users; --", password: { $ne: 1 } },
  {
    version: 1e308,
    roleIds: [null],
    dataScopes: { users: 42 },
    permissions: 'users:view',
    value: { a: [1, { b: null }] },
  },
  { __proto__: { admin: true }, constructor: { prototype: { x: 1 } } },
];
const junkIds = [
  '0',
  '-1',
  'null',
  '%00',
  "1'or'1'='1",
  '01000000-0000-7000-8000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];
const junkQueries = [
  '?page=0',
  '?page=-1&pageSize=abc',
  '?sort=;drop',
  '?q=%25%5F%5C',
  '?pageSize=1e9',
  '?page=99999999999999999999',
  '?from=2026-13-45',
];

describe('no input makes a 500', () => {
  it('junk bodies, ids and queries on every API route answer 4xx with a code', async () => {
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/') && !r.url.endsWith('/logout'));
    let calls = 0;
    for (const r of routes) {
      const urls = r.url.includes(':')
        ? junkIds.map((id) => r.url.replace(/:[A-Za-z]+/g, encodeURIComponent(id)))
        : [r.url];
      for (const url of urls) {
        const variants =
          r.method === 'GET' || r.method === 'DELETE'
            ? junkQueries.map((q) => [`${url}${q}`, undefined] as const)
            : junkBodies.map((b) => [url, b] as const);
        for (const [u, body] of variants) {
          const res = await admin.request(
            r.method as 'GET',
            u,
            body === undefined ? undefined : JSON.stringify(body),
            {
              headers: { 'content-type': 'application/json' },
            },
          );
          calls++;
          expect({ call: `${r.method} ${u}`, status: res.statusCode < 500 }).toEqual({
            call: `${r.method} ${u}`,
            status: true,
          });
          if (res.statusCode >= 400) expect(typeof res.json().code).toBe('string');
        }
      }
    }
    expect(calls).toBeGreaterThan(200);
    // the admin still works and nothing was written by the junk
    expect((await admin.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('a body over 1 MiB is 413 PAYLOAD_TOO_LARGE; a non-JSON body is 415 or 400', async () => {
    const big = await admin.request(
      'POST',
      '/api/v1/departments',
      JSON.stringify({ name: 'x'.repeat(1_100_000) }),
      {
        headers: { 'content-type': 'application/json' },
      },
    );
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('PAYLOAD_TOO_LARGE');
    const xml = await admin.request('POST', '/api/v1/departments', '<x/>', {
      headers: { 'content-type': 'application/xml' },
    });
    expect(xml.statusCode).toBe(415);
  });

  it('sends security headers and a request id; never leaks stack traces', async () => {
    const res = await admin.get('/api/v1/users/01000000-0000-7000-8000-000000000000');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBeTruthy();
    expect(res.headers['x-request-id']).toBeTruthy();
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('health endpoints answer without login', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await t.app.inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ready' });
  });
});
