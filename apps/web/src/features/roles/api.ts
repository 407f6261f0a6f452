import type { CreateRole, FieldChange, Role, UpdateRole } from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../lib/api.ts';

/** One module of `GET /permissions`: its actions, whether it has a data scope, restrictable fields. */
export type PermissionModuleInfo = { module: string; actions: string[]; scoped: boolean; fields: string[] };

export const roleKeys = {
  all: ['roles'] as const,
  detail: (id: string) => ['roles', 'detail', id] as const,
  history: (id: string) => ['roles', 'history', id] as const,
  catalog: ['permissions'] as const,
};

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: roleKeys.all,
    queryFn: ({ signal }) => api.get<{ data: Role[] }>('/roles', undefined, signal),
    select: (r) => r.data,
    enabled,
  });
}

export function useRole(id: string | undefined) {
  return useQuery({
    queryKey: roleKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Role>(`/roles/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useRoleHistory(id: string | undefined) {
  return useQuery({
    queryKey: roleKeys.history(id ?? ''),
    queryFn: ({ signal }) => api.get<{ data: FieldChange[] }>(`/roles/${id}/history`, undefined, signal),
    select: (r) => r.data,
    enabled: !!id,
  });
}

export function usePermissionCatalog() {
  return useQuery({
    queryKey: roleKeys.catalog,
    queryFn: ({ signal }) => api.get<{ modules: PermissionModuleInfo[] }>('/permissions', undefined, signal),
    select: (r) => r.modules,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function useInvalidateRoles() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: roleKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['auth', 'me'] }),
    ]);
}

export function useCreateRole() {
  const invalidate = useInvalidateRoles();
  return useMutation({
    mutationFn: (input: CreateRole) => api.post<Role>('/roles', input),
    onSuccess: invalidate,
  });
}

export function useUpdateRole() {
  const invalidate = useInvalidateRoles();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateRole & { id: string }) => api.patch<Role>(`/roles/${id}`, input),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

export function useDeleteRole() {
  const invalidate = useInvalidateRoles();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/roles/${id}`, { version }),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}
