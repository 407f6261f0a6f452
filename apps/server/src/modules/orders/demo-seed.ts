import { lineAmount, type OrderStatus, sumMoney } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { DemoTenant } from '../../module-manifest.ts';
import { type Actor, type AuditEntry, writeAudits } from '../../platform/audit.ts';
import { toPrincipal } from '../../platform/auth/hook.ts';
import { findUserPrincipal } from '../../platform/auth/principal-repository.ts';
import { type Caller, callerForJob } from '../../platform/caller.ts';
import { AppError } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { nextNumbers } from '../../platform/numbering.ts';
import { demoCustomersOf } from '../customers/follow-up-service.ts';
import { setLastOrderDates } from '../customers/orders-service.ts';
import { recordStockMove } from '../inventory/published.ts';
import { listWarehouses } from '../inventory/service.ts';
import { productIdsByCodes, productsByIds } from '../products/published.ts';
import { type PricedLine, totalsOf } from '../quotes/pricing-service.ts';
import { listQuotes } from '../quotes/service.ts';
import { orderLines, orderStatusHistory, orders } from './schema.ts';
import { quoteToOrder } from './service.ts';

const DAY = 86_400_000;
const SELLERS = ['liuyang', 'huangwei', 'xufang', 'majun', 'hulin', 'guoyong', 'linxue', 'hejie'];
/** What the demo sells from stock: consumables and parts often, a machine now and then. */
const CATALOGUE: [code: string, maxQuantity: number, weight: number][] = [
  ['CS-A4', 4, 6],
  ['CS-TN12', 3, 5],
  ['CS-A3', 2, 3],
  ['PT-DR02', 2, 3],
  ['PT-TR01', 1, 2],
  ['CS-TN12C', 1, 2],
  ['PT-NC04', 1, 1],
  ['HW-S200', 1, 1],
];
const MONTHS = 18;

/** A small deterministic generator (the demo is the same on every first start). */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/**
 * 订单 of the demo: the account managers' customers ordered about once a month each over the last
 * 18 months (reports need history) — older orders completed, delivered from the demo warehouses
 * with a stock-out per line through the inventory's ledger (an order the stock cannot serve stays
 * paid), the last weeks' still new, confirmed or paid, a few cancelled; then the demo's accepted
 * quotes become orders through the service. Bulk inserts: the seed stays fast.
 */
export async function seedDemoOrders(db: Db, demo: DemoTenant) {
  const tenantId = demo.tenantId;
  const people = (
    await db.execute(sql`SELECT u.id, u.username, u.name, u.department_id FROM users u
      WHERE u.tenant_id = ${tenantId} AND u.deleted_at IS NULL AND u.username = ANY(${`{${SELLERS.join(',')}}`}::text[])`)
  ).rows as { id: string; username: string; name: string; department_id: string }[];
  const callers = new Map<string, Caller>();
  for (const person of people) {
    const row = await findUserPrincipal(db, tenantId, person.id);
    if (row) callers.set(person.id, callerForJob(toPrincipal(row, 'job')));
  }
  const first = callers.values().next().value;
  if (!first) return;
  const timeZone = first.timeZone;
  const customers = await demoCustomersOf(
    db,
    tenantId,
    people.map((p) => p.id),
    4,
  );
  const codes = await productIdsByCodes(
    db,
    tenantId,
    CATALOGUE.map(([code]) => code),
  );
  const products = await productsByIds(db, tenantId, [...codes.values()]);
  if (!customers.length || !products.size) return;
  const next = random(20261206);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const weighted = CATALOGUE.flatMap(([code, max, w]) =>
    Array.from({ length: w }, () => [code, max] as const),
  );
  const now = Date.now();

  type Plan = {
    id: string;
    at: Date;
    owner: (typeof people)[number];
    customerId: string;
    lines: PricedLine[];
    status: OrderStatus;
  };
  const plans: Plan[] = [];
  for (const owner of people) {
    const mine = customers.filter((c) => c.owner_id === owner.id);
    if (!mine.length) continue;
    for (let m = MONTHS; m >= 0; m--) {
      if (next() < 0.2) continue;
      const at = new Date(now - (m * 30 + 1 + Math.floor(next() * 28)) * DAY);
      if (at.getTime() > now - DAY) continue;
      const count = 1 + Math.floor(next() * 2);
      const chosen = new Map<string, number>();
      for (let i = 0; i < count; i++) {
        const [code, max] = pick(weighted);
        chosen.set(code, 1 + Math.floor(next() * max));
      }
      const lines: PricedLine[] = [];
      for (const [code, quantity] of chosen) {
        const product = products.get(codes.get(code) ?? '');
        if (!product) continue;
        const discount = next() < 0.3 ? '5' : '0';
        const unitCost = product.cost;
        lines.push({
          id: uuidv7(),
          position: lines.length + 1,
          productId: product.id,
          productCode: product.code,
          productName: product.name,
          model: product.model,
          spec: product.spec,
          unitName: product.unitName,
          quantity: String(quantity),
          unitPrice: product.listPrice,
          discountPercent: discount,
          amount: lineAmount(String(quantity), product.listPrice, discount),
          unitCost,
          cost: unitCost == null ? null : lineAmount(String(quantity), unitCost),
        });
      }
      if (!lines.length) continue;
      const age = (now - at.getTime()) / DAY;
      const status: OrderStatus =
        next() < 0.05
          ? 'cancelled'
          : age > 40
            ? 'completed'
            : age > 25
              ? 'delivered'
              : age > 12
                ? 'paid'
                : age > 5
                  ? 'confirmed'
                  : 'new';
      plans.push({ id: uuidv7(), at, owner, customerId: pick(mine).id, lines, status });
    }
  }
  plans.sort((a, b) => a.at.getTime() - b.at.getTime());

  const warehouseIds = (await listWarehouses(db, first.p))
    .filter((w) => w.status === 'active')
    .map((w) => w.id);

  await db.transaction(async (tx) => {
    // numbers per order day, as they were given out then
    const numbers = new Map<string, string>();
    const byDay = new Map<string, Plan[]>();
    for (const p of plans) {
      const key = p.at.toISOString().slice(0, 10);
      byDay.set(key, [...(byDay.get(key) ?? []), p]);
    }
    for (const list of byDay.values()) {
      const given = await nextNumbers(tx, tenantId, 'order', timeZone, list.length, list[0].at);
      for (const [i, p] of list.entries()) numbers.set(p.id, given[i]);
    }
    // delivered and completed orders leave stock: a stock-out per line, from the first warehouse that has it all
    const delivered = new Map<string, string>();
    for (const p of plans) {
      if (p.status !== 'delivered' && p.status !== 'completed') continue;
      const actor: Actor = { tenantId, userId: p.owner.id, userName: p.owner.name };
      for (const warehouseId of warehouseIds) {
        try {
          await tx.transaction(async (sp) => {
            for (const l of p.lines)
              await recordStockMove(sp, actor, {
                kind: 'out',
                productId: l.productId,
                warehouseId,
                quantity: l.quantity,
                reference: { type: 'order', id: p.id, number: numbers.get(p.id)! },
                note: numbers.get(p.id),
              });
          });
          delivered.set(p.id, warehouseId);
          break;
        } catch (err) {
          if (!(err instanceof AppError) || err.code !== 'INSUFFICIENT_STOCK') throw err;
        }
      }
      // the stock could not serve it: it waits, paid
      if (!delivered.has(p.id)) p.status = 'paid';
    }
    const road: OrderStatus[] = ['new', 'confirmed', 'paid', 'delivered', 'completed'];
    const offsets: Record<string, number> = { confirmed: 1, paid: 8, delivered: 12, completed: 20 };
    const stampOf = (p: Plan, s: OrderStatus) => new Date(p.at.getTime() + (offsets[s] ?? 0) * DAY);
    const reached = (p: Plan) =>
      p.status === 'cancelled' ? ['new', 'cancelled'] : road.slice(0, road.indexOf(p.status) + 1);
    const orderRows = plans.map((p) => {
      const t = totalsOf(p.lines, '13');
      const steps = reached(p);
      const at = (s: OrderStatus) => (steps.includes(s) && s !== 'new' ? stampOf(p, s) : null);
      return {
        id: p.id,
        tenantId,
        createdBy: p.owner.id,
        createdAt: p.at,
        updatedAt: p.at,
        number: numbers.get(p.id)!,
        customerId: p.customerId,
        ownerId: p.owner.id,
        departmentId: p.owner.department_id,
        status: p.status,
        orderedAt: p.at,
        taxRate: '13',
        subtotal: t.subtotal,
        tax: t.tax,
        total: t.total,
        cost: t.cost,
        warehouseId: delivered.get(p.id) ?? null,
        confirmedAt: at('confirmed'),
        paidAt: at('paid'),
        deliveredAt: at('delivered'),
        completedAt: at('completed'),
        cancelledAt: p.status === 'cancelled' ? new Date(p.at.getTime() + DAY) : null,
      };
    });
    for (let i = 0; i < orderRows.length; i += 200)
      await tx.insert(orders).values(orderRows.slice(i, i + 200));
    const lineRows = plans.flatMap((p) => p.lines.map((l) => ({ ...l, tenantId, orderId: p.id })));
    for (let i = 0; i < lineRows.length; i += 300)
      await tx.insert(orderLines).values(lineRows.slice(i, i + 300));
    const historyRows = plans.flatMap((p) =>
      reached(p).map((to, i, all) => ({
        id: uuidv7(),
        tenantId,
        orderId: p.id,
        fromStatus: i === 0 ? null : all[i - 1],
        toStatus: to,
        at: to === 'cancelled' ? new Date(p.at.getTime() + DAY) : stampOf(p, to as OrderStatus),
        userId: p.owner.id,
      })),
    );
    for (let i = 0; i < historyRows.length; i += 300)
      await tx.insert(orderStatusHistory).values(historyRows.slice(i, i + 300));
    const audits: AuditEntry[] = plans.map((p) => ({
      action: 'create',
      entity: 'orders',
      entityId: p.id,
      summary: `${numbers.get(p.id)} ${sumMoney(p.lines.map((l) => l.amount))}`,
    }));
    await writeAudits(tx, { tenantId, userId: null, userName: null }, audits);
    const last = new Map<string, Date>();
    for (const p of plans) if (p.status !== 'cancelled') last.set(p.customerId, p.at);
    await setLastOrderDates(tx, tenantId, last);
  });

  // the demo's accepted quotes become orders, as a seller would do it
  for (const [ownerId, c] of callers) {
    const accepted = await listQuotes(db, c, { page: 1, pageSize: 20, status: 'accepted', ownerId });
    for (const q of accepted.data) if (!q.orderId) await quoteToOrder(db, c, q.id, q.version);
  }
}
