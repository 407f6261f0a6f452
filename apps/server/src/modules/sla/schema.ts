import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, smallint, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { baseColumns } from '../../db/schema/columns.ts';

/**
 * 服务时限 (SLA) settings of a tenant, one row: the business calendar the clocks count in. Its
 * `version` is the version of the whole settings (calendar and targets are saved together).
 */
export const slaSettings = pgTable(
  'sla_settings',
  {
    ...baseColumns(),
    /** ISO week days, 1 = Monday … 7 = Sunday. */
    workDays: smallint('work_days').array().notNull(),
    /** `HH:MM` in the tenant's time zone; `end` may be `24:00`. */
    startTime: text('start_time').notNull(),
    endTime: text('end_time').notNull(),
    /** `YYYY-MM-DD` days off (节假日), sorted. */
    holidays: jsonb('holidays').$type<string[]>().notNull().default([]),
    /** `YYYY-MM-DD` work days on a weekend (调休上班), sorted. */
    makeupDays: jsonb('makeup_days').$type<string[]>().notNull().default([]),
  },
  (t) => [uniqueIndex('sla_settings_tenant_uq').on(t.tenantId)],
);

/**
 * Response and resolution targets in business minutes per priority; a row with a `type_id`
 * (dictionary `service-type`) wins over the priority's default (type_id null) for that type.
 */
export const slaTargets = pgTable(
  'sla_targets',
  {
    ...baseColumns(),
    priority: text('priority', { enum: ['low', 'normal', 'high', 'urgent'] }).notNull(),
    typeId: uuid('type_id'),
    responseMinutes: integer('response_minutes').notNull(),
    resolutionMinutes: integer('resolution_minutes').notNull(),
  },
  (t) => [
    uniqueIndex('sla_targets_default_uq').on(t.tenantId, t.priority).where(sql`${t.typeId} IS NULL`),
    uniqueIndex('sla_targets_type_uq')
      .on(t.tenantId, t.priority, t.typeId)
      .where(sql`${t.typeId} IS NOT NULL`),
    check(
      'sla_targets_minutes_ck',
      sql`${t.responseMinutes} > 0 AND ${t.resolutionMinutes} >= ${t.responseMinutes}`,
    ),
  ],
);
