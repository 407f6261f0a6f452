import type { CustomFieldEntity } from '@guanxi/contract';

/**
 * Which table (and jsonb column) holds the custom values of an entity. A module that offers custom
 * fields declares it in its manifest (`customFieldEntities: [{entity: 'customers', table:
 * 'customers', column: 'custom'}]`); definitions, validation, list filters, replace-option and the
 * in-use check then work for it without further code.
 */
export type CustomFieldEntityDef = {
  entity: CustomFieldEntity;
  table: string;
  /** The jsonb column of the values (default `custom`). */
  column?: string;
  /** The audit log's entity name of its records (default: the entity). */
  auditEntity?: string;
};

const registry = new Map<CustomFieldEntity, Required<CustomFieldEntityDef>>();

/** Called once by the composition root with every manifest's entities. */
export function installCustomFieldEntities(defs: readonly CustomFieldEntityDef[]) {
  registry.clear();
  for (const def of defs) registry.set(def.entity, { column: 'custom', auditEntity: def.entity, ...def });
}

/** The registration of an entity, or undefined when no module registered it. */
export const customFieldEntity = (entity: CustomFieldEntity) => registry.get(entity);
