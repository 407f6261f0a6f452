import type { Agent } from '../../test/agent.ts';
import { unique } from '../../test/factories.ts';

/** Test data for quotes and orders, made through the products and inventory APIs (as the admin). */

async function created(res: { statusCode: number; body: string; json(): unknown }) {
  if (res.statusCode !== 201) throw new Error(`expected 201, got ${res.statusCode}: ${res.body}`);
  return res.json() as { id: string; version: number; [k: string]: unknown };
}

/** A product on sale (list price 100.00, cost 60.00 unless given). */
export async function makeProduct(admin: Agent, over: Record<string, unknown> = {}) {
  return created(
    await admin.post('/api/v1/products', {
      code: unique('P').replace(/[^A-Za-z0-9]/g, ''),
      name: unique('产品'),
      listPrice: '100.00',
      cost: '60.00',
      ...over,
    }),
  );
}

export async function makeWarehouse(admin: Agent) {
  return created(
    await admin.post('/api/v1/warehouses', {
      code: unique('W').replace(/[^A-Za-z0-9]/g, ''),
      name: unique('仓库'),
    }),
  );
}

/** Puts `quantity` of the product into the warehouse (a stock-in entry). */
export async function stockIn(admin: Agent, productId: string, warehouseId: string, quantity: string) {
  const res = await admin.post('/api/v1/stock-moves', { kind: 'in', productId, warehouseId, quantity });
  if (res.statusCode !== 201) throw new Error(`stock in: ${res.statusCode} ${res.body}`);
}

/** The stock of a product per warehouse. */
export async function stockOf(admin: Agent, productId: string, warehouseId: string) {
  const res = await admin.get(`/api/v1/stock?productId=${productId}`);
  const row = (res.json().data as { warehouseId: string; quantity: string }[]).find(
    (r) => r.warehouseId === warehouseId,
  );
  return row?.quantity ?? '0';
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A quote body: one line of the product, valid for 30 days. */
export const quoteBody = (customerId: string, productId: string, over: Record<string, unknown> = {}) => ({
  customerId,
  validUntil: inDays(30),
  lines: [{ productId, quantity: '2' }],
  ...over,
});
