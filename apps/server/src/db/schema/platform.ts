import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tz } from './columns.ts';

/** Append-only (a trigger rejects UPDATE and DELETE). */
export const auditLogs = pgTable(
  'audit_logs',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid('tenant_id').notNull(),
    userId: uuid('user_id'),
    userName: text('user_name'),
    ip: text('ip'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: uuid('entity_id'),
    summary: text('summary'),
    changes: jsonb('changes').$type<Record<string, [unknown, unknown]>>().notNull().default({}),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('audit_logs_tenant_created_idx').on(t.tenantId, t.createdAt),
    index('audit_logs_entity_idx').on(t.tenantId, t.entity, t.entityId, t.createdAt),
    index('audit_logs_user_idx').on(t.tenantId, t.userId, t.createdAt),
  ],
);

/** Numbering rule per tenant and entity: prefix + date part + zero-padded sequence. */
export const numberingRules = pgTable(
  'numbering_rules',
  {
    tenantId: uuid('tenant_id').notNull(),
    entity: text('entity').notNull(),
    prefix: text('prefix').notNull(),
    /** `YYYYMMDD`, `YYYYMM`, `YYYY` or empty. */
    datePattern: text('date_pattern').notNull().default('YYYYMMDD'),
    sequenceWidth: integer('sequence_width').notNull().default(4),
    /** When the sequence starts again: `daily`, `monthly`, `yearly`, `never`. */
    resetPeriod: text('reset_period').notNull().default('daily'),
    separator: text('separator').notNull().default('-'),
    updatedAt: tz('updated_at').notNull().defaultNow(),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.entity] })],
);

export const numberingCounters = pgTable(
  'numbering_counters',
  {
    tenantId: uuid('tenant_id').notNull(),
    entity: text('entity').notNull(),
    periodKey: text('period_key').notNull(),
    value: bigint('value', { mode: 'number' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.entity, t.periodKey] })],
);

export const userPreferences = pgTable(
  'user_preferences',
  {
    tenantId: uuid('tenant_id').notNull(),
    userId: uuid('user_id').notNull(),
    key: text('key').notNull(),
    value: jsonb('value').notNull(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId, t.key] })],
);
