import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { baseColumns } from '../../db/schema/columns.ts';

/**
 * Items of every dictionary, one table for all types. Tree-shaped types (plan type
 * with sub-types, region) use `parent_id`. Items are invalidated, not deleted, once referenced.
 */
export const dictionaryItems = pgTable(
  'dictionary_items',
  {
    ...baseColumns(),
    type: text('type').notNull(),
    parentId: uuid('parent_id'),
    name: text('name').notNull(),
    /** The English name shown in the en-US interface (the seed provides it; admins may edit it). */
    nameEn: text('name_en'),
    /** A stable code where one exists (GB/T 2260 for regions). */
    code: text('code'),
    remark: text('remark'),
    sortOrder: integer('sort_order').notNull(),
    valid: boolean('valid').notNull().default(true),
  },
  (t) => [
    uniqueIndex('dictionary_items_name_uq').on(
      t.tenantId,
      t.type,
      sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      t.name,
    ),
    index('dictionary_items_order_idx').on(t.tenantId, t.type, t.parentId, t.sortOrder),
  ],
);
