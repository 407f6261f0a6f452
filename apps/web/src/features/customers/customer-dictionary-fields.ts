import type { Customer, DictionaryType } from '@guanxi/contract';
import { useDictionaryFieldLabel } from '../dictionaries/dictionary-fields.ts';

/**
 * The customer's dictionary fields: which dictionary each holds, and the field with the item's
 * name. In the order the form, filters and bulk edit show them; a new one is added here once.
 */
export const customerDictionaryFields = {
  levelId: { type: 'customer-level', name: 'levelName' },
  statusId: { type: 'customer-status', name: 'statusName' },
  intentionId: { type: 'customer-intention', name: 'intentionName' },
  sourceId: { type: 'customer-source', name: 'sourceName' },
  industryId: { type: 'industry', name: 'industryName' },
  regionId: { type: 'region', name: 'regionName' },
} as const satisfies Partial<Record<keyof Customer, { type: DictionaryType; name: keyof Customer }>>;

export type CustomerDictionaryField = keyof typeof customerDictionaryFields;
export const customerDictionaryFieldNames = Object.keys(
  customerDictionaryFields,
) as CustomerDictionaryField[];

/** A customer's dictionary field by name, in the reader's language. */
export type CustomerDictionaryLabel = (customer: Customer, field: CustomerDictionaryField) => string | null;

export function useCustomerDictionaryLabel(): CustomerDictionaryLabel {
  const label = useDictionaryFieldLabel(customerDictionaryFields);
  return (customer, field) =>
    label(field, customer[field], customer[customerDictionaryFields[field].name] ?? null);
}
