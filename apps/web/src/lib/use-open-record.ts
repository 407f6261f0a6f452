import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * The record a list page shows in its detail drawer, kept in `?id=` (a notification links to it;
 * opening and closing replace the history entry rather than adding one).
 */
export function useOpenRecord(): [string | null, (id: string | null) => void] {
  const [params, setParams] = useSearchParams();
  const open = useCallback(
    (id: string | null) =>
      setParams(
        (p) => {
          const next = new URLSearchParams(p);
          if (id) next.set('id', id);
          else next.delete('id');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  return [params.get('id'), open];
}
