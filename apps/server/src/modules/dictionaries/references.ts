import type { DictionaryType } from '@guanxi/contract';

/**
 * Which columns point at which dictionary: modules register theirs (customers: level, source …)
 * so the dictionary service can refuse to delete an item in use and check choices on write.
 */
export type DictionaryReference = { type: DictionaryType; table: string; column: string };

const references: DictionaryReference[] = [];

export function registerDictionaryReferences(...refs: DictionaryReference[]) {
  for (const ref of refs) {
    if (!references.some((r) => r.table === ref.table && r.column === ref.column)) references.push(ref);
  }
}

export const referencesOf = (type: DictionaryType) => references.filter((r) => r.type === type);
