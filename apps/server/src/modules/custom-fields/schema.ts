import { sql } from 'drizzle-orm';
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/**
 * Custom fields (自定义字段) of every entity that registers for them. Values live in the
 * records' own `custom` jsonb column under `key`; this table holds the definitions.
 */
export const customFields = pgTable(
  'custom_fields',
  {
    ...baseColumns(),
    /** `customers`, `contacts`, … (the server's entity registry). */
    entity: text('entity').notNull(),
    /** Generated machine key (`cf_k3x9a2`): the record's `custom` key; never reused, even after delete. */
    key: text('key').notNull(),
    title: text('title').notNull(),
    type: text('type', {
      enum: ['dropdown', 'multi-select', 'integer', 'decimal', 'text', 'date', 'user', 'phone'],
    }).notNull(),
    required: boolean('required').notNull().default(false),
    enabled: boolean('enabled').notNull().default(true),
    /** `[{value, label}]` of dropdown / multi-select fields, in order. */
    options: jsonb('options').$type<{ value: string; label: string }[]>().notNull().default([]),
    /** Key of the parent dropdown of a dependent dropdown (字段约束). */
    dependsOn: text('depends_on'),
    /** Child option value → the parent option values under which it may be chosen. */
    optionParents: jsonb('option_parents').$type<Record<string, string[]>>().notNull().default({}),
    sortOrder: integer('sort_order').notNull(),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    uniqueIndex('custom_fields_key_uq').on(t.tenantId, t.entity, t.key),
    uniqueIndex('custom_fields_title_uq')
      .on(t.tenantId, t.entity, t.title)
      .where(sql`${t.deletedAt} IS NULL`),
    index('custom_fields_order_idx').on(t.tenantId, t.entity, t.sortOrder).where(sql`${t.deletedAt} IS NULL`),
  ],
);
