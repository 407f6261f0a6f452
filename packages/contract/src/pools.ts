import { z } from 'zod';
import { id, listQuery, recordBase, timestamp } from './common.ts';
import { poolLimits } from './limits.ts';

const range = (r: { min: number; max: number }) => z.number().int().min(r.min).max(r.max).nullable();
const days = range(poolLimits.recycleDays);
const limit = range(poolLimits.customers);

/** Rules of a public pool (公海); null = no such rule. */
const poolRules = {
  name: z.string().trim().min(1).max(poolLimits.name),
  /** Departments (and everything below them) that see the pool; empty = everybody. */
  departmentIds: z.array(id).max(100),
  /** Recycle a customer after N days without a follow-up … */
  recycleNoFollowUpDays: days,
  /** … or M days without a deal. */
  recycleNoDealDays: days,
  /** Remind the owner K days before recycling. */
  remindDaysBefore: range(poolLimits.remindDaysBefore),
  /** How many customers a user may hold (own, active) and still claim. */
  holdLimit: limit,
  dailyClaimLimit: limit,
  /** Days before the previous owner may claim a released customer again. */
  cooldownDays: range(poolLimits.cooldownDays),
};

export const pool = z.object({
  ...recordBase,
  ...poolRules,
  departmentNames: z.array(z.string()),
  customerCount: z.number().int(),
});
export type Pool = z.infer<typeof pool>;

export const createPool = z.object(poolRules);
export type CreatePool = z.infer<typeof createPool>;
export const updatePool = z.object({ version: z.number().int(), ...z.object(poolRules).partial().shape });
export type UpdatePool = z.infer<typeof updatePool>;

export const releaseCustomer = z.object({
  reason: z.string().trim().min(1).max(poolLimits.releaseReason),
  /** The pool to release into; the one whose rules cover the owner's department when absent. */
  poolId: id.optional(),
});
export const assignCustomer = z.object({ userId: id });

// ---- notifications ----
export const notification = z.object({
  id: z.string(),
  kind: z.string(),
  data: z.record(z.string(), z.unknown()),
  title: z.string(),
  link: z.string().nullable(),
  readAt: timestamp.nullable(),
  createdAt: timestamp,
});
export type Notification = z.infer<typeof notification>;
export const notificationListQuery = listQuery.extend({ unread: z.enum(['true', 'false']).optional() });
export const unreadCount = z.object({ count: z.number().int() });
