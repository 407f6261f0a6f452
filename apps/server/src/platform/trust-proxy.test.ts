import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, TEST_SECRET_KEY } from '../config.ts';
import { Agent } from '../test/agent.ts';
import { unique } from '../test/factories.ts';
import { TEST_PASSWORD } from '../test/fixtures.ts';
import { createTestContext, type TestContext } from '../test/test-app.ts';

const trustOf = (GUANXI_TRUST_PROXY: string) =>
  loadConfig({ GUANXI_TRUST_PROXY, GUANXI_SECRET_KEY: TEST_SECRET_KEY }).trustProxy;

/** How many hops a setting trusts, for a hop-count setting (Fastify calls it with hop 0, 1, …). */
const hopsOf = (value: string) => {
  const trust = trustOf(value);
  if (typeof trust !== 'function') return trust;
  let hops = 0;
  while (hops < 100 && trust('192.0.2.1', hops)) hops++;
  return hops;
};

describe('GUANXI_TRUST_PROXY', () => {
  it('is a count of hops or a list of proxy addresses/CIDRs; `1` (and `true`) is one hop, never every hop', () => {
    expect(hopsOf('0')).toBe(false);
    expect(hopsOf('false')).toBe(false);
    expect(hopsOf('1')).toBe(1);
    expect(hopsOf('true')).toBe(1);
    expect(hopsOf('yes')).toBe(1);
    expect(hopsOf('2')).toBe(2);
    expect(trustOf('10.0.0.0/8, 192.168.1.10 ,::1,fd00::/8,loopback')).toEqual([
      '10.0.0.0/8',
      '192.168.1.10',
      '::1',
      'fd00::/8',
      'loopback',
    ]);
    expect(loadConfig({ GUANXI_SECRET_KEY: TEST_SECRET_KEY }).trustProxy).toBe(false);
    for (const bad of ['all', '10.0.0.0/33', '300.1.1.1', 'proxy.example', '11', '-1', '10.0.0.1/8/2'])
      expect(() => trustOf(bad), bad).toThrow(/GUANXI_TRUST_PROXY/);
  });
});

const login = (t: TestContext, xff: string, payload: object, remoteAddress = '127.0.0.1') =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload,
    remoteAddress,
    headers: { 'x-forwarded-for': xff },
  });

describe('behind one proxy (GUANXI_TRUST_PROXY=1): the client cannot pick its address', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ ...loadConfigTrust('1'), loginIpLimit: 30 });
  });
  afterAll(() => t.close());

  it('rotating X-Forwarded-For: 198.51.100.<i>, 127.0.0.52 does not defeat the login throttle', async () => {
    const codes: number[] = [];
    for (let i = 1; i <= 40; i++) {
      const res = await login(t, `198.51.100.${i}, 127.0.0.52`, {
        username: unique('x'),
        password: 'x1234567',
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
    expect(codes.slice(30)).toEqual(Array(10).fill(429));
  });

  it('sessions and the audit record the address the proxy saw, not the forged one', async () => {
    // the proxy (10.0.0.2) appends the address it saw (203.0.113.7) to what the client sent
    const res = await login(
      t,
      '198.51.100.99, 127.0.0.52, 203.0.113.7',
      { username: 'admin', password: TEST_PASSWORD },
      '10.0.0.2',
    );
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'guanxi_sid')!;
    const body = res.json();
    const admin = new Agent(t.app, `guanxi_sid=${cookie.value}`, body.csrfToken, body.user);
    const sessions = (await admin.get('/api/v1/sessions')).json().data as { ip: string | null }[];
    expect(sessions.map((s) => s.ip)).toContain('203.0.113.7');
    expect(JSON.stringify(sessions)).not.toMatch(/198\.51\.100|127\.0\.0\.52/);
    const logs = (await admin.get(`/api/v1/audit-logs?userId=${body.user.id}&action=login`)).json().data as {
      ip: string | null;
    }[];
    expect(logs.length).toBeGreaterThan(0);
    expect(logs[0].ip).toBe('203.0.113.7');
  });
});

describe('a list of proxies (GUANXI_TRUST_PROXY=10.0.0.0/24): only they may add to X-Forwarded-For', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await createTestContext({ ...loadConfigTrust('10.0.0.0/24'), loginIpLimit: 5 });
  });
  afterAll(() => t.close());

  const ipOf = async (xff: string, remoteAddress: string) => {
    const res = await login(t, xff, { username: 'admin', password: TEST_PASSWORD }, remoteAddress);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const agent = new Agent(
      t.app,
      `guanxi_sid=${res.cookies.find((c) => c.name === 'guanxi_sid')!.value}`,
      body.csrfToken,
      body.user,
    );
    const mine = (await agent.get('/api/v1/sessions')).json().data as { ip: string; current: boolean }[];
    return mine.find((s) => s.current)?.ip;
  };

  it('takes the first address from the right that no listed proxy added', async () => {
    // through two of our proxies: the client is the address the first of them saw
    expect(await ipOf('198.51.100.1, 203.0.113.8, 10.0.0.3', '10.0.0.2')).toBe('203.0.113.8');
    // straight from the internet: the header is the client's own words, ignored
    expect(await ipOf('10.0.0.3', '203.0.113.9')).toBe('203.0.113.9');
  });
});

function loadConfigTrust(value: string) {
  return { trustProxy: trustOf(value) };
}
