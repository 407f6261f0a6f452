import { z } from 'zod';
import { id, listQuery, recordBase, timestamp } from './common.ts';

const days = z.number().int().min(1).max(3650).nullable();
const limit = z.number().int().min(0).max(100000).nullable();

/** Rules of a public pool (公海); null = no such rule. */
const poolRules = {
  name: z.string().trim().min(1).max(50),
  /** Departments (and everything below them) that see the pool; empty = everybody. */
  departmentIds: z.array(id).max(100),
  /** Recycle a customer after N days without a follow-up … */
  recycleNoFollowUpDays: days,
  /** … or M days without a deal. */
  recycleNoDealDays: days,
  /** Remind the owner K days before recycling. */
  remindDaysBefore: z.number().int().min(0).max(365).nullable(),
  /** How many customers a user may hold (own, active) and still claim. */
  holdLimit: limit,
  dailyClaimLimit: limit,
  /** Days before the previous owner may claim a released customer again. */
  cooldownDays: z.number().int().min(0).max(3650).nullable(),
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
  reason: z.string().trim().min(1).max(200),
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
