import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/client.ts';
import { defineJob } from '../../platform/jobs.ts';
import type { ServerKey } from '../../platform/secrets.ts';
import { type Delivery, deliver } from './subscriptions-mail.ts';
import * as repo from './subscriptions-repository.ts';
import { nextRunAt, type Schedule } from './subscriptions-schedule.ts';

/**
 * 报表订阅 every 5 minutes: the subscriptions due are claimed (committed under FOR UPDATE SKIP
 * LOCKED, so a second run passes them by), each is run as its subscriber and mailed, and the
 * outcome recorded with the next run. A passing SMTP failure is tried again RETRY_MINUTES later,
 * up to MAX_ATTEMPTS; a refused address, a subscriber who may no longer run the report or has no
 * e-mail, no SMTP server — recorded, and the next run is the schedule's next time: a run missed
 * (server down, SMTP configured late) is never made up, so nothing arrives as a backlog.
 * A run stopped mid-send leaves its claim; after INTERRUPTED_MINUTES it is released to the next
 * scheduled time rather than risk a second copy.
 */

export const SUBSCRIPTIONS_JOB = 'reports.subscriptions';
export const MAX_ATTEMPTS = 3;
const RETRY_MINUTES = 15;
const INTERRUPTED_MINUTES = 30;
/** Subscriptions one run sends at most (the rest are due still and go on the next run). */
const BATCH = 50;

export type SubscriptionRunResult = { sent: number; notSent: number; retried: number };

const scheduleOf = (r: repo.DueRow) => ({ frequency: r.frequency, day: r.day, hour: r.hour }) as Schedule;

/** What a run's outcome makes of the row: the next run and the attempts. */
function afterRun(r: repo.DueRow, result: Delivery, now: Date): repo.SubscriptionChange {
  const base = { claimedAt: null, lastRunAt: now, lastOutcome: result.outcome, lastError: result.error };
  if (result.outcome === 'failed' && r.attempts + 1 < MAX_ATTEMPTS)
    return { ...base, attempts: r.attempts + 1, nextRunAt: new Date(now.getTime() + RETRY_MINUTES * 60_000) };
  return {
    ...base,
    attempts: 0,
    nextRunAt: nextRunAt(scheduleOf(r), r.timeZone, now),
    ...(result.outcome === 'sent' ? { lastSentAt: now } : {}),
  };
}

/** One run at `now`: every tenant's due subscriptions, up to BATCH. */
export async function runSubscriptions(
  db: Db,
  readDb: Db,
  key: ServerKey,
  now = new Date(),
  log?: FastifyBaseLogger,
): Promise<SubscriptionRunResult> {
  const total: SubscriptionRunResult = { sent: 0, notSent: 0, retried: 0 };
  for (const r of await repo.interrupted(db, new Date(now.getTime() - INTERRUPTED_MINUTES * 60_000)))
    await repo.record(db, r.id, afterRun(r, { outcome: 'failed', error: 'interrupted' }, now));
  for (const r of await repo.claimDue(db, now, BATCH)) {
    let result: Delivery;
    try {
      result = await deliver(db, readDb, key, r, now);
    } catch (err) {
      // a report that fails to run is this subscription's failure, not the run's
      log?.error({ err, subscription: r.id }, 'report subscription failed');
      result = { outcome: 'failed', error: (err instanceof Error ? err.message : String(err)).slice(0, 500) };
    }
    const change = afterRun(r, result, now);
    await repo.record(db, r.id, change);
    if (result.outcome === 'sent') total.sent++;
    else if (change.attempts) total.retried++;
    else total.notSent++;
  }
  if (total.sent || total.notSent || total.retried) log?.info(total, 'report subscriptions');
  return total;
}

export const subscriptionJobs = [
  defineJob<Record<string, never>>(
    SUBSCRIPTIONS_JOB,
    async (_data, { db, readDb, log, serverKey }) => {
      await runSubscriptions(db, readDb, serverKey, new Date(), log);
    },
    { schedule: { cron: '*/5 * * * *', timeZone: 'Asia/Shanghai' } },
  ),
];
