import { useSearchParams } from 'react-router';
import { useUpdateParams } from './use-update-params.ts';

/**
 * A page's tab kept in the address (`?tab=`, absent for the first): the tab shown and the switch
 * to another, which starts that tab's list afresh (the other tab's search, page and filters are
 * dropped from the address).
 */
export function useTabParam<T extends string>(tabs: readonly [T, ...T[]]): [T, (tab: string) => void] {
  const [params] = useSearchParams();
  const updateParams = useUpdateParams();
  const asked = params.get('tab') as T;
  const tab = tabs.includes(asked) ? asked : tabs[0];
  const switchTo = (key: string) =>
    updateParams(
      (p) => {
        for (const k of [...p.keys()]) p.delete(k);
        if (key !== tabs[0]) p.set('tab', key);
      },
      { replace: true },
    );
  return [tab, switchTo];
}
