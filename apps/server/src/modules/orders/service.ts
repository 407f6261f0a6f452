import {
  type CreateOrder,
  type ListResponse,
  type Order,
  type OrderListQuery,
  type OrderStatus,
  type OrderTransition,
  orderTransitions,
  type UpdateOrder,
} from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { scopePredicate } from '../../platform/access.ts';
import { writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { dayIn, isoOf, todayIn } from '../../platform/dates.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { nextNumber } from '../../platform/numbering.ts';
import { checkVersion } from '../../platform/optimistic.ts';
import { recoverOnOrder } from '../churn/published.ts';
import { customerAndContactNames } from '../customers/follow-up-service.ts';
import { visibleCustomer } from '../customers/location-service.ts';
import { noteOrder } from '../customers/orders-service.ts';
import { customerVisible } from '../customers/service.ts';
import { recordStockMove, warehouseExists } from '../inventory/published.ts';
import { listWarehouses } from '../inventory/service.ts';
import { earnOnOrder } from '../members/published.ts';
import { productsByIds } from '../products/published.ts';
import {
  costVisibility,
  lineAnswer,
  type PricedLine,
  priceLines,
  totalsAnswer,
  totalsOf,
  trimDecimal,
} from '../quotes/pricing-service.ts';
import { linkOrder, lockQuoteForOrder, quoteNumbers } from '../quotes/service.ts';
import * as repo from './repository.ts';

export const ENTITY = 'orders';

type Extras = {
  lines: Map<string, Record<string, unknown>[]>;
  customers: Map<string, string>;
  quotes: Map<string, string>;
  warehouses: Map<string, string>;
  timeZone: string;
};

function toOrder(p: Principal, r: Record<string, unknown>, x: Extras, history: Order['history'] = []): Order {
  const id = r.id as string;
  const seen = costVisibility(p, 'orders');
  const status = r.status as OrderStatus;
  const warehouseId = (r.warehouse_id as string | null) ?? null;
  return {
    id,
    version: r.version as number,
    createdAt: isoOf(r.created_at)!,
    updatedAt: isoOf(r.updated_at)!,
    number: r.number as string,
    customerId: r.customer_id as string,
    customerName: x.customers.get(r.customer_id as string) ?? '',
    quoteId: (r.quote_id as string | null) ?? null,
    quoteNumber: r.quote_id ? (x.quotes.get(r.quote_id as string) ?? null) : null,
    ownerId: r.owner_id as string,
    ownerName: (r.owner_name as string | null) ?? '',
    departmentId: r.department_id as string,
    departmentName: (r.department_name as string | null) ?? '',
    status,
    orderDate: dayIn(x.timeZone, new Date(r.ordered_at as string)),
    notes: (r.notes as string | null) ?? null,
    lines: (x.lines.get(id) ?? []).map((l) => lineAnswer(l, seen)),
    ...totalsAnswer(r, seen),
    warehouseId,
    warehouseName: warehouseId ? (x.warehouses.get(warehouseId) ?? null) : null,
    confirmedAt: isoOf(r.confirmed_at),
    paidAt: isoOf(r.paid_at),
    deliveredAt: isoOf(r.delivered_at),
    completedAt: isoOf(r.completed_at),
    cancelledAt: isoOf(r.cancelled_at),
    allowedTransitions: can(p, 'orders:edit') ? [...orderTransitions[status]] : [],
    history,
  };
}

async function extrasOf(
  db: Db,
  c: Caller,
  rows: Record<string, unknown>[],
  withLines: boolean,
): Promise<Extras> {
  const ids = rows.map((r) => r.id as string);
  const [lines, names, quotes] = await Promise.all([
    withLines ? repo.linesOf(db, c.p.tenantId, ids) : [],
    customerAndContactNames(
      db,
      c.p.tenantId,
      rows.map((r) => r.customer_id as string),
      [],
    ),
    quoteNumbers(
      db,
      c.p.tenantId,
      rows.map((r) => r.quote_id as string | null).filter((v) => v != null),
    ),
  ]);
  const byOrder = new Map<string, Record<string, unknown>[]>();
  for (const l of lines) {
    const list = byOrder.get(l.order_id as string) ?? [];
    list.push(l);
    byOrder.set(l.order_id as string, list);
  }
  const warehouses = rows.some((r) => r.warehouse_id)
    ? new Map((await listWarehouses(db, c.p)).map((w) => [w.id, w.name]))
    : new Map<string, string>();
  return { lines: byOrder, customers: names.customers, quotes, warehouses, timeZone: c.timeZone };
}

// ---- reads ----

export async function listOrders(
  db: Db,
  c: Caller,
  q: OrderListQuery,
): Promise<ListResponse<Omit<Order, 'lines' | 'history'>>> {
  const page = await repo.listOrders(db, c.p, q);
  const x = await extrasOf(db, c, page.data, false);
  return {
    ...page,
    data: page.data.map((r) => {
      const { lines: _l, history: _h, ...row } = toOrder(c.p, r, x);
      return row;
    }),
  };
}

/** `GET /customers/:id/orders`: the customer's orders in the orders scope — the customer must be visible too. */
export async function customerOrders(db: Db, c: Caller, customerId: string, q: OrderListQuery) {
  // an existence check: the 360 page's 订单 tab asks for every customer opened
  if (!(await customerVisible(db, c.p, customerId))) throw notFound();
  return listOrders(db, c, { ...q, customerId });
}

export async function getOrder(db: Db, c: Caller, id: string): Promise<Order> {
  const row = await repo.findVisible(db, c.p, id);
  if (!row) throw notFound();
  const [x, history] = await Promise.all([
    extrasOf(db, c, [row], true),
    repo.historyOf(db, c.p.tenantId, id),
  ]);
  return toOrder(
    c.p,
    row,
    x,
    history.map((h) => ({
      from: (h.from_status as OrderStatus | null) ?? null,
      to: h.to_status as OrderStatus,
      at: isoOf(h.at)!,
      userId: (h.user_id as string | null) ?? null,
      userName: (h.user_name as string | null) ?? null,
      note: (h.note as string | null) ?? null,
    })),
  );
}

/** The customer's timeline: orders (as `x`) in the caller's orders scope, none without orders:view. */
export const ordersOnTimeline = (p: Principal) =>
  can(p, 'orders:view')
    ? scopePredicate(p, 'orders', { owner: sql`x.owner_id`, department: sql`x.department_id` })
    : (false as const);

/** Orders in scope for an export, a block at a time (as the list answers them). */
export async function* orderExportRows(db: Db, c: Caller, q: Partial<OrderListQuery>, block = 500) {
  let after: string | undefined;
  for (;;) {
    const rows = await repo.exportBlock(db, c.p, q, block, after);
    if (!rows.length) return;
    const x = await extrasOf(db, c, rows, false);
    yield rows.map((r) => toOrder(c.p, r, x));
    if (rows.length < block) return;
    after = rows[rows.length - 1].id as string;
  }
}

// ---- writes ----

const refuse = (from: string, to: string) =>
  new AppError('INVALID_TRANSITION', [{ path: 'to', message: `${from} → ${to}` }]);

function totalsColumns(lines: readonly PricedLine[], taxRate: string) {
  const t = totalsOf(lines, taxRate);
  return { taxRate, subtotal: t.subtotal, tax: t.tax, total: t.total, cost: t.cost };
}

/** A quote's stored lines as an order's (new ids, same prices, discounts and costs). */
const copied = (lines: readonly PricedLine[]): PricedLine[] =>
  lines.map((l) => ({
    id: uuidv7(),
    position: l.position,
    productId: l.productId,
    productCode: l.productCode,
    productName: l.productName,
    model: l.model,
    spec: l.spec,
    unitName: l.unitName,
    quantity: trimDecimal(String(l.quantity)),
    unitPrice: l.unitPrice,
    discountPercent: trimDecimal(String(l.discountPercent)),
    amount: l.amount,
    unitCost: l.unitCost,
    cost: l.cost,
  }));

/**
 * Writes a new order in `tx`: numbered DD…, its lines and totals, the first history row, the
 * customer's 最近下单, the quote's link — one transaction, audited.
 */
async function insert(
  tx: Db,
  c: Caller,
  o: {
    customerId: string;
    owner: { id: string; departmentId: string };
    lines: PricedLine[];
    taxRate: string;
    notes: string | null;
    quoteId: string | null;
  },
) {
  const { p, actor } = c;
  const now = new Date();
  const row = await repo.insertOrder(tx, {
    id: uuidv7(),
    tenantId: p.tenantId,
    createdBy: p.userId,
    number: await nextNumber(tx, p.tenantId, 'order', c.timeZone),
    customerId: o.customerId,
    quoteId: o.quoteId,
    ownerId: o.owner.id,
    departmentId: o.owner.departmentId,
    status: 'new',
    orderedAt: now,
    notes: o.notes,
    ...totalsColumns(o.lines, o.taxRate),
  });
  await repo.setLines(tx, p.tenantId, row.id, o.lines);
  await repo.addHistory(tx, {
    tenantId: p.tenantId,
    orderId: row.id,
    from: null,
    to: 'new',
    userId: p.userId,
  });
  await writeAudit(tx, actor, {
    action: 'create',
    entity: ENTITY,
    entityId: row.id,
    summary: `${row.number} ${row.total}`,
  });
  await noteOrder(tx, actor, o.customerId, now, row.number);
  await recoverOnOrder(tx, actor, o.customerId, row.number);
  if (o.quoteId) await linkOrder(tx, actor, o.quoteId, { id: row.id, number: row.number });
  return row;
}

/** From an accepted quote (locked, in scope): its customer, owner, lines and tax rate unless given. */
async function fromQuote(
  tx: Db,
  c: Caller,
  quoteId: string,
  version: number | undefined,
  input: Partial<Pick<CreateOrder, 'customerId' | 'lines' | 'taxRate' | 'notes'>>,
) {
  const { quote, lines } = await lockQuoteForOrder(tx, c.p, quoteId, version);
  if (input.customerId && input.customerId !== quote.customerId)
    throw invalid('customerId', 'the quote is of another customer');
  let priced = copied(lines);
  if (input.lines) {
    const customer = await visibleCustomer(tx, c.p, quote.customerId);
    if (!customer) throw invalid('customerId', 'not a customer you see');
    priced = await priceLines(tx, c.p.tenantId, customer, input.lines, todayIn(c.timeZone));
  }
  return insert(tx, c, {
    customerId: quote.customerId,
    owner: { id: quote.ownerId, departmentId: quote.departmentId },
    lines: priced,
    taxRate: input.taxRate !== undefined ? trimDecimal(input.taxRate) : trimDecimal(String(quote.taxRate)),
    notes: input.notes ?? quote.notes ?? null,
    quoteId: quote.id,
  });
}

/** `POST /orders`: directly (the caller's, lines priced like a quote's) or from an accepted quote. */
export async function createOrder(db: Db, c: Caller, input: CreateOrder): Promise<Order> {
  let id: string;
  if (input.quoteId) {
    const quoteId = input.quoteId;
    id = (await db.transaction((tx) => fromQuote(tx, c, quoteId, undefined, input))).id;
  } else {
    const customer = await visibleCustomer(db, c.p, input.customerId);
    if (!customer) throw invalid('customerId', 'not a customer you see');
    const lines = await priceLines(db, c.p.tenantId, customer, input.lines!, todayIn(c.timeZone));
    id = (
      await db.transaction((tx) =>
        insert(tx, c, {
          customerId: customer.id,
          owner: { id: c.p.userId, departmentId: c.p.departmentId },
          lines,
          taxRate: trimDecimal(input.taxRate ?? '0'),
          notes: input.notes ?? null,
          quoteId: null,
        }),
      )
    ).id;
  }
  return getOrder(db, c, id);
}

/** `POST /quotes/:id/to-order`: the accepted quote becomes an order, linked, in one transaction. */
export async function quoteToOrder(db: Db, c: Caller, quoteId: string, version: number): Promise<Order> {
  const row = await db.transaction((tx) => fromQuote(tx, c, quoteId, version, {}));
  return getOrder(db, c, row.id);
}

async function lockAt(tx: Db, p: Principal, id: string, version: number) {
  const row = await repo.lockVisible(tx, p, id);
  if (!row) throw notFound();
  checkVersion(row, version);
  return row;
}

/** `PATCH /orders/:id`: while new; lines re-priced, totals recomputed. */
export async function updateOrder(db: Db, c: Caller, id: string, input: UpdateOrder): Promise<Order> {
  await db.transaction(async (tx) => {
    const before = await lockAt(tx, c.p, id, input.version);
    if (before.status !== 'new') throw refuse(before.status, 'new');
    let lines: PricedLine[] = await repo.pricedLinesOf(tx, c.p.tenantId, id);
    if (input.lines) {
      const customer = await visibleCustomer(tx, c.p, before.customerId);
      if (!customer) throw invalid('customerId', 'not a customer you see');
      lines = await priceLines(
        tx,
        c.p.tenantId,
        customer,
        input.lines,
        todayIn(c.timeZone),
        new Set(lines.map((l) => l.productId)),
      );
      await repo.setLines(tx, c.p.tenantId, id, lines);
    }
    const taxRate =
      input.taxRate !== undefined ? trimDecimal(input.taxRate) : trimDecimal(String(before.taxRate));
    const after = await repo.updateOrder(tx, id, {
      ...(input.notes !== undefined ? { notes: input.notes ?? null } : {}),
      ...totalsColumns(lines, taxRate),
    });
    const changes: Record<string, [unknown, unknown]> = {};
    for (const k of ['taxRate', 'subtotal', 'tax', 'total', 'notes'] as const)
      if (String(before[k]) !== String(after[k])) changes[k] = [before[k], after[k]];
    if (input.lines) changes.lines = ['…', `${lines.length}`];
    await writeAudit(tx, c.actor, {
      action: 'update',
      entity: ENTITY,
      entityId: id,
      summary: after.number,
      changes,
    });
  });
  return getOrder(db, c, id);
}

const stamp: Partial<
  Record<OrderStatus, 'confirmedAt' | 'paidAt' | 'deliveredAt' | 'completedAt' | 'cancelledAt'>
> = {
  confirmed: 'confirmedAt',
  paid: 'paidAt',
  delivered: 'deliveredAt',
  completed: 'completedAt',
  cancelled: 'cancelledAt',
};

/**
 * `POST /orders/:id/transition`: only the moves of `orderTransitions` (else 409 INVALID_TRANSITION).
 * Delivering writes a stock-out per line from `warehouseId` in the same transaction — short stock
 * (409 INSUFFICIENT_STOCK) writes nothing; confirming moves the customer's 最近下单.
 */
export async function transitionOrder(db: Db, c: Caller, id: string, input: OrderTransition): Promise<Order> {
  const { p, actor } = c;
  await db.transaction(async (tx) => {
    const before = await lockAt(tx, p, id, input.version);
    const to = input.to as OrderStatus;
    if (!orderTransitions[before.status].includes(to)) throw refuse(before.status, to);
    const now = new Date();
    let warehouseId: string | null = before.warehouseId;
    if (to === 'delivered') {
      // services (安装, 维保) are delivered without stock: only goods leave a warehouse
      const lines = await repo.pricedLinesOf(tx, p.tenantId, id);
      const products = await productsByIds(
        tx,
        p.tenantId,
        lines.map((l) => l.productId),
      );
      const goods = lines.filter((l) => products.get(l.productId)?.tracksStock !== false);
      if (goods.length && !input.warehouseId) throw invalid('warehouseId', 'the warehouse to deliver from');
      if (input.warehouseId && !(await warehouseExists(tx, p.tenantId, input.warehouseId)))
        throw invalid('warehouseId', 'no such warehouse');
      const from = input.warehouseId ?? '';
      warehouseId = goods.length ? from : null;
      for (const l of goods)
        await recordStockMove(tx, actor, {
          kind: 'out',
          productId: l.productId,
          warehouseId: from,
          quantity: trimDecimal(String(l.quantity)),
          reference: { type: 'order', id, number: before.number },
          note: before.number,
        });
    }
    const field = stamp[to];
    await repo.updateOrder(tx, id, { status: to, warehouseId, ...(field ? { [field]: now } : {}) });
    await repo.addHistory(tx, {
      tenantId: p.tenantId,
      orderId: id,
      from: before.status,
      to,
      userId: p.userId,
      note: input.note,
    });
    await writeAudit(tx, actor, {
      action: 'transition',
      entity: ENTITY,
      entityId: id,
      summary: input.note ? `${before.number}：${input.note}` : before.number,
      changes: {
        status: [before.status, to],
        ...(to === 'delivered' ? { warehouseId: [null, warehouseId] } : {}),
      },
    });
    if (to === 'confirmed') await noteOrder(tx, actor, before.customerId, now, before.number);
    // completed: settled and delivered, nothing left to undo — the member earns its points once
    if (to === 'completed')
      await earnOnOrder(tx, actor, {
        id,
        number: before.number,
        customerId: before.customerId,
        total: before.total,
      });
  });
  return getOrder(db, c, id);
}
