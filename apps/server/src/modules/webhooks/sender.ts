import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import type { CheckedTarget } from './address-guard.ts';

export const TIMEOUT_MS = 10_000;
/** How much of a receiver's answer the delivery log keeps. */
export const BODY_KEPT = 1024;

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`, the X-Guanxi-Signature header; one
 * `v1=` per secret given (after a rotation the new one, then the old one), as Stripe does.
 */
export function signature(secrets: readonly string[], body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  const v1 = secrets.map((s) => `v1=${crypto.createHmac('sha256', s).update(`${t}.${body}`).digest('hex')}`);
  return [`t=${t}`, ...v1].join(',');
}

export type PostOutcome = {
  responseCode: number | null;
  body: string | null;
  error: string | null;
  durationMs: number;
};

/**
 * POSTs `body` to the checked target, connecting to the address that was checked (the URL's host
 * still names the site: Host header, TLS server name). Never throws: a network error or the
 * 10-second timeout is an outcome without a response code.
 */
export function post(
  target: CheckedTarget,
  headers: Record<string, string>,
  body: string,
): Promise<PostOutcome> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const pinned: LookupFunction = (_host, options, callback) => {
    if ((options as { all?: boolean }).all)
      (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: target.address, family: target.family },
      ]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: Omit<PostOutcome, 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ...o, durationMs: elapsed() });
    };
    const req = client.request(
      target.url,
      {
        method: 'POST',
        lookup: pinned,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size < BODY_KEPT) chunks.push(c);
          size += c.length;
          // enough kept: stop reading a large answer
          if (size >= BODY_KEPT) res.destroy();
        });
        const finish = () =>
          done({
            responseCode: res.statusCode ?? null,
            body: Buffer.concat(chunks).subarray(0, BODY_KEPT).toString('utf8'),
            error: null,
          });
        res.on('end', finish);
        res.on('close', finish);
        res.on('error', finish);
      },
    );
    const timer = setTimeout(() => {
      done({ responseCode: null, body: null, error: `timeout after ${TIMEOUT_MS / 1000} s` });
      req.destroy();
    }, TIMEOUT_MS);
    req.on('error', (err) => done({ responseCode: null, body: null, error: err.message.slice(0, 300) }));
    req.end(body);
  });
}
