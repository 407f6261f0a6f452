import type { DictionaryType } from '@guanxi/contract';
import { useQueries } from '@tanstack/react-query';
import { dictionaryItemsQuery } from './api.ts';
import { useItemLabel } from './item-label.ts';

/**
 * Which field of a record holds an item of which dictionary, and which field carries that item's
 * name in the API's answers. Each record type writes its map once (e.g. customer-dictionary-fields)
 * and its form, filters, list columns and history read it.
 */
export type DictionaryFieldMap = Record<string, { type: DictionaryType; name: string }>;

/**
 * Names a dictionary field's value in the reader's language: looked up in the cached dictionaries
 * of the map (loaded together), the fallback (the API's Chinese name) until they are there.
 */
export function useDictionaryFieldLabel(map: DictionaryFieldMap) {
  const label = useItemLabel();
  const types = [...new Set(Object.values(map).map((f) => f.type))];
  const lists = useQueries({ queries: types.map((type) => dictionaryItemsQuery(type)) });
  return (field: string, id: unknown, fallback: string | null): string | null => {
    const type = map[field]?.type;
    if (!type || typeof id !== 'string' || !id) return fallback;
    const item = lists[types.indexOf(type)]?.data?.find((i) => i.id === id);
    return item ? label(item) : fallback;
  };
}
