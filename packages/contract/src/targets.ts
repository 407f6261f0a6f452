import { z } from 'zod';
import { calendarDate as date, id, recordBase } from './common.ts';
import { amount } from './money.ts';

/** 销售任务: amount and count targets per department or person, for a month, quarter or year. */
export const targetPeriods = ['month', 'quarter', 'year'] as const;
export type TargetPeriod = (typeof targetPeriods)[number];

/** What attainment counts: won opportunities, orders (not cancelled) or payments received. */
export const targetBases = ['opportunities', 'orders', 'payments'] as const;
export type TargetBasis = (typeof targetBases)[number];

export const targetLimits = {
  /** A count target (deals, orders, payments) at most this. */
  count: 1_000_000,
  /** Parts of one split. */
  parts: 200,
} as const;

/** `start` is the first day of its period: the 1st of a month; of Jan/Apr/Jul/Oct; of January. */
export function isTargetPeriodStart(period: TargetPeriod, start: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start);
  if (!m) return false;
  const month = Number(m[2]);
  if (m[3] !== '01' || month < 1 || month > 12) return false;
  if (period === 'quarter') return (month - 1) % 3 === 0;
  if (period === 'year') return month === 1;
  return true;
}

/** The first day after the period that starts on `start` (`month`, `2026-12-01` → `2027-01-01`). */
export function targetPeriodEnd(period: TargetPeriod, start: string): string {
  const [y, m] = start.split('-').map(Number);
  const months = period === 'month' ? 1 : period === 'quarter' ? 3 : 12;
  const index = y * 12 + (m - 1) + months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`;
}

/** The start of the period of `period` that contains the day `date` (`quarter`, `2026-11-15` → `2026-10-01`). */
export function targetPeriodStartOf(period: TargetPeriod, date: string): string {
  const [y, m] = date.split('-').map(Number);
  const month = period === 'month' ? m : period === 'quarter' ? m - ((m - 1) % 3) : 1;
  return `${y}-${String(month).padStart(2, '0')}-01`;
}

const countValue = z.number().int().min(0).max(targetLimits.count);

const startMessage = { message: 'must be the first day of the period', path: ['start'] };
const oneSubject = (v: { departmentId?: string | null; userId?: string | null }) =>
  Boolean(v.departmentId) !== Boolean(v.userId);
const subjectMessage = { message: 'give either departmentId or userId', path: ['departmentId'] };
const someValue = (v: { amount?: string | null; count?: number | null }) =>
  (v.amount ?? null) !== null || (v.count ?? null) !== null;
const valueMessage = { message: 'give an amount, a count or both', path: ['amount'] };

export const periodQuery = z
  .object({ period: z.enum(targetPeriods), start: date })
  .refine((v) => isTargetPeriodStart(v.period, v.start), startMessage);
export type PeriodQuery = z.infer<typeof periodQuery>;

export const createTarget = z
  .object({
    period: z.enum(targetPeriods),
    start: date,
    departmentId: id.optional(),
    userId: id.optional(),
    amount: amount.optional(),
    count: countValue.optional(),
  })
  .strict()
  .refine((v) => isTargetPeriodStart(v.period, v.start), startMessage)
  .refine(oneSubject, subjectMessage)
  .refine(someValue, valueMessage);
export type CreateTarget = z.infer<typeof createTarget>;

/** `null` clears a value; a target keeps at least one of amount and count. */
export const updateTarget = z
  .object({ amount: amount.nullish(), count: countValue.nullish(), version: z.number().int() })
  .strict();
export type UpdateTarget = z.infer<typeof updateTarget>;

export const targetPart = z
  .object({
    departmentId: id.optional(),
    userId: id.optional(),
    amount: amount.optional(),
    count: countValue.optional(),
  })
  .strict()
  .refine(oneSubject, subjectMessage)
  .refine(someValue, valueMessage);
export type TargetPart = z.infer<typeof targetPart>;

/**
 * `POST /targets/:id/split`: a department's target handed down to its child departments and its
 * people — each part creates or replaces that subject's target of the same period; what all the
 * children hold together may not exceed the parent (409 TARGET_EXCEEDS_PARENT).
 */
export const splitTarget = z
  .object({ parts: z.array(targetPart).min(1).max(targetLimits.parts) })
  .strict()
  .refine(
    (v) => {
      const keys = v.parts.map((p) => p.departmentId ?? p.userId);
      return new Set(keys).size === keys.length;
    },
    { message: 'each subject once', path: ['parts'] },
  );
export type SplitTarget = z.infer<typeof splitTarget>;

export const target = z.object({
  ...recordBase,
  period: z.enum(targetPeriods),
  start: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  amount: z.string().nullable(),
  count: z.number().int().nullable(),
});
export type Target = z.infer<typeof target>;

export const targetListQuery = z
  .object({ period: z.enum(targetPeriods), start: date })
  .refine((v) => isTargetPeriodStart(v.period, v.start), startMessage);

/** One department (its whole subtree's sales) or one person, in the period. */
export const attainmentRow = z.object({
  id: z.string(),
  name: z.string(),
  /** A department: its parent department; a person: their department. */
  parentId: z.string().nullable(),
  targetId: z.string().nullable(),
  targetVersion: z.number().int().nullable(),
  /** The amount target (null: none set). */
  target: z.string().nullable(),
  actual: z.string(),
  /** actual / target in percent, 1 decimal (`"85.3"`); null without an amount target (or a zero one). */
  rate: z.string().nullable(),
  targetCount: z.number().int().nullable(),
  actualCount: z.number().int(),
  countRate: z.string().nullable(),
  /** Departments: what the child departments and people of this department hold as targets. */
  allocated: z.string().nullable(),
  allocatedCount: z.number().int().nullable(),
});
export type AttainmentRow = z.infer<typeof attainmentRow>;

export const attainment = z.object({
  period: z.enum(targetPeriods),
  start: z.string(),
  /** The first day after the period. */
  end: z.string(),
  basis: z.enum(targetBases),
  departments: z.array(attainmentRow),
  users: z.array(attainmentRow.extend({ departmentName: z.string().nullable() })),
});
export type Attainment = z.infer<typeof attainment>;

export const targetSettings = z.object({ basis: z.enum(targetBases), version: z.number().int() }).strict();
export type TargetSettings = z.infer<typeof targetSettings>;
