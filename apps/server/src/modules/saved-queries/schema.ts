import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/** 我的查询: a named set of list filters, private to its owner or shared with the tenant. */
export const savedQueries = pgTable(
  'saved_queries',
  {
    ...baseColumns(),
    userId: uuid('user_id').notNull(),
    /** Which list it belongs to (`customers`, `contacts`, …). */
    list: text('list').notNull(),
    name: text('name').notNull(),
    query: jsonb('query').$type<Record<string, string>>().notNull(),
    shared: boolean('shared').notNull().default(false),
    deletedAt: tz('deleted_at'),
  },
  (t) => [
    index('saved_queries_owner_idx').on(t.tenantId, t.list, t.userId).where(sql`${t.deletedAt} IS NULL`),
    index('saved_queries_shared_idx')
      .on(t.tenantId, t.list)
      .where(sql`${t.shared} AND ${t.deletedAt} IS NULL`),
  ],
);
