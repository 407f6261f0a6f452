import { useMediaQuery } from './use-media-query.ts';

/** True below 768 px: the sidebar becomes a drawer, forms stack, modals take the full width. */
export function useIsPhone(): boolean {
  return useMediaQuery('(max-width: 767.98px)');
}
