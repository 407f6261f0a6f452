import { z } from 'zod';
import { calendarDate as day, id, listQuery, recordBase, timestamp } from './common.ts';
import { amount } from './money.ts';

/**
 * 会员: one per customer, with a level (dictionary `member-level`), a points balance that is the
 * running sum of its ledger, and the activities it took part in. Points are whole numbers.
 */

/** 正常 → 冻结 ⇄ 正常; 注销 is final. Points change only while active. */
export const memberStatuses = ['active', 'frozen', 'cancelled'] as const;
export type MemberStatus = (typeof memberStatuses)[number];

/** 获得 (orders, activities), 兑换, 调整 (a manual credit), 过期. */
export const memberPointKinds = ['earn', 'redeem', 'adjust', 'expire'] as const;
export type MemberPointKind = (typeof memberPointKinds)[number];

/** Where an entry came from: an order, a campaign or plan participation, or a person. */
export const memberSourceKinds = ['order', 'campaign', 'plan', 'manual', 'expiry'] as const;
export type MemberSourceKind = (typeof memberSourceKinds)[number];

export const memberActivityKinds = ['campaign', 'plan'] as const;
export type MemberActivityKind = (typeof memberActivityKinds)[number];

export const memberLimits = { reason: 200, maxDelta: 10_000_000 } as const;

export const createMember = z
  .object({
    customerId: id,
    contactId: id.optional(),
    levelId: id.optional(),
    joinedAt: day.optional(),
  })
  .strict();
export type CreateMember = z.infer<typeof createMember>;

export const updateMember = z
  .object({
    version: z.number().int().min(1),
    contactId: id.nullable().optional(),
    levelId: id.optional(),
    status: z.enum(memberStatuses).optional(),
  })
  .strict();
export type UpdateMember = z.infer<typeof updateMember>;

export const member = z.object({
  ...recordBase,
  number: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  contactId: z.string().nullable(),
  contactName: z.string().nullable(),
  levelId: z.string().nullable(),
  levelName: z.string().nullable(),
  joinedAt: z.string(),
  status: z.enum(memberStatuses),
  /** The balance: the sum of the ledger. */
  points: z.number().int(),
  /** Every point ever credited (earned or added); what levels are reached by. */
  lifetimePoints: z.number().int(),
  /** The totals of the orders that earned points. */
  lifetimeSpend: z.string(),
});
export type Member = z.infer<typeof member>;

export const memberListQuery = listQuery.extend({
  levelId: id.optional(),
  status: z.enum(memberStatuses).optional(),
  customerId: id.optional(),
});
export type MemberListQuery = z.infer<typeof memberListQuery>;

/** 积分调整: a positive delta adds (`adjust`), a negative one redeems (`redeem`). */
export const changeMemberPoints = z
  .object({
    delta: z
      .number()
      .int()
      .min(-memberLimits.maxDelta)
      .max(memberLimits.maxDelta)
      .refine((d) => d !== 0, 'must not be 0'),
    reason: z.string().trim().min(1).max(memberLimits.reason),
  })
  .strict();
export type ChangeMemberPoints = z.infer<typeof changeMemberPoints>;

export const memberPointEntry = z.object({
  id: z.string(),
  kind: z.enum(memberPointKinds),
  /** Signed: redemption and expiry are below 0. */
  points: z.number().int(),
  balanceAfter: z.number().int(),
  reason: z.string(),
  sourceKind: z.enum(memberSourceKinds),
  sourceId: z.string().nullable(),
  /** Credits: when what is left of them expires. */
  expiresAt: timestamp.nullable(),
  /** Credits: what is not yet redeemed or expired. */
  remaining: z.number().int().nullable(),
  createdAt: timestamp,
  createdBy: z.string().nullable(),
});
export type MemberPointEntry = z.infer<typeof memberPointEntry>;

export const memberPointsQuery = listQuery.pick({ page: true, pageSize: true });

export const memberPointsResponse = z.object({ member, entry: memberPointEntry });
export type MemberPointsResponse = z.infer<typeof memberPointsResponse>;

/** 参与活动: a member took part in a campaign or an approved marketing plan (once each). */
export const addMemberParticipation = z
  .object({
    kind: z.enum(memberActivityKinds),
    activityId: id,
    participatedAt: day.optional(),
  })
  .strict();
export type AddMemberParticipation = z.infer<typeof addMemberParticipation>;

export const memberParticipation = z.object({
  id: z.string(),
  kind: z.enum(memberActivityKinds),
  activityId: z.string(),
  /** The campaign's or plan's number and name (null when it was removed). */
  activityName: z.string().nullable(),
  participatedAt: z.string(),
  points: z.number().int(),
  createdAt: timestamp,
});
export type MemberParticipation = z.infer<typeof memberParticipation>;

export const memberLevelChange = z.object({
  fromLevelId: z.string().nullable(),
  toLevelId: z.string(),
  toLevelName: z.string().nullable(),
  /** `rule` (reached by points or spend) or `manual`. */
  cause: z.enum(['rule', 'manual']),
  createdAt: timestamp,
});

/** 会员 360: the member and what hangs off it, each within the caller's own permissions. */
export const memberDetail = member.extend({
  cards: z.array(
    z.object({ number: z.string(), status: z.string(), balance: z.string(), expiresAt: z.string() }),
  ),
  recentOrders: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      status: z.string(),
      total: z.string(),
      orderDate: z.string(),
    }),
  ),
  participations: z.array(memberParticipation),
  levelHistory: z.array(memberLevelChange),
});
export type MemberDetail = z.infer<typeof memberDetail>;

/** A level's threshold: reached when lifetime points or lifetime spend reach it (either). */
export const memberLevelRule = z
  .object({ minPoints: z.number().int().min(0).nullable(), minSpend: amount.nullable() })
  .strict();

/** 会员设置: points per ¥1 of a completed order, months before earned points expire, activity points, level rules by the level's code. */
export const memberSettings = z.object({
  pointsPerYuan: z.string().regex(/^\d{1,4}(\.\d{1,2})?$/, 'e.g. 1 or 0.5'),
  expiryMonths: z.number().int().min(1).max(120),
  participationPoints: z.number().int().min(0).max(100_000),
  levelRules: z.record(z.string().max(40), memberLevelRule),
});
export type MemberSettings = z.infer<typeof memberSettings>;
export const updateMemberSettings = memberSettings.extend({ version: z.number().int().min(0) }).strict();
export const memberSettingsResponse = memberSettings.extend({ version: z.number().int() });
