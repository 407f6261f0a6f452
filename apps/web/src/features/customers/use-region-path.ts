import { useDictionaryItems } from '../dictionaries/api.ts';
import { useItemLabel } from '../dictionaries/item-label.ts';

/** `广东省 / 深圳市 / 南山区` for a region id (from the cached region tree); null until it is known. */
export function useRegionPath(regionId: string | null): string | null {
  const regions = useDictionaryItems('region');
  const label = useItemLabel();
  if (!regionId || !regions.data) return null;
  const byId = new Map(regions.data.map((r) => [r.id, r]));
  const names: string[] = [];
  let current = byId.get(regionId);
  while (current && names.length < 10) {
    names.unshift(label(current));
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return names.length ? names.join(' / ') : null;
}
