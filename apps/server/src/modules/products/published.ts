import type { Db } from '../../db/client.ts';

/** A product as a quote or order line needs it (cost included: the caller applies its own field rules). */
export type ProductForLine = {
  id: string;
  code: string;
  name: string;
  model: string | null;
  spec: string | null;
  unitName: string | null;
  listPrice: string;
  cost: string | null;
  warrantyMonths: number | null;
  status: 'on-sale' | 'discontinued';
  categoryId: string | null;
  categoryName: string | null;
};

/** Not deleted products of the tenant by id (missing ids are absent from the map). */
export async function productsByIds(
  _db: Db,
  _tenantId: string,
  _ids: readonly string[],
): Promise<Map<string, ProductForLine>> {
  throw new Error('not yet');
}

/**
 * The unit price a quote proposes: the lowest price among the price lists valid on `on`
 * (YYYY-MM-DD) that name the customer or its level, else the product's list price.
 */
export async function proposedPrices(
  _db: Db,
  _tenantId: string,
  _customer: { id: string; levelId: string | null },
  _productIds: readonly string[],
  _on: string,
): Promise<Map<string, { unitPrice: string; priceListId: string | null; priceListName: string | null }>> {
  throw new Error('not yet');
}
