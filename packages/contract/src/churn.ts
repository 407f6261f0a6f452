import { z } from 'zod';
import { calendarDate, id, listQuery, recordBase, timestamp } from './common.ts';

/** 流失预警's life: raised → 暂缓 (back to warning when its date comes) → 确认流失, or recovered by an order. */
export const churnStatuses = ['warning', 'delayed', 'confirmed', 'recovered'] as const;
export type ChurnStatus = (typeof churnStatuses)[number];
/** Open records: the customer has at most one of these at a time. */
export const openChurnStatuses: readonly ChurnStatus[] = ['warning', 'delayed'];

export const churnLimits = {
  measures: 1000,
  months: { min: 1, max: 60 },
  maxDelays: { min: 0, max: 10 },
} as const;

/** GET /settings/churn. */
export const churnSettings = z.object({
  /** Months without an order (or, never ordered, owned that long) before a warning. */
  months: z.number().int(),
  /** 暂缓流失 at most this many times per warning. */
  maxDelays: z.number().int(),
  /** 确认流失 moves the customer into the pool covering its department. */
  poolOnConfirm: z.boolean(),
  /** Risk score weights (recency, frequency, monetary), summing to 100. */
  weights: z.object({ recency: z.number().int(), frequency: z.number().int(), monetary: z.number().int() }),
  version: z.number().int(),
});
export type ChurnSettings = z.infer<typeof churnSettings>;

const weight = z.number().int().min(0).max(100);
/** PUT /settings/churn: the whole settings with the version read. */
export const updateChurnSettings = z
  .object({
    months: z.number().int().min(churnLimits.months.min).max(churnLimits.months.max),
    maxDelays: z.number().int().min(churnLimits.maxDelays.min).max(churnLimits.maxDelays.max),
    poolOnConfirm: z.boolean(),
    weights: z.object({ recency: weight, frequency: weight, monetary: weight }).strict(),
    version: z.number().int().min(0),
  })
  .strict()
  .refine((s) => s.weights.recency + s.weights.frequency + s.weights.monetary === 100, {
    path: ['weights'],
    message: 'weights must add up to 100',
  });
export type UpdateChurnSettings = z.infer<typeof updateChurnSettings>;

/** One 流失预警 record. */
export const churnRecord = z.object({
  ...recordBase,
  customerId: z.string(),
  customerName: z.string(),
  status: z.enum(churnStatuses),
  ownerId: z.string().nullable(),
  ownerName: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  /** 0–100, the customer's risk score (refreshed nightly while open). */
  risk: z.number().int(),
  lastOrderAt: timestamp.nullable(),
  delays: z.number().int(),
  /** 暂缓 at most this many times (the tenant's setting). */
  maxDelays: z.number().int(),
  measures: z.string().nullable(),
  until: z.string().nullable(),
  /** Dictionary `churn-reason`. */
  reasonId: z.string().nullable(),
  reasonName: z.string().nullable(),
  recoveredBy: z.string().nullable(),
  closedAt: timestamp.nullable(),
});
export type ChurnRecord = z.infer<typeof churnRecord>;

export const churnListQuery = listQuery.extend({
  status: z.enum(churnStatuses).optional(),
  customerId: id.optional(),
  ownerId: id.optional(),
});
export type ChurnListQuery = z.infer<typeof churnListQuery>;

/** 暂缓流失: what is being done, and until when the warning stays away (a date after today). */
export const delayChurn = z
  .object({
    measures: z.string().trim().min(1).max(churnLimits.measures),
    until: calendarDate,
    version: z.number().int().min(0),
  })
  .strict();
export type DelayChurn = z.infer<typeof delayChurn>;

/** 确认流失 with a reason (dictionary `churn-reason`). */
export const confirmChurn = z.object({ reason: id, version: z.number().int().min(0) }).strict();
export type ConfirmChurn = z.infer<typeof confirmChurn>;

export const churnRunResult = z.object({
  /** Warnings raised by this run. */
  created: z.number().int(),
  /** Delayed records whose date had come, back as warnings. */
  returned: z.number().int(),
});
export type ChurnRunResult = z.infer<typeof churnRunResult>;

export const churnHistoryEntry = z.object({
  id: z.string(),
  fromStatus: z.enum(churnStatuses).nullable(),
  toStatus: z.enum(churnStatuses),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  note: z.string().nullable(),
  at: timestamp,
});
export type ChurnHistoryEntry = z.infer<typeof churnHistoryEntry>;
