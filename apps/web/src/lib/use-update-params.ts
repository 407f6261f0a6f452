import { useCallback } from 'react';
import { type NavigateOptions, useLocation, useSearchParams } from 'react-router';

/**
 * Whether the browser has left the page rendered at `pathname` (a link followed, the next page not
 * yet rendered). Compared decoded: the router and the browser may encode a path differently.
 */
export function pageLeft(pathname: string): boolean {
  const here = window.location.pathname;
  try {
    return decodeURI(here) !== decodeURI(pathname);
  } catch {
    return here !== pathname;
  }
}

/**
 * Changes the address's search parameters starting from the address as it is now. The router
 * renders a navigation later (in a transition, later still on a busy phone), so parameters taken
 * from the last render — react-router's own functional form included — can put back what changed
 * meanwhile: a search typed just before a row was opened closed that row's drawer again. The
 * browser's address is updated at once, so it is the base. A change asked for after the page was
 * left (the next page not yet rendered) is dropped: it belongs to the page that asked.
 */
export function useUpdateParams(): (update: (p: URLSearchParams) => void, options?: NavigateOptions) => void {
  const [, setParams] = useSearchParams();
  const { pathname } = useLocation();
  return useCallback(
    (update, options) => {
      if (pageLeft(pathname)) return;
      const current = new URLSearchParams(window.location.search);
      const next = new URLSearchParams(current);
      update(next);
      // an unchanged address is no navigation (and no new history entry)
      if (next.toString() !== current.toString()) setParams(next, options);
    },
    [setParams, pathname],
  );
}
