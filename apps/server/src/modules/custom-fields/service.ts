import {
  type CreateCustomField,
  type CustomField,
  type CustomFieldEntity,
  MAX_CUSTOM_FIELDS,
  optionTypes,
  type UpdateCustomField,
} from '@guanxi/contract';
import type { SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { type Actor, auditUpdate, diff, fieldHistory, writeAudit } from '../../platform/audit.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { uuidv7 } from '../../platform/ids.ts';
import { checkVersion, requireUpdated } from '../../platform/optimistic.ts';
import { checkDependency, checkOptionsFor, normaliseOptions, same, shortId } from './definition-rules.ts';
import { type CustomListSql, customListSql, customParamsOf, noCustomListSql } from './query.ts';
import { customFieldEntity } from './registry.ts';
import * as repo from './repository.ts';
import { type CustomValues, checkCustomValues, displayValue, type FieldDef } from './values.ts';

export { type CustomFieldEntityDef, installCustomFieldEntities } from './registry.ts';
export {
  type CustomValues,
  checkCustomValues,
  displayValue,
  type FieldDef,
  normaliseValue,
} from './values.ts';
export type { CustomListSql };

const ENTITY = 'custom_fields';

const toField = (r: repo.FieldRow): CustomField => ({
  id: r.id,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  entity: r.entity as CustomFieldEntity,
  key: r.key,
  title: r.title,
  type: r.type,
  required: r.required,
  enabled: r.enabled,
  options: r.options,
  dependsOn: r.dependsOn,
  optionParents: r.optionParents,
  sortOrder: r.sortOrder,
});

const auditable = (r: repo.FieldRow) => ({
  entity: r.entity,
  key: r.key,
  title: r.title,
  type: r.type,
  required: r.required,
  enabled: r.enabled,
  options: r.options,
  dependsOn: r.dependsOn,
  optionParents: r.optionParents,
});

function registered(entity: CustomFieldEntity) {
  const def = customFieldEntity(entity);
  if (!def) throw invalid('entity', 'no custom fields for this entity');
  return def;
}

/** The live definitions of an entity, in order (enabled and disabled). */
export async function definitions(db: Db, tenantId: string, entity: CustomFieldEntity): Promise<FieldDef[]> {
  return repo.listFields(db, tenantId, entity);
}

export async function listFields(db: Db, tenantId: string, entity: CustomFieldEntity) {
  registered(entity);
  return (await repo.listFields(db, tenantId, entity)).map(toField);
}

async function requireField(db: Db, tenantId: string, id: string, lock = false) {
  const row = await repo.findField(db, tenantId, id, lock);
  if (!row) throw notFound();
  return row;
}

const titleTaken = () => new AppError('NAME_TAKEN', [{ path: 'title', message: 'taken' }]);

export async function createField(db: Db, actor: Actor, input: CreateCustomField): Promise<CustomField> {
  registered(input.entity);
  return db.transaction(async (tx) => {
    const fields = await repo.lockFields(tx, actor.tenantId, input.entity);
    if (fields.length >= MAX_CUSTOM_FIELDS)
      throw new AppError('CUSTOM_FIELD_LIMIT', [{ path: 'entity', message: String(MAX_CUSTOM_FIELDS) }]);
    if (await repo.titleTaken(tx, actor.tenantId, input.entity, input.title)) throw titleTaken();
    let key = `cf_${shortId()}`;
    while (await repo.keyExists(tx, actor.tenantId, input.entity, key)) key = `cf_${shortId()}`;
    const options = normaliseOptions(input.options ?? []);
    checkOptionsFor(input.type, options);
    const dependency = checkDependency(
      { key, type: input.type, options },
      input.dependsOn,
      input.optionParents,
      fields,
    );
    const row = await repo.insertField(tx, {
      id: uuidv7(),
      tenantId: actor.tenantId,
      createdBy: actor.userId,
      entity: input.entity,
      key,
      title: input.title,
      type: input.type,
      required: input.required ?? false,
      enabled: input.enabled ?? true,
      options,
      ...dependency,
      sortOrder: fields.length + 1,
    });
    await writeAudit(tx, actor, {
      action: 'create',
      entity: ENTITY,
      entityId: row.id,
      summary: `${row.entity}: ${row.title}`,
      changes: diff(null, auditable(row)),
    });
    return toField(row);
  });
}

/**
 * Title and required flag change any time; options and the dependency only while the field is
 * disabled (409 CUSTOM_FIELD_ENABLED otherwise — sending them back unchanged is fine).
 */
export async function updateField(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateCustomField,
): Promise<CustomField> {
  return db.transaction(async (tx) => {
    const current = await requireField(tx, actor.tenantId, id, true);
    checkVersion(current, input.version);
    if (input.title && input.title !== current.title) {
      if (await repo.titleTaken(tx, actor.tenantId, current.entity, input.title, id)) throw titleTaken();
    }
    let options = current.options;
    if (input.options) {
      // options sent with their values keep them; an option whose value is gone is a new one
      options = normaliseOptions(input.options);
      checkOptionsFor(current.type, options);
    }
    let dependency = { dependsOn: current.dependsOn, optionParents: current.optionParents };
    if (input.options || input.dependsOn !== undefined || input.optionParents) {
      const fields = await repo.listFields(tx, actor.tenantId, current.entity);
      const dependsOn = input.dependsOn === undefined ? current.dependsOn : input.dependsOn;
      let parents = input.optionParents;
      if (!parents) {
        // kept as it was, less what the new options or another parent make meaningless
        const parent = fields.find((f) => f.key === dependsOn);
        const mine = new Set(options.map((o) => o.value));
        const theirs = new Set(parent?.options.map((o) => o.value));
        parents =
          dependsOn === current.dependsOn
            ? Object.fromEntries(
                Object.entries(current.optionParents)
                  .filter(([child]) => mine.has(child))
                  .map(([child, list]) => [child, list.filter((v) => theirs.has(v))]),
              )
            : {};
      }
      dependency = checkDependency(
        { key: current.key, type: current.type, options },
        dependsOn,
        parents,
        fields,
      );
    }
    const constraintsChanged =
      !same(options, current.options) ||
      dependency.dependsOn !== current.dependsOn ||
      !same(dependency.optionParents, current.optionParents);
    if (constraintsChanged && current.enabled)
      throw new AppError('CUSTOM_FIELD_ENABLED', [{ path: 'options', message: 'read-only while enabled' }]);
    const rows = await repo.updateField(tx, actor.tenantId, id, input.version, {
      title: input.title,
      required: input.required,
      ...(constraintsChanged ? { options, ...dependency } : {}),
    });
    const row = await requireUpdated(rows, async () => true);
    await auditUpdate(
      tx,
      actor,
      { entity: ENTITY, entityId: id, summary: `${row.entity}: ${row.title}` },
      auditable(current),
      auditable(row),
    );
    return toField(row);
  });
}

export async function setEnabled(db: Db, actor: Actor, id: string, version: number, enabled: boolean) {
  return db.transaction(async (tx) => {
    const current = await requireField(tx, actor.tenantId, id, true);
    checkVersion(current, version);
    if (current.enabled === enabled) return toField(current);
    const row = await requireUpdated(
      await repo.updateField(tx, actor.tenantId, id, version, { enabled }),
      async () => true,
    );
    await writeAudit(tx, actor, {
      action: enabled ? 'enable' : 'disable',
      entity: ENTITY,
      entityId: id,
      summary: `${row.entity}: ${row.title}`,
      changes: { enabled: [!enabled, enabled] },
    });
    return toField(row);
  });
}

/** Moves a field to a 1-based position among its entity's fields (past the end means last). */
export async function moveField(db: Db, actor: Actor, id: string, to: number) {
  return db.transaction(async (tx) => {
    const field = await requireField(tx, actor.tenantId, id);
    const fields = await repo.lockFields(tx, actor.tenantId, field.entity);
    const order = fields.filter((f) => f.id !== id);
    const index = Math.min(Math.max(to, 1), fields.length) - 1;
    order.splice(index, 0, field);
    for (const [i, f] of order.entries()) {
      if (f.sortOrder !== i + 1) await repo.setSortOrder(tx, f.id, i + 1);
    }
    if (field.sortOrder !== index + 1) {
      await writeAudit(tx, actor, {
        action: 'move',
        entity: ENTITY,
        entityId: id,
        summary: `${field.entity}: ${field.title}`,
        changes: { sortOrder: [field.sortOrder, index + 1] },
      });
    }
    return toField({ ...field, sortOrder: index + 1 });
  });
}

/**
 * Deletes a field that is disabled, that no other field depends on and of which no live record
 * holds a value; otherwise it stays, disabled (like an invalidated dictionary item). The key is
 * never reused.
 */
export async function deleteField(db: Db, actor: Actor, id: string, version: number) {
  await db.transaction(async (tx) => {
    const field = await requireField(tx, actor.tenantId, id, true);
    checkVersion(field, version);
    if (field.enabled)
      throw new AppError('CUSTOM_FIELD_ENABLED', [{ path: 'enabled', message: 'disable it first' }]);
    const fields = await repo.lockFields(tx, actor.tenantId, field.entity);
    const child = fields.find((f) => f.dependsOn === field.key);
    if (child) throw new AppError('CUSTOM_FIELD_IN_USE', [{ path: 'dependsOn', message: child.title }]);
    const target = registered(field.entity as CustomFieldEntity);
    if (await repo.holdsValues(tx, actor.tenantId, target.table, target.column, field.key))
      throw new AppError('CUSTOM_FIELD_IN_USE', [{ path: 'values', message: 'records hold values' }]);
    await requireUpdated(
      await repo.updateField(tx, actor.tenantId, id, version, { deletedAt: new Date() }),
      async () => true,
    );
    let position = 1;
    for (const f of fields) {
      if (f.id === id) continue;
      if (f.sortOrder !== position) await repo.setSortOrder(tx, f.id, position);
      position++;
    }
    await writeAudit(tx, actor, {
      action: 'delete',
      entity: ENTITY,
      entityId: id,
      summary: `${field.entity}: ${field.title}`,
      changes: diff(auditable(field), null),
    });
  });
}

/**
 * 替换: replaces an option value by another option in every record of the entity, in one
 * transaction: one audit row per changed record (its field history shows it) and one summary
 * row on the field.
 */
export async function replaceOption(db: Db, actor: Actor, id: string, from: string, to: string) {
  return db.transaction(async (tx) => {
    const field = await requireField(tx, actor.tenantId, id, true);
    if (!optionTypes.includes(field.type))
      throw invalid('from', 'only dropdown and multi-select fields have options');
    if (!field.options.some((o) => o.value === to)) throw invalid('to', 'not an option of the field');
    const target = registered(field.entity as CustomFieldEntity);
    const count = await repo.replaceOption(
      tx,
      actor,
      target,
      { key: field.key, multiple: field.type === 'multi-select', title: field.title },
      from,
      to,
    );
    await writeAudit(tx, actor, {
      action: 'replace-option',
      entity: ENTITY,
      entityId: id,
      summary: `${field.entity}: ${field.title}`,
      changes: { option: [from, to], records: [null, count] },
    });
    return { count };
  });
}

export async function fieldHistoryOf(db: Db, tenantId: string, id: string) {
  await requireField(db, tenantId, id);
  return fieldHistory(db, tenantId, ENTITY, id);
}

// ---- used by the modules whose records carry custom fields ----

/**
 * Checks the custom values of a record write against the entity's definitions (see
 * `checkCustomValues` for the rules) and answers the values to store: the input merged over
 * `previous` (undefined on create). 400 CUSTOM_FIELD_INVALID with `custom.<key>` paths otherwise.
 */
export async function validateCustomValues(
  tx: Db,
  tenantId: string,
  entity: CustomFieldEntity,
  values: CustomValues | undefined,
  previous?: CustomValues,
): Promise<CustomValues> {
  const defs = await definitions(tx, tenantId, entity);
  return (await validator(tx, tenantId, defs))(values, previous);
}

/** A validator over definitions loaded once (imports check thousands of rows with it). */
export async function customValidator(tx: Db, tenantId: string, entity: CustomFieldEntity) {
  return validator(tx, tenantId, await definitions(tx, tenantId, entity));
}

async function validator(tx: Db, tenantId: string, defs: FieldDef[]) {
  return async (values: CustomValues | undefined, previous?: CustomValues) => {
    if (!defs.length && !values) return previous ?? {};
    const checked = checkCustomValues(defs, values, previous);
    if (checked.userIds.length) {
      const active = await repo.activeUsers(
        tx,
        tenantId,
        checked.userIds.map((u) => u.id),
      );
      for (const u of checked.userIds)
        if (!active.has(u.id)) checked.issues.push({ path: u.path, message: 'not an active user' });
    }
    if (checked.issues.length) throw new AppError('CUSTOM_FIELD_INVALID', checked.issues);
    return checked.values;
  };
}

/**
 * List filters (`cf.<key>`, `cf.<key>.from|to`) and sort keys (`cf.<key>`) of a list query over
 * the values in `column`; no database round trip when the query names no custom field.
 */
export async function customFieldListSql(
  db: Db,
  tenantId: string,
  entity: CustomFieldEntity,
  column: SQL,
  query: Record<string, unknown>,
): Promise<CustomListSql> {
  const { params, sort } = customParamsOf(query);
  if (!params.length && !sort) return noCustomListSql;
  return customListSql(await definitions(db, tenantId, entity), column, query, tenantId);
}

/** Custom values as audit fields (`custom.<key>`), so the field history names each field. */
export const auditableCustom = (custom: Record<string, unknown> | null | undefined) =>
  Object.fromEntries(Object.entries(custom ?? {}).map(([key, value]) => [`custom.${key}`, value]));

/** Export columns of the enabled fields, in order: title and the value as people read it. */
export async function exportColumns(db: Db, tenantId: string, entity: CustomFieldEntity) {
  const defs = (await definitions(db, tenantId, entity)).filter((d) => d.enabled);
  const names = defs.some((d) => d.type === 'user') ? await repo.userNames(db, tenantId) : undefined;
  return defs.map((def) => ({
    title: def.title,
    value: (custom: Record<string, unknown> | null | undefined) =>
      displayValue(def, custom?.[def.key], names),
  }));
}
