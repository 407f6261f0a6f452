import type { DictionaryItem } from '@guanxi/contract';

/** A table row: the item, how many siblings it has (for moving), and its loaded children. */
export type ItemRow = DictionaryItem & { siblings: number; children?: ItemRow[] };

/**
 * Nests the loaded levels (`root` and one per opened parent) into table rows. In a tree, an item
 * whose level is not loaded yet gets `children: []` so the table still offers to expand it; a
 * loaded empty level means a leaf.
 */
export function buildRows(
  levels: Map<string, DictionaryItem[]>,
  tree: boolean,
  parentKey = 'root',
): ItemRow[] {
  const items = levels.get(parentKey) ?? [];
  return items.map((item) => {
    const row: ItemRow = { ...item, siblings: items.length };
    if (tree) {
      const loaded = levels.get(item.id);
      if (!loaded) row.children = [];
      else if (loaded.length > 0) row.children = buildRows(levels, tree, item.id);
    }
    return row;
  });
}
