import type { Session } from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

/** The caller's sessions, or (with `sessions:admin`) another user's. */
export function useSessions(userId?: string) {
  return useQuery({
    queryKey: ['sessions', userId ?? 'mine'],
    queryFn: ({ signal }) => api.get<{ data: Session[] }>('/sessions', { userId }, signal),
    select: (r) => r.data,
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/sessions/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['sessions'] }),
  });
}
