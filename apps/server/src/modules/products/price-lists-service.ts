import type {
  CreatePriceList,
  ListResponse,
  PriceList,
  PriceListListQuery,
  PriceListSummary,
  ProposedPrice,
  ProposedPricesQuery,
  UpdatePriceList,
} from '@guanxi/contract';
import { normalizeMoney } from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { diff, fieldHistory, writeAudit } from '../../platform/audit.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { todayIn } from '../../platform/dates.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import { getCustomer } from '../customers/service.ts';
import { proposedPrices as proposed } from './published.ts';
import * as repo from './repository.ts';

export const PRICE_LIST_ENTITY = 'price-lists';
const LEVEL_DICTIONARY = 'customer-level';

/** Customer names the caller may see (404 → counted as "others", never named). */
async function visibleCustomers(db: Db, p: Principal, ids: string[]) {
  const seen: { id: string; name: string }[] = [];
  for (const id of ids) {
    try {
      seen.push({ id, name: (await getCustomer(db, p, id)).name });
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'NOT_FOUND')) throw e;
    }
  }
  return seen;
}

async function toSummaries(db: Db, p: Principal, rows: Record<string, unknown>[], today: string) {
  const ids = rows.map((r) => r.id as string);
  const { levels, customers } = await repo.audiencesOf(db, p.tenantId, ids);
  const out: (PriceListSummary & { customerIds: string[]; customerLevelIds: string[] })[] = [];
  for (const r of rows) {
    const id = r.id as string;
    const customerIds = customers.filter((c) => c.price_list_id === id).map((c) => c.customer_id);
    const named = await visibleCustomers(db, p, customerIds);
    const validFrom = r.valid_from_text as string;
    const validTo = (r.valid_to_text as string | null) ?? null;
    const customerLevels = levels
      .filter((l) => l.price_list_id === id)
      .map((l) => ({ id: l.id, name: l.name }));
    out.push({
      id,
      version: r.version as number,
      createdAt: new Date(r.created_at as string).toISOString(),
      updatedAt: new Date(r.updated_at as string).toISOString(),
      name: r.name as string,
      validFrom,
      validTo,
      customerLevels,
      customers: named,
      otherCustomers: customerIds.length - named.length,
      itemCount: Number(r.item_count),
      current: validFrom <= today && (validTo === null || validTo >= today),
      customerIds,
      customerLevelIds: customerLevels.map((l) => l.id),
    });
  }
  return out;
}

export async function listPriceLists(
  db: Db,
  c: Caller,
  q: PriceListListQuery,
): Promise<ListResponse<PriceListSummary>> {
  const page = await repo.listPriceLists(db, c.p.tenantId, q);
  const summaries = await toSummaries(db, c.p, page.data, todayIn(c.timeZone));
  return { ...page, data: summaries.map(({ customerIds: _c, customerLevelIds: _l, ...s }) => s) };
}

export async function getPriceList(db: Db, c: Caller, id: string): Promise<PriceList> {
  const row = await repo.findPriceList(db, c.p.tenantId, id);
  if (!row) throw notFound();
  const [summary] = await toSummaries(db, c.p, [row], todayIn(c.timeZone));
  const items = await repo.itemsOf(db, c.p.tenantId, id);
  return {
    ...summary,
    // named customers the caller cannot see keep their place but not their id
    customerIds: summary.customers.map((x) => x.id),
    items: items.map((x) => ({
      productId: x.product_id,
      productCode: x.code,
      productName: x.name,
      unitName: x.unit_name,
      listPrice: normalizeMoney(x.list_price),
      price: normalizeMoney(x.price),
    })),
  };
}

export async function priceListHistory(db: Db, c: Caller, id: string) {
  if (!(await repo.findPriceList(db, c.p.tenantId, id))) throw notFound();
  return fieldHistory(db, c.p.tenantId, PRICE_LIST_ENTITY, id);
}

// ---- writes ----

/** Levels must be customer levels, customers ones the caller sees, products of the tenant, each once. */
async function checkAudience(
  db: Db,
  p: Principal,
  v: { customerLevelIds?: string[]; customerIds?: string[]; items?: { productId: string }[] },
  keptCustomers: string[] = [],
) {
  if (v.customerLevelIds?.length) {
    const levels = await repo.dictionaryNames(db, p.tenantId, LEVEL_DICTIONARY, v.customerLevelIds);
    const unknown = v.customerLevelIds.filter((x) => !levels.has(x));
    if (unknown.length)
      throw new AppError('DICTIONARY_ITEM_MISMATCH', [
        { path: 'customerLevelIds', message: LEVEL_DICTIONARY },
      ]);
  }
  // a customer already on the list stays even when the caller cannot see it (someone else named it)
  for (const id of v.customerIds ?? []) if (!keptCustomers.includes(id)) await getCustomer(db, p, id);
  if (v.items?.length) {
    const ids = v.items.map((x) => x.productId);
    if (new Set(ids).size !== ids.length) throw new AppError('PRICE_LIST_DUPLICATE_PRODUCT');
    const found = await repo.existingProducts(db, p.tenantId, ids);
    const missing = ids.findIndex((x) => !found.has(x));
    if (missing >= 0) throw invalid(`items.${missing}.productId`, 'no such product');
  }
}

const unique = (ids: string[]) => [...new Set(ids)];

type Audience = { levelIds: string[]; customerIds: string[]; items: { productId: string; price: string }[] };

const auditable = (r: repo.PriceListRow, a: Audience) => ({
  name: r.name,
  validFrom: r.validFrom,
  validTo: r.validTo,
  customerLevelIds: [...a.levelIds].sort(),
  customerIds: [...a.customerIds].sort(),
  // prices as `productId=price`, so a changed price shows as a field change
  prices: a.items.map((x) => `${x.productId}=${normalizeMoney(x.price)}`).sort(),
});

async function audienceOf(db: Db, tenantId: string, id: string): Promise<Audience> {
  const [{ levels, customers }, items] = await Promise.all([
    repo.audiencesOf(db, tenantId, [id]),
    repo.itemsOf(db, tenantId, id),
  ]);
  return {
    levelIds: levels.map((l) => l.id),
    customerIds: customers.map((x) => x.customer_id),
    items: items.map((x) => ({ productId: x.product_id, price: x.price })),
  };
}

export async function createPriceList(db: Db, c: Caller, input: CreatePriceList): Promise<PriceList> {
  const levelIds = unique(input.customerLevelIds ?? []);
  const customerIds = unique(input.customerIds ?? []);
  const items = input.items ?? [];
  await checkAudience(db, c.p, { customerLevelIds: levelIds, customerIds, items });
  const id = uuidv7();
  await db.transaction(async (tx) => {
    const row = await repo.insertPriceList(tx, {
      id,
      tenantId: c.p.tenantId,
      createdBy: c.p.userId,
      name: input.name,
      validFrom: input.validFrom,
      validTo: input.validTo ?? null,
    });
    await repo.setLevels(tx, c.p.tenantId, id, levelIds);
    await repo.setCustomers(tx, c.p.tenantId, id, customerIds);
    await repo.setItems(tx, c.p.tenantId, id, items);
    await writeAudit(tx, c.actor, {
      action: 'create',
      entity: PRICE_LIST_ENTITY,
      entityId: id,
      summary: row.name,
      changes: diff(null, auditable(row, { levelIds, customerIds, items })),
    });
  });
  return getPriceList(db, c, id);
}

export async function updatePriceList(
  db: Db,
  c: Caller,
  id: string,
  input: UpdatePriceList,
): Promise<PriceList> {
  const { version, customerLevelIds, customerIds, items, ...fields } = input;
  await db.transaction(async (tx) => {
    const before = await repo.lockPriceList(tx, c.p.tenantId, id);
    if (!before) throw notFound();
    checkVersion(before, version);
    const was = await audienceOf(tx, c.p.tenantId, id);
    // customers on the list the caller cannot see stay: they were never shown, so never left out on purpose
    const seen = customerIds
      ? new Set((await visibleCustomers(tx, c.p, was.customerIds)).map((x) => x.id))
      : null;
    const unseen = seen ? was.customerIds.filter((id) => !seen.has(id)) : [];
    const next: Audience = {
      levelIds: customerLevelIds ? unique(customerLevelIds) : was.levelIds,
      customerIds: customerIds ? unique([...customerIds, ...unseen]) : was.customerIds,
      items: items ?? was.items,
    };
    await checkAudience(
      tx,
      c.p,
      {
        customerLevelIds: customerLevelIds && next.levelIds,
        customerIds: customerIds && next.customerIds,
        items,
      },
      was.customerIds,
    );
    if (!next.levelIds.length && !next.customerIds.length)
      throw invalid('customerLevelIds', 'a customer level or a customer is needed');
    const validFrom = fields.validFrom ?? before.validFrom;
    const validTo = fields.validTo === undefined ? before.validTo : fields.validTo;
    if (validTo && validTo < validFrom) throw invalid('validTo', 'must not be before validFrom');
    const values = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const after = await requireUpdated(
      await repo.updatePriceList(tx, c.p.tenantId, id, version, values),
      async () => true,
    );
    if (customerLevelIds) await repo.setLevels(tx, c.p.tenantId, id, next.levelIds);
    if (customerIds) await repo.setCustomers(tx, c.p.tenantId, id, next.customerIds);
    if (items) await repo.setItems(tx, c.p.tenantId, id, next.items);
    const changes = diff(auditable(before, was), auditable(after, next));
    if (Object.keys(changes).length)
      await writeAudit(tx, c.actor, {
        action: 'update',
        entity: PRICE_LIST_ENTITY,
        entityId: id,
        summary: after.name,
        changes,
      });
  });
  return getPriceList(db, c, id);
}

export async function deletePriceList(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await repo.lockPriceList(tx, c.p.tenantId, id);
    if (!before) throw notFound();
    checkVersion(before, version);
    await repo.updatePriceList(tx, c.p.tenantId, id, version, { deletedAt: new Date() });
    await writeAudit(tx, c.actor, {
      action: 'delete',
      entity: PRICE_LIST_ENTITY,
      entityId: id,
      summary: before.name,
    });
  });
}

/**
 * `GET /products/proposed-prices` for the quote form: the customer read through the customers
 * service (one the caller sees, else 404), then the best valid list price of each product.
 */
export async function proposedPricesFor(db: Db, c: Caller, q: ProposedPricesQuery): Promise<ProposedPrice[]> {
  const customer = await getCustomer(db, c.p, q.customerId);
  const on = q.on ?? todayIn(c.timeZone);
  const prices = await proposed(
    db,
    c.p.tenantId,
    { id: customer.id, levelId: customer.levelId },
    q.productIds,
    on,
  );
  return q.productIds.flatMap((productId) => {
    const price = prices.get(productId);
    return price ? [{ productId, ...price }] : [];
  });
}
