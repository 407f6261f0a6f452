import type { DictionaryType } from '@guanxi/contract';
import { useDictionaryItems } from '../dictionaries/api.ts';
import { useItemLabel } from '../dictionaries/item-label.ts';

export type DictionaryLabel = (
  type: DictionaryType,
  id: string | null,
  fallback: string | null,
) => string | null;

/**
 * Names of a customer's dictionary items in the reader's language (the API answers with the
 * Chinese names): looked up in the cached dictionaries, the API's name until they are loaded.
 */
export function useDictionaryLabels(): DictionaryLabel {
  const label = useItemLabel();
  const lists: Partial<Record<DictionaryType, ReturnType<typeof useDictionaryItems>>> = {
    'customer-level': useDictionaryItems('customer-level'),
    'customer-source': useDictionaryItems('customer-source'),
    industry: useDictionaryItems('industry'),
    'customer-status': useDictionaryItems('customer-status'),
    'customer-intention': useDictionaryItems('customer-intention'),
    region: useDictionaryItems('region'),
  };
  return (type, id, fallback) => {
    if (!id) return fallback;
    const item = lists[type]?.data?.find((i) => i.id === id);
    return item ? label(item) : fallback;
  };
}
