import type {
  CreateProduct,
  ListResponse,
  Product,
  ProductListItem,
  ProductListQuery,
  UpdateProduct,
} from '@guanxi/contract';
import { normalizeMoney } from '@guanxi/contract';
import { pinyin } from 'pinyin-pro';
import type { Db } from '../../db/client.ts';
import { applyFieldAccess, applyFieldAccessToHistory, assertWritable } from '../../platform/access.ts';
import { diff, fieldHistory, writeAudit } from '../../platform/audit.ts';
import { can, type Principal } from '../../platform/auth/principal.ts';
import type { Caller } from '../../platform/caller.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import { assertChoosable } from '../dictionaries/service.ts';
import { productHasStock } from '../inventory/published.ts';
import * as repo from './repository.ts';

export const ENTITY = 'products';
export const CATEGORY_DICTIONARY = 'product-category';
export const UNIT_DICTIONARY = 'product-unit';

// ---- answers ----

const text = (v: unknown) => (v as string | null) ?? null;

/** A product row (with its names) as the caller may see it: `cost` absent when hidden to them. */
export function toProductListItem(p: Principal, r: Record<string, unknown>): ProductListItem {
  return applyFieldAccess(p, ENTITY, {
    id: r.id as string,
    version: r.version as number,
    createdAt: new Date(r.created_at as string).toISOString(),
    updatedAt: new Date(r.updated_at as string).toISOString(),
    code: r.code as string,
    name: r.name as string,
    categoryId: text(r.category_id),
    categoryName: text(r.category_name),
    model: text(r.model),
    spec: text(r.spec),
    unit: text(r.unit),
    unitName: text(r.unit_name),
    listPrice: normalizeMoney(r.list_price_text as string),
    cost: r.cost_text == null ? null : normalizeMoney(r.cost_text as string),
    warrantyMonths: (r.warranty_months as number | null) ?? null,
    tracksStock: r.tracks_stock !== false,
    status: r.status as ProductListItem['status'],
  });
}

function toProduct(p: Principal, r: Record<string, unknown>): Product {
  return {
    ...toProductListItem(p, r),
    description: text(r.description),
    canEdit: can(p, 'products:edit'),
    canDelete: can(p, 'products:delete'),
  };
}

/** The name's pinyin, full and initials, with code, name and model: what a quick search matches. */
export function productSearchText(v: { code: string; name: string; model?: string | null }) {
  const plain = v.name.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
  const full = pinyin(plain, { toneType: 'none', separator: '', nonZh: 'consecutive' });
  const initials = pinyin(plain, { pattern: 'first', toneType: 'none', separator: '', nonZh: 'consecutive' });
  return [v.code, plain, v.model ?? '', full, initials].join(' ').toLowerCase();
}

const auditable = (r: repo.ProductRow) => ({
  code: r.code,
  name: r.name,
  categoryId: r.categoryId,
  model: r.model,
  spec: r.spec,
  unit: r.unit,
  listPrice: normalizeMoney(r.listPrice),
  cost: r.cost == null ? null : normalizeMoney(r.cost),
  warrantyMonths: r.warrantyMonths,
  tracksStock: r.tracksStock,
  status: r.status,
  description: r.description,
});

// ---- reads ----

/** The catalogue (not scoped); `stocked`: only products with stock (in a warehouse), for the stock view. */
export async function listProducts(
  db: Db,
  p: Principal,
  q: ProductListQuery & repo.ProductFilters,
): Promise<ListResponse<ProductListItem>> {
  const page = await repo.listProducts(db, p.tenantId, q);
  return { ...page, data: page.data.map((r) => toProductListItem(p, r)) };
}

export async function getProduct(db: Db, p: Principal, id: string): Promise<Product> {
  const row = await repo.findProduct(db, p.tenantId, id);
  if (!row) throw notFound();
  return toProduct(p, row);
}

/** 变更记录, with the cost's changes left out for whom it is hidden. */
export async function productHistory(db: Db, p: Principal, id: string) {
  if (!(await repo.findProduct(db, p.tenantId, id))) throw notFound();
  return applyFieldAccessToHistory(p, ENTITY, await fieldHistory(db, p.tenantId, ENTITY, id));
}

/** Images on a product (manifest `fileEntities`): seen with products:view. */
export async function productVisible(db: Db, p: Principal, id: string): Promise<boolean> {
  return can(p, 'products:view') && Boolean(await repo.findProduct(db, p.tenantId, id));
}

/** Images are added or removed by who may edit the product; locked in `tx`. */
export async function productChangeable(tx: Db, p: Principal, id: string): Promise<boolean> {
  return can(p, 'products:edit') && Boolean(await repo.lockProduct(tx, p.tenantId, id));
}

// ---- writes ----

async function checkReferences(
  db: Db,
  tenantId: string,
  v: { categoryId?: string | null; unit?: string | null },
  before?: repo.ProductRow,
) {
  await assertChoosable(db, tenantId, 'categoryId', CATEGORY_DICTIONARY, v.categoryId, before?.categoryId);
  await assertChoosable(db, tenantId, 'unit', UNIT_DICTIONARY, v.unit, before?.unit);
}

async function assertCodeFree(db: Db, tenantId: string, code: string, exceptId?: string) {
  if (await repo.codeTaken(db, tenantId, code, exceptId))
    throw new AppError('PRODUCT_CODE_TAKEN', [{ path: 'code', message: code }]);
}

/** The unique index is the last word on a code taken at the same moment. */
async function codeGuard<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const err = e as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
    const pg = err.cause ?? err;
    if (pg.code === '23505' && String(pg.constraint ?? '').startsWith('products_code'))
      throw new AppError('PRODUCT_CODE_TAKEN', [{ path: 'code', message: 'taken' }]);
    throw e;
  }
}

export async function createProduct(db: Db, c: Caller, input: CreateProduct): Promise<Product> {
  assertWritable(c.p, ENTITY, input);
  const tenantId = c.p.tenantId;
  await checkReferences(db, tenantId, input);
  await assertCodeFree(db, tenantId, input.code);
  const id = uuidv7();
  await codeGuard(() =>
    db.transaction(async (tx) => {
      const row = await repo.insertProduct(tx, {
        id,
        tenantId,
        createdBy: c.p.userId,
        code: input.code,
        name: input.name,
        categoryId: input.categoryId ?? null,
        model: input.model ?? null,
        spec: input.spec ?? null,
        unit: input.unit ?? null,
        listPrice: input.listPrice,
        cost: input.cost ?? null,
        warrantyMonths: input.warrantyMonths ?? null,
        tracksStock: input.tracksStock ?? true,
        status: input.status ?? 'on-sale',
        description: input.description ?? null,
        searchText: productSearchText(input),
      });
      await writeAudit(tx, c.actor, {
        action: 'create',
        entity: ENTITY,
        entityId: id,
        summary: `${row.code} ${row.name}`,
        changes: diff(null, auditable(row)),
      });
    }),
  );
  return getProduct(db, c.p, id);
}

export async function updateProduct(db: Db, c: Caller, id: string, input: UpdateProduct): Promise<Product> {
  const { version, ...changes } = input;
  assertWritable(c.p, ENTITY, changes);
  const tenantId = c.p.tenantId;
  await codeGuard(() =>
    db.transaction(async (tx) => {
      const before = await repo.lockProduct(tx, tenantId, id);
      if (!before) throw notFound();
      checkVersion(before, version);
      await checkReferences(tx, tenantId, changes, before);
      if (changes.code !== undefined && changes.code.toLowerCase() !== before.code.toLowerCase())
        await assertCodeFree(tx, tenantId, changes.code, id);
      const next = {
        code: changes.code ?? before.code,
        name: changes.name ?? before.name,
        model: changes.model === undefined ? before.model : changes.model,
      };
      const values = {
        ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)),
        searchText: productSearchText(next),
      };
      const after = await requireUpdated(
        await repo.updateProduct(tx, tenantId, id, version, values),
        async () => true,
      );
      const changed = diff(auditable(before), auditable(after));
      if (Object.keys(changed).length)
        await writeAudit(tx, c.actor, {
          action: 'update',
          entity: ENTITY,
          entityId: id,
          summary: `${after.code} ${after.name}`,
          changes: changed,
        });
    }),
  );
  return getProduct(db, c.p, id);
}

/**
 * Deletes a product (soft: documents keep naming it). One with stock in a warehouse is refused —
 * it is discontinued (停售) instead.
 */
export async function deleteProduct(db: Db, c: Caller, id: string, version: number) {
  await db.transaction(async (tx) => {
    const before = await repo.lockProduct(tx, c.p.tenantId, id);
    if (!before) throw notFound();
    checkVersion(before, version);
    if (await productHasStock(tx, c.p.tenantId, id)) throw new AppError('PRODUCT_HAS_STOCK');
    await requireUpdated(
      await repo.updateProduct(tx, c.p.tenantId, id, version, { deletedAt: new Date() }),
      async () => true,
    );
    await writeAudit(tx, c.actor, {
      action: 'delete',
      entity: ENTITY,
      entityId: id,
      summary: `${before.code} ${before.name}`,
    });
  });
}
