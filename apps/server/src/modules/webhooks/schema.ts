import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/** A subscription: record events of the tenant POSTed to `url`, signed with its secret. */
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    ...baseColumns(),
    url: text('url').notNull(),
    events: jsonb('events').$type<string[]>().notNull(),
    description: text('description'),
    /** The HMAC key, sealed with the server key (manifest `sealedColumns`); shown once. */
    secret: text('secret').notNull(),
    /**
     * The secret before the last rotation, sealed, and until when it still signs (beside the new one:
     * receivers switch over without missing a delivery); then it is no use and is cleared.
     */
    previousSecret: text('previous_secret'),
    previousSecretUntil: tz('previous_secret_until'),
    active: boolean('active').notNull().default(true),
    /** Failed attempts since the last success; 20 switch the subscription off. */
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    disabledReason: text('disabled_reason'),
    deletedAt: tz('deleted_at'),
  },
  (t) => [index('webhook_subscriptions_tenant_idx').on(t.tenantId).where(sql`${t.deletedAt} IS NULL`)],
);

/** One event for one subscription, with every attempt to POST it. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    /** The audit row that raised it (null: a ping); an event of a row goes once per subscription. */
    auditId: bigint('audit_id', { mode: 'number' }),
    event: text('event').notNull(),
    /** The JSON body, as sent. */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    /** `pending` | `succeeded` | `failed` */
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tz('next_attempt_at'),
    /** A sender took it until then (another replica's sender leaves it alone). */
    claimedUntil: tz('claimed_until'),
    responseCode: integer('response_code'),
    durationMs: integer('duration_ms'),
    responseBody: text('response_body'),
    error: text('error'),
    attemptLog: jsonb('attempt_log')
      .$type<{ at: string; responseCode: number | null; durationMs: number; error: string | null }[]>()
      .notNull()
      .default([]),
    createdAt: tz('created_at').notNull().defaultNow(),
    deliveredAt: tz('delivered_at'),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_uq').on(t.subscriptionId, t.auditId, t.event),
    index('webhook_deliveries_list_idx').on(t.tenantId, t.subscriptionId, t.createdAt),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  ],
);

/** How far the outbox has read each tenant's audit log (the last audit row id handled). */
export const webhookCursors = pgTable('webhook_cursors', {
  tenantId: uuid('tenant_id').primaryKey(),
  lastAuditId: bigint('last_audit_id', { mode: 'number' }).notNull(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});
