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
    // every route of the API, each with every junk variant: it grows with the API
  }, 180_000);

  it('a NUL or another control character in any query, body or param is 400 VALIDATION_FAILED on every route', async () => {
    const routes = t.app.routeTable.filter((r) => r.url.startsWith('/api/v1/'));
    const problems: string[] = [];
    const expect400 = (
      call: string,
      res: { statusCode: number; json(): { code?: string; details?: { path: string }[] } },
      path: string,
    ) => {
      const body = res.statusCode === 400 ? res.json() : {};
      if (res.statusCode !== 400 || body.code !== 'VALIDATION_FAILED' || body.details?.[0]?.path !== path)
        problems.push(`${call} → ${res.statusCode} ${JSON.stringify(body)}`);
    };
    const someId = '01000000-0000-7000-8000-000000000000';
    const noBody = (method: string) =>
      method === 'GET' || method === 'DELETE'
        ? ([undefined] as const)
        : (['{}', { headers: { 'content-type': 'application/json' } }] as const);
    for (const r of routes) {
      const url = r.url.replace(/:[A-Za-z]+/g, someId);
      const method = r.method as 'GET';
      // every query, every route (lists' q, the CSV/XLSX export's q, …)
      for (const [q, name] of [
        ['q=%00', 'q'],
        ['format=csv&q=a%00b', 'q'],
        ['format=xlsx&search=%01', 'search'],
        ['format=xlsx&q=%00', 'q'],
      ] as const) {
        const res = await admin.request(method, `${url}?${q}`, ...noBody(method));
        expect400(`${r.method} ${url}?${q}`, res, `querystring.${name}`);
      }
      if (r.url.includes(':')) {
        const bad = r.url.replace(/:[A-Za-z]+/, '%00').replace(/:[A-Za-z]+/g, someId);
        const param = /:([A-Za-z]+)/.exec(r.url)![1];
        const res = await admin.request(method, bad, ...noBody(method));
        expect400(`${r.method} ${bad}`, res, `params.${param}`);
      }
      if (method === 'GET' || method === 'DELETE') continue;
      // every body with text: the field's path; nested fields and keys too
      for (const [body, path] of [
        [{ name: 'a\u0000b', username: 'a\u0000b', password: 'a\u0000b', version: 1 }, 'name'],
        [{ values: { note: 'x\u001bx' } }, 'values.note'],
        [{ ids: ['ok', 'a\u0007'] }, 'ids.1'],
        ['\u0000', 'body'],
      ] as const) {
        const res = await admin.request(method, url, JSON.stringify(body), {
          headers: { 'content-type': 'application/json' },
        });
        expect400(`${r.method} ${url} ${JSON.stringify(body)}`, res, path);
      }
    }
    expect(problems).toEqual([]);
    // tab, line feed and carriage return stay allowed in text
    const dept = await admin.post('/api/v1/departments', {
      name: 'a\tb',
      parentId: t.tenant.rootDepartmentId,
    });
    expect(dept.statusCode, dept.body).toBeLessThan(500);
    expect(dept.json().code).not.toBe('VALIDATION_FAILED');
    // the admin is still signed in (logout's NUL body never reached its handler)
    expect((await admin.get('/api/v1/auth/me')).statusCode).toBe(200);
  });

  it('a NUL in the login form without a session is 400 VALIDATION_FAILED', async () => {
    for (const payload of [
      { username: 'a\u0000b', password: 'x' },
      { username: 'admin', password: 'p\u0000' },
      { username: 'admin', password: 'x', tenant: '\u0000' },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [
          {
            path: Object.keys(payload).find((k) => (payload as Record<string, string>)[k].includes('\u0000')),
          },
        ],
      });
    }
  });

  it('a malformed multipart body is a 4xx on every route that takes a body, never a 500', async () => {
    const routes = t.app.routeTable.filter(
      (r) =>
        r.url.startsWith('/api/v1/') && !['GET', 'DELETE'].includes(r.method) && !r.url.endsWith('/logout'),
    );
    const someId = '01000000-0000-7000-8000-000000000000';
    const malformed: [string, string][] = [
      [
        'multipart/form-data',
        '--x\r\nContent-Disposition: form-data; name="entity"\r\n\r\ncustomers\r\n--x--\r\n',
      ],
      ['multipart/form-data; boundary=', 'junk'],
      ['multipart/form-data; boundary=x', 'not multipart at all'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nname\r\nA',
      ],
      ['multipart/form-data; boundary=x', '--x\r\nbroken header line\r\n\r\nvalue\r\n--x--\r\n'],
      [
        'multipart/form-data; boundary=x',
        '--x\r\nContent-Disposition: form-data; name="entity"\r\n\r\ncust\u0000omers\r\n--x--\r\n',
      ],
    ];
    let calls = 0;
    for (const r of routes) {
      const url = r.url.replace(/:[A-Za-z]+/g, someId);
      for (const [type, payload] of malformed) {
        const res = await admin.request(r.method as 'POST', url, payload, {
          headers: { 'content-type': type },
        });
        calls++;
        expect({ call: `${r.method} ${url} ${type}`, status: res.statusCode }).toEqual({
          call: `${r.method} ${url} ${type}`,
          status: expect.toSatisfy((s: number) => s >= 400 && s < 500),
        });
        expect(typeof res.json().code).toBe('string');
      }
    }
    expect(calls).toBeGreaterThan(50);
    // the upload routes: a multipart without a boundary is 400
    for (const url of ['/api/v1/imports/preview', '/api/v1/imports']) {
      const res = await admin.request('POST', url, 'junk', {
        headers: { 'content-type': 'multipart/form-data' },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().code).toBe('BAD_REQUEST');
    }
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
