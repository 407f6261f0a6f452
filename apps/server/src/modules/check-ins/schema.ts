import { sql } from 'drizzle-orm';
import { doublePrecision, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/**
 * 签到: one check-in as the server received it — the device's time and position (WGS-84) beside
 * the server's time, the distance to the customer, the resolved area, the photo (the original and
 * the watermarked copy, both in the files module) and the flags. Never changed after creation.
 */
export const checkIns = pgTable(
  'check_ins',
  {
    ...baseColumns(),
    /** Who checked in (the scope's owner) and their department then (the scope's department). */
    userId: uuid('user_id').notNull(),
    departmentId: uuid('department_id'),
    type: text('type', {
      enum: ['attendance-in', 'attendance-out', 'visit-in', 'visit-out', 'activity'],
    }).notNull(),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    accuracy: doublePrecision('accuracy'),
    capturedAt: tz('captured_at').notNull(),
    serverTime: tz('server_time').notNull(),
    customerId: uuid('customer_id'),
    planId: text('plan_id'),
    note: text('note'),
    distanceMeters: doublePrecision('distance_meters'),
    /** The tenant's radius when it was made. */
    radiusMeters: integer('radius_meters'),
    province: text('province'),
    city: text('city'),
    district: text('district'),
    street: text('street'),
    photoFileId: uuid('photo_file_id'),
    originalFileId: uuid('original_file_id'),
    photoSha256: text('photo_sha256'),
    photoSize: integer('photo_size'),
    photoWidth: integer('photo_width'),
    photoHeight: integer('photo_height'),
    flags: text('flags').array().notNull().default(sql`'{}'::text[]`),
    /** The client's `Idempotency-Key` and a fingerprint of what was sent with it. */
    idempotencyKey: text('idempotency_key').notNull(),
    requestHash: text('request_hash').notNull(),
  },
  (t) => [
    // a replay (same user, same key) finds the record; two at once: the second insert fails here
    uniqueIndex('check_ins_idempotency_idx').on(t.tenantId, t.userId, t.idempotencyKey),
    index('check_ins_captured_idx').on(t.tenantId, t.capturedAt, t.id),
    index('check_ins_user_captured_idx').on(t.tenantId, t.userId, t.capturedAt),
    index('check_ins_customer_idx')
      .on(t.tenantId, t.customerId, t.capturedAt)
      .where(sql`${t.customerId} IS NOT NULL`),
    // a marketing plan's 活动签到
    index('check_ins_plan_idx').on(t.tenantId, t.planId, t.capturedAt).where(sql`${t.planId} IS NOT NULL`),
    index('check_ins_photo_idx').on(t.tenantId, t.photoSha256).where(sql`${t.photoSha256} IS NOT NULL`),
  ],
);
