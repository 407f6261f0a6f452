import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { publicHits } from '../db/schema/public-hits.ts';

/**
 * Counts one hit on each key in the current minute's window and answers the counts: a
 * fixed-window counter in the database, so a limit holds across processes and replicas. The
 * first hit of a window on `sweepOn` (a form's key) sweeps windows older than ten minutes: once a
 * minute per form. Public endpoints that write (the leads' web forms, the public ticket form)
 * bound themselves with it.
 */
export async function countPublicHits(db: Db, keys: string[], sweepOn?: string) {
  const values = sql.join(
    keys.map((k) => sql`(${k}, date_trunc('minute', now()), 1)`),
    sql`, `,
  );
  const result = await db.execute(sql`INSERT INTO public_hits (key, window_start, count) VALUES ${values}
    ON CONFLICT (key, window_start) DO UPDATE SET count = public_hits.count + 1
    RETURNING key, count, extract(epoch FROM (window_start + interval '1 minute' - now()))::int AS retry_after`);
  const rows = result.rows as { key: string; count: number; retry_after: number }[];
  if (rows.some((r) => r.key === sweepOn && Number(r.count) === 1))
    await db.delete(publicHits).where(sql`${publicHits.windowStart} < now() - interval '10 minutes'`);
  return rows.map((r) => ({
    key: r.key,
    count: Number(r.count),
    retryAfter: Math.max(1, Number(r.retry_after)),
  }));
}

/**
 * A public submission counted against the address's limit and the form's own: the seconds to
 * wait when either is over (answer 429 RATE_LIMITED with Retry-After), else undefined.
 */
export async function publicLimit(
  db: Db,
  ip: string,
  perIpPerMinute: number,
  form?: { key: string; perMinute: number },
): Promise<number | undefined> {
  const hits = await countPublicHits(db, form ? [`ip:${ip}`, form.key] : [`ip:${ip}`], form?.key);
  const over = hits.find((h) => (h.key === form?.key ? h.count > form.perMinute : h.count > perIpPerMinute));
  return over?.retryAfter;
}
