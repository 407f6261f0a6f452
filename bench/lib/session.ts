/** A signed-in client of the app under measurement, and the baselines' statement replay. */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { BenchDatabase, Statement } from './database.ts';

export type Session = {
  cookie: string;
  /** The session token (the cookie's value), to find the session's principal. */
  token: string;
  /** Sent back as `x-csrf-token` on writes. */
  csrf: string;
};

/** Signs in over HTTP and returns the session cookie and CSRF token. */
export async function login(
  url: string,
  username: string,
  password: string,
  tenant: string,
): Promise<Session> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, tenant }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  const token = /guanxi_sid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!token) throw new Error('login set no session cookie');
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: `guanxi_sid=${token}`, token, csrf: body.csrfToken };
}

/** The loopback URL a listening Fastify instance answers on. */
export const address = (app: FastifyInstance) =>
  `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

/** fetch, once more when a kept-alive connection was closed under it (idle for minutes during the load runs). */
export async function get(url: string, headers: Record<string, string>): Promise<Response> {
  try {
    return await fetch(url, { headers });
  } catch (err) {
    if ((err as { cause?: { code?: string } }).cause?.code !== 'ECONNRESET') throw err;
    return fetch(url, { headers });
  }
}

/** Replays captured statements raw on the driver, one after the other; the first one's rows. */
export async function runStatements(bench: BenchDatabase, statements: Statement[]) {
  let first: unknown[] = [];
  for (const [i, s] of statements.entries()) {
    const rows = await bench.raw(s.text, s.params);
    if (i === 0) first = rows;
  }
  return first;
}

/** `EXPLAIN (ANALYZE, BUFFERS)` of a captured statement, as text. */
export async function explain(bench: BenchDatabase, s: Statement): Promise<string> {
  if (/^\s*EXPLAIN/i.test(s.text))
    return `(the app's own estimate: ${s.text.slice(0, 40).replace(/\s+/g, ' ')}…)`;
  const rows = await bench.raw<Record<string, string>>(`EXPLAIN (ANALYZE, BUFFERS) ${s.text}`, s.params);
  return rows.map((r) => Object.values(r)[0]).join('\n');
}
