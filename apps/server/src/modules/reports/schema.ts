import { sql } from 'drizzle-orm';
import { check, integer, pgTable, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { baseColumns } from '../../db/schema/columns.ts';

/**
 * 联系频率: follow-ups a customer of a level (dictionary customer-level) needs per month. One row
 * per level that has ever had a norm; 0 means none (the row keeps its version and history).
 */
export const contactNorms = pgTable(
  'contact_norms',
  {
    ...baseColumns(),
    levelId: uuid('level_id').notNull(),
    perMonth: integer('per_month').notNull(),
  },
  (t) => [
    uniqueIndex('contact_norms_level_uq').on(t.tenantId, t.levelId),
    check('contact_norms_per_month_ck', sql`${t.perMonth} >= 0`),
  ],
);
