import type { CreateUser, FieldChange, ListResponse, UpdateUser, User, UserStatus } from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api, isApiError } from '../../lib/api.ts';

export const userKeys = {
  all: ['users'] as const,
  detail: (id: string) => ['users', 'detail', id] as const,
  history: (id: string) => ['users', 'history', id] as const,
};

export function fetchUsers(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<User>>('/users', params, signal);
}

export function useUser(id: string | undefined) {
  return useQuery({
    queryKey: userKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<User>(`/users/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useUserHistory(id: string | undefined) {
  return useQuery({
    queryKey: userKeys.history(id ?? ''),
    queryFn: ({ signal }) => api.get<{ data: FieldChange[] }>(`/users/${id}/history`, undefined, signal),
    select: (r) => r.data,
    enabled: !!id,
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: userKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['departments'] }),
    ]);
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (input: CreateUser) => api.post<User>('/users', input),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateUser & { id: string }) => api.patch<User>(`/users/${id}`, input),
    onSuccess: invalidate,
    // someone else saved first: reload, so the next save carries the new version
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

export function useResetPassword() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; version: number; password: string }) =>
      api.post<User>(`/users/${id}/reset-password`, input),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

export type DepartureInput = {
  id: string;
  toUserId?: string;
  toPoolId?: string;
  customerIds?: string[];
};

/** 离职交接: hands the user's active customers to a colleague or a pool, sets `left`, signs them out. */
export function useDeparture() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, ...input }: DepartureInput) =>
      api.post<{ transferred: Record<string, number> }>(`/users/${id}/departure`, input),
    onSuccess: () =>
      Promise.all([
        invalidate(),
        queryClient.invalidateQueries({ queryKey: ['customers'] }),
        queryClient.invalidateQueries({ queryKey: ['pools'] }),
      ]),
  });
}

export type OwnedCustomer = { id: string; name: string; number: string | null };

/** The user's active customers (the first 100) and how many there are in all. */
export function useOwnedCustomers(ownerId: string | undefined) {
  return useQuery({
    queryKey: ['customers', 'owned-by', ownerId ?? ''],
    queryFn: ({ signal }) =>
      api.get<ListResponse<OwnedCustomer>>('/customers', { ownerId, state: 'active', pageSize: 100 }, signal),
    enabled: !!ownerId,
  });
}

/** The server takes at most 100 ids per call; larger selections go in batches. */
export async function bulkUserStatus(ids: string[], status: UserStatus) {
  let updated = 0;
  for (let i = 0; i < ids.length; i += 100) {
    const r = await api.post<{ updated: number }>('/users/bulk-status', {
      ids: ids.slice(i, i + 100),
      status,
    });
    updated += r.updated;
  }
  return { updated };
}
