import {
  type CreateReportSubscription,
  type Locale,
  type ReportQuery,
  type ReportSubscription,
  type ReportSubscriptionFrequency,
  type ReportSubscriptionOutcome,
  reportSubscriptionLimits,
  type UpdateReportSubscription,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { auditUpdate, writeAudit } from '../../platform/audit.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { requireUpdated } from '../../platform/optimistic.ts';
import type { ServerKey } from '../../platform/secrets.ts';
import { reportDefinition } from './kit/catalog.ts';
import type { ReportDefinition } from './kit/definition.ts';
import { checkReport } from './kit/run.ts';
import { deliver } from './subscriptions-mail.ts';
import * as repo from './subscriptions-repository.ts';
import { nextRunAt } from './subscriptions-schedule.ts';

const ENTITY = 'report_subscriptions';
/** A manual send of one subscription at most this often (it mails a file each time). */
const SEND_NOW_SECONDS = 30;

/** The parameters every report takes; the rest of a query are the report's own filters. */
const COMMON_KEYS = ['range', 'from', 'to', 'compare', 'groupBy', 'groupBy2', 'top'];

/**
 * The query as it is kept: only what the report reads (its common parameters and its own
 * filters), checked by the report itself as the caller would run it now — 404 for a report the
 * caller may not run, 400 on the field of a bad value. A custom period would send the same days
 * every time, so a subscription takes a named one.
 */
function keptQuery(c: Caller, d: ReportDefinition, q: ReportQuery): Record<string, string | number> {
  const keys = new Set([...COMMON_KEYS, ...d.filters.map((f) => f.key)]);
  const kept: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(q)) if (keys.has(k) && v !== undefined && v !== '') kept[k] = v;
  checkReport(c, d, kept as ReportQuery);
  if (kept.range === 'custom')
    throw invalid('range', 'a subscription takes a named period (last week, this month …), not fixed dates');
  return kept;
}

const daysOk = (frequency: string, day: number) => {
  if (frequency === 'weekly' && day > 7) throw invalid('day', 'a weekday is 1 (Monday) to 7 (Sunday)');
};

function toApi(r: repo.SubscriptionRow, locale: Locale): ReportSubscription {
  const d = reportDefinition(r.reportCode);
  return {
    id: r.id,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    reportCode: d.code,
    reportName: d.name[locale],
    query: r.query,
    frequency: r.frequency as ReportSubscriptionFrequency,
    day: r.day,
    hour: r.hour,
    title: r.title,
    locale: r.locale as Locale,
    active: r.active,
    nextRunAt: r.nextRunAt.toISOString(),
    lastSentAt: r.lastSentAt?.toISOString() ?? null,
    lastRunAt: r.lastRunAt?.toISOString() ?? null,
    lastOutcome: r.lastOutcome as ReportSubscriptionOutcome | null,
    lastError: r.lastError,
  };
}

/** What the audit keeps of a subscription. */
const audited = (r: repo.SubscriptionRow) => ({
  query: JSON.stringify(r.query),
  frequency: r.frequency,
  day: r.day,
  hour: r.hour,
  title: r.title,
  locale: r.locale,
  active: r.active,
});
const summaryOf = (r: repo.SubscriptionRow) => r.title || reportDefinition(r.reportCode).name['zh-CN'];

/** My subscriptions (only mine: each user subscribes for themselves). */
export async function listSubscriptions(db: Db, c: Caller, locale: Locale): Promise<ReportSubscription[]> {
  const rows = await repo.listMine(db, c.p.tenantId, c.p.userId);
  return rows.map((r) => toApi(r, locale));
}

async function mineOr404(db: Db, c: Caller, id: string) {
  const row = await repo.findMine(db, c.p.tenantId, c.p.userId, id);
  if (!row) throw notFound();
  return row;
}

export async function createSubscription(
  db: Db,
  c: Caller,
  input: CreateReportSubscription,
  locale: Locale,
  now = new Date(),
): Promise<ReportSubscription> {
  const d = reportDefinition(input.reportCode);
  const query = keptQuery(c, d, input.query);
  daysOk(input.frequency, input.day);
  const row = await db.transaction(async (tx) => {
    await repo.lockUser(tx, c.p.userId);
    if ((await repo.countMine(tx, c.p.tenantId, c.p.userId)) >= reportSubscriptionLimits.perUser)
      throw new AppError('REPORT_SUBSCRIPTION_LIMIT', { limit: reportSubscriptionLimits.perUser });
    const [created] = await repo.insert(tx, {
      id: uuidv7(),
      tenantId: c.p.tenantId,
      createdBy: c.p.userId,
      userId: c.p.userId,
      reportCode: d.code,
      query,
      frequency: input.frequency,
      day: input.day,
      hour: input.hour,
      title: input.title || null,
      locale: input.locale ?? locale,
      active: input.active,
      nextRunAt: nextRunAt(input, c.timeZone, now),
    });
    await writeAudit(tx, c.actor, {
      action: 'create',
      entity: ENTITY,
      entityId: created.id,
      summary: summaryOf(created),
      changes: Object.fromEntries(Object.entries(audited(created)).map(([k, v]) => [k, [null, v]])),
    });
    return created;
  });
  return toApi(row, locale);
}

/**
 * Changes what is named; a new schedule (or switching it back on) sets the next run from now, so
 * a subscription paused for weeks does not send the runs it missed.
 */
export async function updateSubscription(
  db: Db,
  c: Caller,
  id: string,
  input: UpdateReportSubscription,
  locale: Locale,
  now = new Date(),
): Promise<ReportSubscription> {
  const before = await mineOr404(db, c, id);
  const d = reportDefinition(before.reportCode);
  const query = input.query ? keptQuery(c, d, input.query) : undefined;
  const schedule = {
    frequency: (input.frequency ?? before.frequency) as ReportSubscriptionFrequency,
    day: input.day ?? before.day,
    hour: input.hour ?? before.hour,
  };
  daysOk(schedule.frequency, schedule.day);
  const active = input.active ?? before.active;
  const rescheduled =
    schedule.frequency !== before.frequency ||
    schedule.day !== before.day ||
    schedule.hour !== before.hour ||
    (active && !before.active);
  const row = await db.transaction(async (tx) => {
    const rows = await repo.updateVersioned(tx, id, input.version, {
      ...(query ? { query } : {}),
      ...schedule,
      ...(input.title !== undefined ? { title: input.title || null } : {}),
      ...(input.locale ? { locale: input.locale } : {}),
      active,
      ...(rescheduled ? { nextRunAt: nextRunAt(schedule, c.timeZone, now), attempts: 0 } : {}),
    });
    const updated = await requireUpdated(rows, async () =>
      Boolean(await repo.findMine(tx, c.p.tenantId, c.p.userId, id)),
    );
    await auditUpdate(
      tx,
      c.actor,
      { entity: ENTITY, entityId: id, summary: summaryOf(updated) },
      audited(before),
      audited(updated),
    );
    return updated;
  });
  return toApi(row, locale);
}

export async function deleteSubscription(db: Db, c: Caller, id: string, version: number) {
  const before = await mineOr404(db, c, id);
  await db.transaction(async (tx) => {
    const rows = await repo.deleteVersioned(tx, id, version);
    await requireUpdated(rows, async () => Boolean(await repo.findMine(tx, c.p.tenantId, c.p.userId, id)));
    await writeAudit(tx, c.actor, {
      action: 'delete',
      entity: ENTITY,
      entityId: id,
      summary: summaryOf(before),
      changes: Object.fromEntries(Object.entries(audited(before)).map(([k, v]) => [k, [v, null]])),
    });
  });
}

/**
 * 立即发送: one of my subscriptions now, to try it — the same mail the schedule sends, as I am
 * now; the outcome is recorded (the schedule stays as it is). At most once in SEND_NOW_SECONDS.
 */
export async function sendNow(
  db: Db,
  readDb: Db,
  key: ServerKey,
  c: Caller,
  id: string,
  locale: Locale,
  now = new Date(),
): Promise<ReportSubscription> {
  const row = await mineOr404(db, c, id);
  if (row.lastRunAt && now.getTime() - row.lastRunAt.getTime() < SEND_NOW_SECONDS * 1000)
    throw new AppError('RATE_LIMITED');
  const result = await deliver(db, readDb, key, { ...row, timeZone: c.timeZone }, now);
  await repo.record(db, id, {
    lastRunAt: now,
    lastOutcome: result.outcome,
    lastError: result.error,
    ...(result.outcome === 'sent' ? { lastSentAt: now } : {}),
  });
  return toApi({ ...(await mineOr404(db, c, id)) }, locale);
}
