import type { CreatePool, Pool, UpdatePool } from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../lib/api.ts';

export const poolKeys = { all: ['pools'] as const };

/** The pools the user sees (all of them for pool admins), with their rules and customer counts. */
export function usePools(enabled = true) {
  return useQuery({
    queryKey: poolKeys.all,
    queryFn: ({ signal }) => api.get<{ data: Pool[] }>('/pools', undefined, signal),
    select: (r) => r.data,
    enabled,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: poolKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['customers'] }),
    ]);
}

export function useCreatePool() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreatePool) => api.post<Pool>('/pools', input),
    onSuccess: invalidate,
  });
}

export function useUpdatePool() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdatePool & { id: string }) => api.patch<Pool>(`/pools/${id}`, input),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

export function useDeletePool() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/pools/${id}`, { version }),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

/** 立即回收: the daily recycle and reminders, now. */
export function useRunRecycle() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => api.post<{ recycled: number; reminded: number }>('/pools/recycle'),
    onSuccess: () =>
      Promise.all([invalidate(), queryClient.invalidateQueries({ queryKey: ['notifications'] })]),
  });
}
