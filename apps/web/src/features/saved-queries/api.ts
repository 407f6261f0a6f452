import type { SavedQuery } from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

type List = SavedQuery['list'];
const key = (list: List) => ['saved-queries', list] as const;

/** Mine and those colleagues share, for one list. */
export function useSavedQueries(list: List) {
  return useQuery({
    queryKey: key(list),
    queryFn: ({ signal }) => api.get<{ data: SavedQuery[] }>('/saved-queries', { list }, signal),
    select: (r) => r.data,
  });
}

export function useSaveQuery(list: List) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: { name: string; query: Record<string, string>; shared: boolean }) =>
      api.post<SavedQuery>('/saved-queries', { list, ...v }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key(list) }),
  });
}

export function useDeleteSavedQuery(list: List) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (q: SavedQuery) => api.delete(`/saved-queries/${q.id}`, { version: q.version }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key(list) }),
  });
}
