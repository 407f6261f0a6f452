import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/** 流失设置 per tenant (one row, made on first read): when a warning is raised and how risk is weighed. */
export const churnSettings = pgTable(
  'churn_settings',
  {
    ...baseColumns(),
    /** A customer whose last order (or ownership, never ordered) is older than this many months is warned. */
    months: integer('months').notNull().default(6),
    /** 暂缓流失 at most this many times per record. */
    maxDelays: integer('max_delays').notNull().default(2),
    /** 确认流失 puts the customer into the pool covering its department (when there is one). */
    poolOnConfirm: boolean('pool_on_confirm').notNull().default(false),
    recencyWeight: integer('recency_weight').notNull().default(50),
    frequencyWeight: integer('frequency_weight').notNull().default(25),
    monetaryWeight: integer('monetary_weight').notNull().default(25),
  },
  (t) => [
    uniqueIndex('churn_settings_tenant_uq').on(t.tenantId),
    check(
      'churn_settings_weights_ck',
      sql`${t.recencyWeight} >= 0 AND ${t.frequencyWeight} >= 0 AND ${t.monetaryWeight} >= 0 AND ${t.recencyWeight} + ${t.frequencyWeight} + ${t.monetaryWeight} = 100`,
    ),
  ],
);

/**
 * 流失预警 of a customer: warning → delayed (暂缓) → warning again when `until` passes, or confirmed
 * (确认流失), or recovered by a new order. Owner and department are the customer's when the record
 * was raised: what the churn scope filters on.
 */
export const churnRecords = pgTable(
  'churn_records',
  {
    ...baseColumns(),
    customerId: uuid('customer_id').notNull(),
    status: text('status', { enum: ['warning', 'delayed', 'confirmed', 'recovered'] }).notNull(),
    ownerId: uuid('owner_id'),
    departmentId: uuid('department_id'),
    /** The customer's risk score: at creation, refreshed nightly while the record is open. */
    risk: smallint('risk').notNull().default(0),
    /** The customer's last order when the warning was raised (null: never ordered). */
    lastOrderAt: tz('last_order_at'),
    delays: integer('delays').notNull().default(0),
    measures: text('measures'),
    until: date('until'),
    /** Dictionary `churn-reason`. */
    reasonId: uuid('reason_id'),
    /** The order that recovered the customer. */
    recoveredBy: text('recovered_by'),
    closedAt: tz('closed_at'),
  },
  (t) => [
    // exactly one open record per customer, however often the job runs
    uniqueIndex('churn_records_open_uq')
      .on(t.tenantId, t.customerId)
      .where(sql`${t.status} IN ('warning', 'delayed')`),
    // the list: a status by risk, highest first
    index('churn_records_list_idx').on(t.tenantId, t.status, t.risk, t.id),
    index('churn_records_owner_idx').on(t.tenantId, t.ownerId, t.status),
    index('churn_records_department_idx').on(t.tenantId, t.departmentId, t.status),
    index('churn_records_customer_idx').on(t.tenantId, t.customerId, t.createdAt),
    // 流失分析: the warnings raised in a period
    index('churn_records_created_idx').on(t.tenantId, t.createdAt),
    // delayed records whose date has come back as warnings
    index('churn_records_until_idx').on(t.tenantId, t.until).where(sql`${t.status} = 'delayed'`),
    check('churn_records_risk_ck', sql`${t.risk} BETWEEN 0 AND 100`),
  ],
);

/** Every move of a churn record: raised, delayed, returned, confirmed, recovered. */
export const churnHistory = pgTable(
  'churn_history',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').notNull(),
    recordId: uuid('record_id').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    /** Null: the daily job. */
    userId: uuid('user_id'),
    note: text('note'),
    at: tz('at').notNull().defaultNow(),
  },
  (t) => [index('churn_history_record_idx').on(t.tenantId, t.recordId, t.at)],
);
