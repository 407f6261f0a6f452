import { z } from 'zod';
import { calendarDate as day, id, listQuery, recordBase, timestamp } from './common.ts';
import { percent } from './money.ts';
import { quoteLimits, salesLine, salesLineInput, salesTotals } from './quotes.ts';

/**
 * 订单: new → confirmed → paid → delivered → completed; cancelled from new or confirmed only.
 * Every other move is 409 INVALID_TRANSITION. Delivering writes a stock-out per line.
 */
export const orderStatuses = ['new', 'confirmed', 'paid', 'delivered', 'completed', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** The moves the state machine allows, from each state. */
export const orderTransitions: Record<OrderStatus, readonly OrderStatus[]> = {
  new: ['confirmed', 'cancelled'],
  confirmed: ['paid', 'cancelled'],
  paid: ['delivered'],
  delivered: ['completed'],
  completed: [],
  cancelled: [],
};

export const orderStatusChange = z.object({
  from: z.enum(orderStatuses).nullable(),
  to: z.enum(orderStatuses),
  at: timestamp,
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  note: z.string().nullable(),
});
export type OrderStatusChange = z.infer<typeof orderStatusChange>;

export const order = z.object({
  ...recordBase,
  /** DD… from the numbering rules. */
  number: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  quoteId: z.string().nullable(),
  quoteNumber: z.string().nullable(),
  ownerId: z.string(),
  ownerName: z.string(),
  departmentId: z.string(),
  departmentName: z.string(),
  status: z.enum(orderStatuses),
  /** The day it was ordered (tenant time zone). */
  orderDate: day,
  notes: z.string().nullable(),
  lines: z.array(salesLine),
  ...salesTotals,
  /** The warehouse it was delivered from (stock-out entries). */
  warehouseId: z.string().nullable(),
  warehouseName: z.string().nullable(),
  confirmedAt: timestamp.nullable(),
  paidAt: timestamp.nullable(),
  deliveredAt: timestamp.nullable(),
  completedAt: timestamp.nullable(),
  cancelledAt: timestamp.nullable(),
  /** The moves the caller may make now (empty without orders:edit). */
  allowedTransitions: z.array(z.enum(orderStatuses)),
  /** Every move, oldest first (detail answers; empty in lists). */
  history: z.array(orderStatusChange),
});
export type Order = z.infer<typeof order>;

export const orderRow = order.omit({ lines: true, history: true });
export type OrderRow = z.infer<typeof orderRow>;

/**
 * `POST /orders`: directly with lines, or from an accepted quote (`quoteId`: linked; its lines and
 * tax rate are copied when `lines` is absent).
 */
export const createOrder = z
  .object({
    customerId: id,
    quoteId: id.nullish(),
    lines: z.array(salesLineInput).min(1).max(quoteLimits.lines).optional(),
    taxRate: percent.optional(),
    notes: z.string().trim().max(quoteLimits.notes).nullish(),
  })
  .refine((o) => o.lines || o.quoteId, { path: ['lines'], message: 'lines, or a quoteId to copy them from' });
export type CreateOrder = z.input<typeof createOrder>;

/** `PATCH /orders/:id`: while new; `lines` replaces them all. */
export const updateOrder = z.object({
  version: z.number().int(),
  lines: z.array(salesLineInput).min(1).max(quoteLimits.lines).optional(),
  taxRate: percent.optional(),
  notes: z.string().trim().max(quoteLimits.notes).nullish(),
});
export type UpdateOrder = z.input<typeof updateOrder>;

/** `POST /orders/:id/transition`; `warehouseId` is required to deliver. */
export const orderTransition = z.object({
  to: z.enum(['confirmed', 'paid', 'delivered', 'completed', 'cancelled']),
  version: z.number().int(),
  warehouseId: id.optional(),
  note: z.string().trim().max(quoteLimits.comment).optional(),
});
export type OrderTransition = z.input<typeof orderTransition>;

export const orderListQuery = listQuery.extend({
  status: z.enum(orderStatuses).optional(),
  customerId: id.optional(),
  ownerId: id.optional(),
  quoteId: id.optional(),
  /** Order date from / to (inclusive). */
  from: day.optional(),
  to: day.optional(),
});
export type OrderListQuery = z.infer<typeof orderListQuery>;
