import { z } from 'zod';
import { PHONE_PATTERN, USERNAME_PATTERN } from './limits.ts';

/**
 * A calendar date `YYYY-MM-DD` that exists (not 2026-13-45, not 2026-02-30): an impossible date
 * is a 400 on its field, never a database error halfway through an answer or an export.
 */
export const calendarDate = z.iso.date();

/** Ids are uuid strings (v7, time-ordered). */
export const id = z.uuid();
export const idParams = z.object({ id });

/** ISO 8601 timestamp with offset. */
export const timestamp = z.string();

export const recordBase = {
  id: z.string(),
  version: z.number().int(),
  createdAt: timestamp,
  updatedAt: timestamp,
};

const MAX_PAGE_SIZE = 100;

/** Query of every list: `page`, `pageSize` ≤ 100, `sort` (`field` or `-field`), `q`. */
export const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(20),
  /** A field name, or `cf.<key>` for a custom field (lists that have them); `-` for descending. */
  sort: z
    .string()
    .regex(/^-?([A-Za-z][A-Za-z0-9]*|cf\.[a-z][a-z0-9_]{0,39})$/)
    .optional(),
  q: z.string().trim().max(100).optional(),
  /**
   * The `nextCursor` / `prevCursor` of the page shown, to move one page on (or back) by keyset:
   * constant cost at any depth, where `page` alone skips every row before it. `page` still says
   * which page that is (for the totals).
   */
  cursor: z.string().max(1000).optional(),
});

export function listResponse<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    /** true when `total` is the planner's estimate for a large set, not an exact count. */
    totalIsEstimate: z.boolean(),
    /** Pass as `cursor` (with `page` + 1) for the next page; absent on the last. */
    nextCursor: z.string().optional(),
    /** Pass as `cursor` (with `page` − 1) for the previous page; absent on the first. */
    prevCursor: z.string().optional(),
  });
}
export type ListResponse<T> = {
  data: T[];
  total: number;
  page: number;
  pageSize: number;
  totalIsEstimate: boolean;
  nextCursor?: string;
  prevCursor?: string;
};

export const errorResponse = z.object({
  code: z.string(),
  message: z.string(),
  /** Field errors; a few codes carry an object instead (DUPLICATE_CUSTOMER: `{matches}`). */
  details: z
    .union([z.array(z.object({ path: z.string(), message: z.string() })), z.record(z.string(), z.unknown())])
    .optional(),
});
export type ErrorResponse = z.infer<typeof errorResponse>;

/** `?version=` of DELETE requests. */
export const versionQuery = z.object({ version: z.coerce.number().int().min(0) });

export const okResponse = z.object({ ok: z.literal(true) });

/** Usernames: 3–32 of letters, digits, `_` and `.`. */
export const username = z.string().trim().regex(USERNAME_PATTERN);

/** Mainland mobile or landline-ish phone; stored as typed, compared digits-only. */
export const phone = z.string().trim().regex(PHONE_PATTERN);

/** A text filter value that is a comma-separated list in the query string. */
export const csv = z
  .string()
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(z.string()));

/** `GET`/`PUT /preferences/:key`: a per-user UI setting (null when unset). */
export const preference = z.object({ key: z.string(), value: z.unknown() });
export type Preference = z.infer<typeof preference>;
export const preferenceKey = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i);
