import type {
  ChurnHistoryEntry,
  ChurnListQuery,
  ChurnRecord,
  ChurnRunResult,
  ChurnSettings,
  ChurnStatus,
  ConfirmChurn,
  DelayChurn,
  ListResponse,
  UpdateChurnSettings,
} from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Actor, writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { dateText, isoOf, todayIn } from '../../platform/dates.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import {
  churnCandidates,
  customerChurnFacts,
  markChurned,
  moveChurnedToPool,
  setRiskScores,
} from '../customers/churn-service.ts';
import { assertChoosable } from '../dictionaries/service.ts';
import { notify } from '../notifications/service.ts';
import { orderFactsSince } from '../orders/rfm-service.ts';
import { allTenants } from '../organization/tenants-service.ts';
import * as repo from './repository.ts';

export const ENTITY = 'churn-records';
const SETTINGS_ENTITY = 'churn-settings';

// ---- settings ----

const toSettings = (r: repo.SettingsRow): ChurnSettings => ({
  months: r.months,
  maxDelays: r.maxDelays,
  poolOnConfirm: r.poolOnConfirm,
  weights: { recency: r.recencyWeight, frequency: r.frequencyWeight, monetary: r.monetaryWeight },
  version: r.version,
});

export async function getSettings(db: Db, tenantId: string): Promise<ChurnSettings> {
  return toSettings(await repo.settings(db, tenantId));
}

export async function updateSettings(
  db: Db,
  actor: Actor,
  input: UpdateChurnSettings,
): Promise<ChurnSettings> {
  return db.transaction(async (tx) => {
    const before = toSettings(await repo.settings(tx, actor.tenantId));
    const [row] = await repo.updateSettings(tx, actor.tenantId, input.version, {
      months: input.months,
      maxDelays: input.maxDelays,
      poolOnConfirm: input.poolOnConfirm,
      recencyWeight: input.weights.recency,
      frequencyWeight: input.weights.frequency,
      monetaryWeight: input.weights.monetary,
    });
    if (!row) throw conflict();
    const after = toSettings(row);
    const changes: Record<string, [unknown, unknown]> = {};
    for (const k of ['months', 'maxDelays', 'poolOnConfirm'] as const)
      if (before[k] !== after[k]) changes[k] = [before[k], after[k]];
    for (const k of ['recency', 'frequency', 'monetary'] as const)
      if (before.weights[k] !== after.weights[k])
        changes[`weights.${k}`] = [before.weights[k], after.weights[k]];
    await writeAudit(tx, actor, {
      action: 'update',
      entity: SETTINGS_ENTITY,
      entityId: row.id,
      summary: '流失设置',
      changes,
    });
    return after;
  });
}

// ---- records ----

function toRecord(r: Record<string, unknown>, maxDelays: number): ChurnRecord {
  return {
    id: r.id as string,
    version: Number(r.version),
    createdAt: isoOf(r.created_at) as string,
    updatedAt: isoOf(r.updated_at) as string,
    customerId: r.customer_id as string,
    customerName: (r.customer_name as string | null) ?? '',
    status: r.status as ChurnStatus,
    ownerId: (r.owner_id as string | null) ?? null,
    ownerName: (r.owner_name as string | null) ?? null,
    departmentId: (r.department_id as string | null) ?? null,
    departmentName: (r.department_name as string | null) ?? null,
    risk: Number(r.risk),
    lastOrderAt: isoOf(r.last_order_at),
    delays: Number(r.delays),
    maxDelays,
    measures: (r.measures as string | null) ?? null,
    until: r.until == null ? null : dateText(r.until),
    reasonId: (r.reason_id as string | null) ?? null,
    reasonName: (r.reason_name as string | null) ?? null,
    recoveredBy: (r.recovered_by as string | null) ?? null,
    closedAt: isoOf(r.closed_at),
  };
}

/** 流失预警 in the caller's churn scope, highest risk first (filters status, customer, owner, q). */
export async function listRecords(db: Db, c: Caller, q: ChurnListQuery): Promise<ListResponse<ChurnRecord>> {
  const [page, s] = await Promise.all([repo.listRecords(db, c.p, q), repo.settings(db, c.p.tenantId)]);
  return { ...page, data: page.data.map((r) => toRecord(r, s.maxDelays)) };
}

export async function getRecord(db: Db, p: Principal, id: string): Promise<ChurnRecord> {
  const row = await repo.findVisible(db, p, id);
  if (!row) throw notFound();
  return toRecord(row, (await repo.settings(db, p.tenantId)).maxDelays);
}

export async function recordHistory(db: Db, p: Principal, id: string): Promise<ChurnHistoryEntry[]> {
  if (!(await repo.findVisible(db, p, id))) throw notFound();
  return (await repo.history(db, p.tenantId, id)).map((h) => ({
    id: h.id as string,
    fromStatus: (h.from_status as ChurnStatus | null) ?? null,
    toStatus: h.to_status as ChurnStatus,
    userId: (h.user_id as string | null) ?? null,
    userName: (h.user_name as string | null) ?? null,
    note: (h.note as string | null) ?? null,
    at: isoOf(h.at) as string,
  }));
}

/** The record locked in scope at the version read, in one of the statuses the move starts from. */
async function lockForMove(tx: Db, p: Principal, id: string, version: number, from: readonly ChurnStatus[]) {
  const row = await repo.findVisible(tx, p, id, true);
  if (!row) throw notFound();
  if (Number(row.version) !== version) throw conflict();
  if (!from.includes(row.status as ChurnStatus)) throw new AppError('INVALID_TRANSITION');
  return row;
}

/**
 * 暂缓流失: measures taken and a date (after today, the tenant's) until which the warning stays
 * away; at most the setting's times per record (409 CHURN_DELAY_LIMIT). A delayed record may be
 * delayed again (a new date), which counts.
 */
export async function delayRecord(db: Db, c: Caller, id: string, input: DelayChurn): Promise<ChurnRecord> {
  if (input.until <= todayIn(c.timeZone)) throw invalid('until', 'must be after today');
  await db.transaction(async (tx) => {
    const before = await lockForMove(tx, c.p, id, input.version, ['warning', 'delayed']);
    const s = await repo.settings(tx, c.p.tenantId);
    if (Number(before.delays) >= s.maxDelays) throw new AppError('CHURN_DELAY_LIMIT');
    await repo.updateRecord(
      tx,
      c.p.tenantId,
      id,
      input.version,
      sql`status = 'delayed', delays = delays + 1, measures = ${input.measures}, until = ${input.until}::date`,
    );
    await repo.addHistory(tx, {
      tenantId: c.p.tenantId,
      recordId: id,
      from: before.status as ChurnStatus,
      to: 'delayed',
      userId: c.p.userId,
      note: `${input.until}：${input.measures}`,
    });
    await writeAudit(tx, c.actor, {
      action: 'delay',
      entity: ENTITY,
      entityId: id,
      summary: `${before.customer_name}：${input.measures}`,
      changes: {
        status: [before.status, 'delayed'],
        until: [before.until == null ? null : dateText(before.until), input.until],
        delays: [Number(before.delays), Number(before.delays) + 1],
      },
    });
  });
  return getRecord(db, c.p, id);
}

/**
 * 确认流失 with a reason: the record closes, the customer is flagged lost (churnedAt) and, by the
 * tenant's setting, goes into the pool covering its department.
 */
export async function confirmRecord(
  db: Db,
  c: Caller,
  id: string,
  input: ConfirmChurn,
): Promise<ChurnRecord> {
  await assertChoosable(db, c.p.tenantId, 'reason', 'churn-reason', input.reason);
  await db.transaction(async (tx) => {
    const before = await lockForMove(tx, c.p, id, input.version, ['warning', 'delayed']);
    const now = new Date();
    await repo.updateRecord(
      tx,
      c.p.tenantId,
      id,
      input.version,
      sql`status = 'confirmed', reason_id = ${input.reason}, closed_at = ${now.toISOString()}::timestamptz`,
    );
    await repo.addHistory(tx, {
      tenantId: c.p.tenantId,
      recordId: id,
      from: before.status as ChurnStatus,
      to: 'confirmed',
      userId: c.p.userId,
    });
    await writeAudit(tx, c.actor, {
      action: 'confirm',
      entity: ENTITY,
      entityId: id,
      summary: String(before.customer_name),
      changes: { status: [before.status, 'confirmed'], reasonId: [null, input.reason] },
    });
    const customerId = before.customer_id as string;
    await markChurned(tx, c.actor, customerId, now, '确认流失');
    const s = await repo.settings(tx, c.p.tenantId);
    if (s.poolOnConfirm) await moveChurnedToPool(tx, c.actor, customerId, '确认流失');
  });
  return getRecord(db, c.p, id);
}

// ---- the daily job ----

/** The instant `months` calendar months before `now`. */
export function monthsBefore(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/**
 * The daily churn run of one tenant, in one transaction: warnings raised for every qualifying
 * customer without an open record (one statement), delayed records whose date has come back as
 * warnings (one statement), and one notification per owner ("N 个客户流失预警").
 */
export async function runChurn(
  db: Db,
  tenantId: string,
  timeZone: string,
  now = new Date(),
): Promise<ChurnRunResult> {
  return db.transaction(async (tx) => {
    const s = await repo.settings(tx, tenantId);
    const created = await repo.raiseWarnings(
      tx,
      tenantId,
      churnCandidates(tenantId, monthsBefore(now, s.months)),
    );
    const returned = await repo.returnDue(tx, tenantId, todayIn(timeZone, now));
    const perOwner = new Map<string, number>();
    for (const r of [...created, ...returned])
      if (r.owner_id) perOwner.set(r.owner_id, (perOwner.get(r.owner_id) ?? 0) + r.n);
    for (const [userId, count] of perOwner)
      await notify(tx, {
        tenantId,
        userId,
        kind: 'churn.warning',
        data: { count },
        title: `${count} 个客户流失预警`,
        link: '/churn?status=warning',
      });
    const sum = (rows: { n: number }[]) => rows.reduce((a, r) => a + r.n, 0);
    return { created: sum(created), returned: sum(returned) };
  });
}

/**
 * The nightly risk score of one tenant: every active customer's score in one statement (the
 * customers module's, fed by the orders module's 12-month facts), then open records take it
 * with the customer's owner and department now.
 */
export async function scoreRisks(db: Db, tenantId: string, now = new Date()): Promise<number> {
  return db.transaction(async (tx) => {
    const s = await repo.settings(tx, tenantId);
    const weights = { recency: s.recencyWeight, frequency: s.frequencyWeight, monetary: s.monetaryWeight };
    const changed = await setRiskScores(
      tx,
      tenantId,
      weights,
      now,
      orderFactsSince(tenantId, monthsBefore(now, 12)),
    );
    await repo.refreshOpenRecords(tx, tenantId, customerChurnFacts(tenantId));
    return changed;
  });
}

/** Every tenant, one after the other: scores first, so new warnings carry tonight's risk. */
export async function runNightly(db: Db, now = new Date()) {
  let created = 0;
  for (const t of await allTenants(db)) {
    await scoreRisks(db, t.id, now);
    created += (await runChurn(db, t.id, t.timezone, now)).created;
  }
  return created;
}
