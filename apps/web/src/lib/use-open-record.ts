import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { useUpdateParams } from './use-update-params.ts';

/**
 * The record a list page shows in its detail drawer, kept in `?id=` (a notification links to it;
 * opening and closing replace the history entry rather than adding one).
 */
export function useOpenRecord(): [string | null, (id: string | null) => void] {
  const [params] = useSearchParams();
  const updateParams = useUpdateParams();
  const open = useCallback(
    (id: string | null) => updateParams((p) => (id ? p.set('id', id) : p.delete('id')), { replace: true }),
    [updateParams],
  );
  return [params.get('id'), open];
}
