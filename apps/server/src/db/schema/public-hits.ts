import { index, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { tz } from './columns.ts';

/**
 * Fixed-window counters of public (no sign-in) submissions — per address, per form — shared by
 * every process through the database, so a limit holds across replicas. Old windows are swept.
 * Used by the leads' web forms and the tickets' public form (platform/public-hits.ts).
 */
export const publicHits = pgTable(
  'public_hits',
  {
    key: text('key').notNull(),
    windowStart: tz('window_start').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index('public_hits_window_idx').on(t.windowStart)],
);
