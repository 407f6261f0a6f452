import type { DictionaryType } from '@guanxi/contract';

/**
 * Which columns point at which dictionary: modules declare theirs in their manifest (customers:
 * level, source …) so the dictionary service can refuse to delete an item in use.
 */
export type DictionaryReference = { type: DictionaryType; table: string; column: string };

let references: readonly DictionaryReference[] = [];

/** Called once by the composition root with every manifest's references. */
export function installDictionaryReferences(refs: readonly DictionaryReference[]) {
  references = refs;
}

export const referencesOf = (type: DictionaryType) => references.filter((r) => r.type === type);
