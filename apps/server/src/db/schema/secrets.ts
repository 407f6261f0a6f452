import { sql } from 'drizzle-orm';
import { check, pgTable, smallint, text } from 'drizzle-orm/pg-core';
import { tz } from './columns.ts';

/**
 * One row: a known text sealed with the server key the database's secrets are sealed with
 * (platform/sealed-values.ts). The first server to start writes it; every later start, on any
 * replica, must open it — so a replica started with another key stops at start, before it seals
 * anything, even while no secret is stored yet.
 */
export const secretKeyCheck = pgTable(
  'secret_key_check',
  {
    id: smallint('id').primaryKey().default(1),
    sealed: text('sealed').notNull(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [check('secret_key_check_one_row', sql`${t.id} = 1`)],
);
