import { z } from 'zod';
import { id, listQuery, listResponse, timestamp } from './common.ts';

/**
 * 签到: 上班签到 / 下班签退 (attendance), 拜访签到 / 签退 at a customer (visit), 活动签到 (activity,
 * with an optional `planId` kept for the marketing plans to come).
 */
export const checkInTypes = ['attendance-in', 'attendance-out', 'visit-in', 'visit-out', 'activity'] as const;
export type CheckInType = (typeof checkInTypes)[number];

/**
 * What the server marks on a check-in (it is kept with them, except `far_from_customer` in reject
 * mode, which refuses it):
 * - `far_from_customer`: farther from the customer's location than the tenant's radius;
 * - `low_accuracy`: the device's accuracy is worse than the tenant's accuracy limit;
 * - `late_sync`: captured more than `checkInRules.lateSyncMinutes` before it reached the server
 *   (an offline check-in sent later, or a device clock set back);
 * - `photo_reused`: the original photo's SHA-256 was seen before in the tenant;
 * - `no_location`: sent without coordinates.
 */
export const checkInFlags = [
  'far_from_customer',
  'low_accuracy',
  'late_sync',
  'photo_reused',
  'no_location',
] as const;
export type CheckInFlag = (typeof checkInFlags)[number];

/** Fixed rules of the check-in API (the tenant's own rules are `GET /settings/check-in`). */
export const checkInRules = {
  /** `capturedAt` may be at most this far ahead of the server's clock (device clock drift). */
  futureToleranceMinutes: 5,
  /** Captured this long before it reached the server → `late_sync`. */
  lateSyncMinutes: 10,
  note: 500,
  /** `GET /check-ins/nearby-customers`: `limit` bound and default. */
  nearbyLimit: { max: 50, default: 20 },
  /** `Idempotency-Key` header: 1–100 of letters, digits, `-`, `_`, `.`, `:` (a uuid fits). */
  idempotencyKey: /^[A-Za-z0-9._:-]{1,100}$/,
} as const;

/** A multipart text field as a number; an empty field is absent. */
const numberField = (min: number, max: number) =>
  z.preprocess(
    (v) => (v === '' || v == null ? undefined : v),
    z.coerce.number().min(min).max(max).optional(),
  );
const optionalText = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v == null ? undefined : v), schema.optional());

/**
 * `POST /check-ins` (multipart): these text fields and the file `photo` (a live camera shot, JPEG /
 * PNG / WebP), with the header `Idempotency-Key`. `lat`/`lng` (WGS-84) go together; without them
 * the check-in is kept flagged `no_location` (a visit check-in still needs its `customerId`).
 */
export const createCheckIn = z
  .object({
    type: z.enum(checkInTypes),
    lat: numberField(-90, 90),
    lng: numberField(-180, 180),
    /** Metres (the browser's `coords.accuracy`). */
    accuracy: numberField(0, 1_000_000),
    /** When the device took it (ISO with offset). */
    capturedAt: z.iso.datetime({ offset: true }),
    customerId: optionalText(id),
    /** 活动签到: an approved marketing plan the check-in executes (409 PLAN_NOT_APPROVED otherwise). */
    planId: optionalText(id),
    note: optionalText(z.string().trim().max(checkInRules.note)),
  })
  .refine((v) => (v.lat === undefined) === (v.lng === undefined), {
    path: ['lng'],
    message: 'lat and lng go together',
  })
  .refine((v) => !(v.type === 'visit-in' || v.type === 'visit-out') || v.customerId, {
    path: ['customerId'],
    message: 'required for a visit',
  });
export type CreateCheckIn = z.input<typeof createCheckIn>;

/** Resolved place: province/city offline from boundary data, district/street from a geocoder when set up. */
export const checkInArea = z.object({
  province: z.string().nullable(),
  city: z.string().nullable().optional(),
  district: z.string().nullable().optional(),
  street: z.string().nullable().optional(),
});
export type CheckInArea = z.infer<typeof checkInArea>;

export const checkInPhoto = z.object({
  /** The watermarked copy (what people see): `GET /files/:fileId/content` (`?thumbnail=1`). */
  fileId: z.string(),
  /** The original as taken (kept for proof; its SHA-256, size and dimensions below). */
  originalFileId: z.string(),
  sha256: z.string(),
  size: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
});
export type CheckInPhoto = z.infer<typeof checkInPhoto>;

/** `POST /check-ins` answer (201, or 200 for a replay of the same `Idempotency-Key`). */
export const checkIn = z.object({
  id: z.string(),
  type: z.enum(checkInTypes),
  userId: z.string(),
  /** The device's time. */
  capturedAt: timestamp,
  /** When the server received it. */
  serverTime: timestamp,
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  accuracy: z.number().nullable(),
  /** To the customer's location, when both are known. */
  distanceMeters: z.number().nullable(),
  area: checkInArea,
  photo: checkInPhoto.nullable(),
  flags: z.array(z.enum(checkInFlags)),
});
export type CheckIn = z.infer<typeof checkIn>;

/** A check-in in lists and `GET /check-ins/:id`. */
export const checkInItem = checkIn.extend({
  userName: z.string(),
  customerId: z.string().nullable(),
  /** Null when there is none (or the caller cannot see it). */
  customerName: z.string().nullable(),
  note: z.string().nullable(),
  planId: z.string().nullable(),
  /** The radius in force when it was made (for "1.2 km / 500 m"). */
  radiusMeters: z.number().int().nullable(),
});
export type CheckInItem = z.infer<typeof checkInItem>;

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** `GET /check-ins`: newest first; `date` is a day in the tenant's time zone. */
export const checkInListQuery = listQuery.extend({
  date: date.optional(),
  userId: id.optional(),
  type: z.enum(checkInTypes).optional(),
  customerId: id.optional(),
  /** 活动签到 against a marketing plan. */
  planId: id.optional(),
});
export type CheckInListQuery = z.input<typeof checkInListQuery>;
export const checkInListResponse = listResponse(checkInItem);

/** `GET /check-ins/nearby-customers?lat&lng&limit`: visible customers with a location, nearest first. */
export const nearbyCustomersQuery = z.object({
  lat: z.coerce.number().min(-90).max(90),
  lng: z.coerce.number().min(-180).max(180),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(checkInRules.nearbyLimit.max)
    .default(checkInRules.nearbyLimit.default),
});
export const nearbyCustomer = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  lat: z.number(),
  lng: z.number(),
  distanceMeters: z.number(),
});
export type NearbyCustomer = z.infer<typeof nearbyCustomer>;
export const nearbyCustomersResponse = z.object({ data: z.array(nearbyCustomer) });

/** `POST /check-ins/:id/set-customer-location` (设为客户位置): the customer's new location. */
export const setCustomerLocationResponse = z.object({
  customerId: z.string(),
  lat: z.number(),
  lng: z.number(),
});

// ---- attendance (考勤) ----
export const attendanceStatuses = ['normal', 'late', 'early', 'late-and-early', 'missing'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

/**
 * `GET /attendance?date=` (default today in the tenant's time zone); `GET /attendance/:id?date=`:
 * one person's day (404 outside the caller's attendance scope).
 */
export const attendanceQuery = z.object({ date: date.optional() });

/**
 * One person's day: the first 上班签到 and the last 下班签退, against the tenant's work hours
 * (`late`: first in after workStart; `early`: last out before workEnd — or none on a day that is
 * over; `missing`: no 上班签到 that day).
 */
export const attendanceRow = z.object({
  /** The user's id (rows are people). */
  id: z.string(),
  userId: z.string(),
  name: z.string(),
  departmentName: z.string().nullable(),
  checkInAt: timestamp.nullable(),
  checkOutAt: timestamp.nullable(),
  status: z.enum(attendanceStatuses),
});
export type AttendanceRow = z.infer<typeof attendanceRow>;
export const attendanceResponse = z.object({
  date: z.string(),
  workStart: z.string(),
  workEnd: z.string(),
  data: z.array(attendanceRow),
});
export type AttendanceResponse = z.infer<typeof attendanceResponse>;
