import type { LabelLookup, Words } from '../kit/definition.ts';

/**
 * Labels for keys from a fixed set (a status, a priority) in the reader's language: the words live
 * beside the definition, no table holds them. Unknown keys stay as they are.
 */
export const fixedWords =
  (words: Record<string, Words>): LabelLookup =>
  async (_db, _tenantId, keys, locale) =>
    new Map(keys.map((k) => [k, words[k]?.[locale] ?? k]));
