import { doublePrecision, index, pgTable, primaryKey, real, uuid } from 'drizzle-orm/pg-core';
import { tz } from '../../db/schema/columns.ts';

/**
 * 轨迹点: positions a phone on duty sends in batches. Append-only telemetry, not a business record
 * (no version, no soft delete): the key (tenant, user, at) makes a resent batch a no-op and serves
 * a user's day in time order.
 */
export const trackPoints = pgTable(
  'track_points',
  {
    tenantId: uuid('tenant_id').notNull(),
    userId: uuid('user_id').notNull(),
    /** When the phone took the position. */
    at: tz('at').notNull(),
    /** WGS-84. */
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    /** Metres, as the phone reported it. */
    accuracy: real('accuracy').notNull(),
    /** When it reached us (a batch sent after a dead spot arrives late). */
    receivedAt: tz('received_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.userId, t.at] }),
    // the monitoring page's day across people: points of the day, by time
    index('track_points_day_idx').on(t.tenantId, t.at),
  ],
);
