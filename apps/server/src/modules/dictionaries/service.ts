import {
  type CreateDictionaryItem,
  type DictionaryItem,
  type DictionarySummary,
  type DictionaryType,
  dictionaryTypeCodes,
  dictionaryTypes,
  type UpdateDictionaryItem,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { type Actor, auditUpdate, diff, fieldHistory, writeAudit } from '../../platform/audit.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import { referencesOf } from './references.ts';

export { type DictionaryReference, installDictionaryReferences } from './references.ts';

import * as repo from './repository.ts';
import { dictionarySeed, type SeedItem } from './seed-data.ts';

const ENTITY = 'dictionary_items';

const toItem = (r: repo.ItemRow): DictionaryItem => ({
  id: r.id,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  type: r.type as DictionaryType,
  parentId: r.parentId,
  name: r.name,
  nameEn: r.nameEn,
  code: r.code,
  remark: r.remark,
  sortOrder: r.sortOrder,
  valid: r.valid,
});

const auditable = (r: repo.ItemRow) => ({ name: r.name, nameEn: r.nameEn, remark: r.remark, valid: r.valid });

export async function listSummaries(db: Db, tenantId: string): Promise<DictionarySummary[]> {
  const counts = new Map((await repo.summaries(db, tenantId)).map((r) => [r.type, r]));
  return dictionaryTypeCodes.map((type) => ({
    type,
    tree: dictionaryTypes[type].tree,
    total: Number(counts.get(type)?.total ?? 0),
    invalid: Number(counts.get(type)?.invalid ?? 0),
  }));
}

export async function listItems(
  db: Db,
  tenantId: string,
  type: DictionaryType,
  q: { parentId?: string; includeInvalid: 'true' | 'false' },
) {
  const parentId = q.parentId === 'root' ? null : q.parentId;
  const rows = await repo.listItems(db, tenantId, type, {
    parentId,
    validOnly: q.includeInvalid === 'false',
  });
  return rows.map(toItem);
}

async function requireItem(db: Db, tenantId: string, type: DictionaryType, id: string) {
  const row = await repo.findItem(db, tenantId, type, id);
  if (!row) throw notFound();
  return row;
}

const nameTaken = () => new AppError('NAME_TAKEN', [{ path: 'name', message: 'taken' }]);

export async function createItem(
  db: Db,
  actor: Actor,
  type: DictionaryType,
  input: CreateDictionaryItem,
): Promise<DictionaryItem> {
  const parentId = input.parentId ?? null;
  if (parentId && !dictionaryTypes[type].tree) throw invalid('parentId', 'this dictionary is flat');
  return db.transaction(async (tx) => {
    if (parentId) {
      const parent = await repo.findItem(tx, actor.tenantId, type, parentId);
      if (!parent) throw invalid('parentId', 'no such item in this dictionary');
      if (!parent.valid)
        throw new AppError('DICTIONARY_ITEM_INVALID', [{ path: 'parentId', message: 'invalid' }]);
    }
    if (await repo.nameTaken(tx, actor.tenantId, type, parentId, input.name)) throw nameTaken();
    const row = await repo.insertItem(tx, {
      id: uuidv7(),
      tenantId: actor.tenantId,
      createdBy: actor.userId,
      type,
      parentId,
      name: input.name,
      nameEn: input.nameEn ?? null,
      remark: input.remark ?? null,
      sortOrder: await repo.nextSortOrder(tx, actor.tenantId, type, parentId),
    });
    await writeAudit(tx, actor, {
      action: 'create',
      entity: ENTITY,
      entityId: row.id,
      summary: `${type}: ${row.name}`,
      changes: diff(null, auditable(row)),
    });
    return toItem(row);
  });
}

export async function updateItem(
  db: Db,
  actor: Actor,
  type: DictionaryType,
  id: string,
  input: UpdateDictionaryItem,
): Promise<DictionaryItem> {
  return db.transaction(async (tx) => {
    const current = await requireItem(tx, actor.tenantId, type, id);
    checkVersion(current, input.version);
    if (!current.valid) throw new AppError('DICTIONARY_ITEM_INVALID');
    if (
      input.name &&
      input.name !== current.name &&
      (await repo.nameTaken(tx, actor.tenantId, type, current.parentId, input.name, id))
    ) {
      throw nameTaken();
    }
    const rows = await repo.updateItem(tx, actor.tenantId, id, input.version, {
      name: input.name,
      nameEn: input.nameEn,
      remark: input.remark,
    });
    const row = await requireUpdated(rows, async () => true);
    await auditUpdate(
      tx,
      actor,
      { entity: ENTITY, entityId: id, summary: `${type}: ${row.name}` },
      auditable(current),
      auditable(row),
    );
    return toItem(row);
  });
}

/** Invalidates (or restores) items; invalidating a tree item takes its descendants along. */
export async function setValidity(
  db: Db,
  actor: Actor,
  type: DictionaryType,
  ids: string[],
  valid: boolean,
): Promise<number> {
  return db.transaction(async (tx) => {
    const unique = [...new Set(ids)];
    const targets = valid
      ? await Promise.all(unique.map((id) => requireItem(tx, actor.tenantId, type, id)))
      : await repo.withDescendants(tx, actor.tenantId, type, unique);
    if (valid) {
      for (const item of targets) {
        if (!item.parentId || unique.includes(item.parentId)) continue;
        const parent = await repo.findItem(tx, actor.tenantId, type, item.parentId);
        if (parent && !parent.valid)
          throw new AppError('DICTIONARY_ITEM_INVALID', [{ path: 'parentId', message: parent.name }]);
      }
    } else if (targets.filter((r) => unique.includes(r.id)).length !== unique.length) {
      throw notFound();
    }
    const changed = await repo.setValid(
      tx,
      actor.tenantId,
      targets.map((r) => r.id),
      valid,
    );
    for (const item of changed) {
      await writeAudit(tx, actor, {
        action: valid ? 'restore' : 'invalidate',
        entity: ENTITY,
        entityId: item.id,
        summary: `${type}: ${item.name}`,
        changes: { valid: [!valid, valid] },
      });
    }
    return changed.length;
  });
}

/** Moves an item to a 1-based position among its siblings (positions past the end mean last). */
export async function moveItem(db: Db, actor: Actor, type: DictionaryType, id: string, to: number) {
  return db.transaction(async (tx) => {
    const item = await requireItem(tx, actor.tenantId, type, id);
    const siblings = await repo.lockSiblings(tx, actor.tenantId, type, item.parentId);
    const order = siblings.filter((s) => s.id !== id);
    const index = Math.min(Math.max(to, 1), siblings.length) - 1;
    order.splice(index, 0, item);
    for (const [i, sibling] of order.entries()) {
      if (sibling.sortOrder !== i + 1) await repo.setSortOrder(tx, sibling.id, i + 1);
    }
    if (item.sortOrder !== index + 1) {
      await writeAudit(tx, actor, {
        action: 'move',
        entity: ENTITY,
        entityId: id,
        summary: `${type}: ${item.name}`,
        changes: { sortOrder: [item.sortOrder, index + 1] },
      });
    }
    return toItem({ ...item, sortOrder: index + 1 });
  });
}

/** Deletes an item nobody refers to and with no children; otherwise it must be invalidated. */
export async function deleteItem(db: Db, actor: Actor, type: DictionaryType, id: string, version: number) {
  await db.transaction(async (tx) => {
    const item = await requireItem(tx, actor.tenantId, type, id);
    checkVersion(item, version);
    let inUse = await repo.hasChildren(tx, actor.tenantId, type, id);
    for (const ref of referencesOf(type)) {
      if (inUse) break;
      inUse = await repo.referenced(tx, actor.tenantId, ref.table, ref.column, id);
    }
    if (inUse) throw new AppError('DICTIONARY_ITEM_IN_USE');
    await requireUpdated(await repo.deleteItem(tx, actor.tenantId, id, version), async () => true);
    await writeAudit(tx, actor, {
      action: 'delete',
      entity: ENTITY,
      entityId: id,
      summary: `${type}: ${item.name}`,
      changes: diff(auditable(item), null),
    });
  });
}

export async function itemHistory(db: Db, tenantId: string, type: DictionaryType, id: string) {
  await requireItem(db, tenantId, type, id);
  return fieldHistory(db, tenantId, ENTITY, id);
}

/**
 * Checks a record's dictionary field on write: the item must exist in that dictionary and be
 * valid — unless the record already had it (an invalid item stays on old records).
 */
export async function assertChoosable(
  db: Db,
  tenantId: string,
  field: string,
  type: DictionaryType,
  id: string | null | undefined,
  previous?: string | null,
) {
  if (!id || id === previous) return;
  const item = await repo.findItem(db, tenantId, type, id);
  if (!item) throw new AppError('DICTIONARY_ITEM_MISMATCH', [{ path: field, message: type }]);
  if (!item.valid) throw new AppError('DICTIONARY_ITEM_INVALID', [{ path: field, message: item.name }]);
}

/** Seeds the dictionaries a tenant does not have yet (new tenants, and types added by upgrades). */
export async function seedDictionaries(tx: Db, tenantId: string) {
  const present = await repo.typesPresent(tx, tenantId);
  const rows: Parameters<typeof repo.insertMany>[1] = [];
  const add = (type: string, items: SeedItem[], parentId: string | null) => {
    items.forEach((item, i) => {
      const id = uuidv7();
      rows.push({
        id,
        tenantId,
        type,
        parentId,
        name: item.name,
        nameEn: item.nameEn,
        code: item.code ?? null,
        sortOrder: i + 1,
      });
      if (item.children) add(type, item.children, id);
    });
  };
  for (const [type, items] of Object.entries(dictionarySeed())) {
    if (!present.has(type)) add(type, items, null);
  }
  await repo.insertMany(tx, rows);
}
