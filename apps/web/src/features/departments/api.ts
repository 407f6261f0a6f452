import type { CreateDepartment, Department, FieldChange, UpdateDepartment } from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../lib/api.ts';

export const departmentKeys = {
  all: ['departments'] as const,
  history: (id: string) => ['departments', 'history', id] as const,
};

/** The whole tree, flat and ordered. */
export function useDepartments(enabled = true) {
  return useQuery({
    queryKey: departmentKeys.all,
    queryFn: ({ signal }) => api.get<{ data: Department[] }>('/departments', undefined, signal),
    select: (r) => r.data,
    enabled,
    staleTime: 60_000,
  });
}

export function useDepartmentHistory(id: string | undefined) {
  return useQuery({
    queryKey: departmentKeys.history(id ?? ''),
    queryFn: ({ signal }) =>
      api.get<{ data: FieldChange[] }>(`/departments/${id}/history`, undefined, signal),
    select: (r) => r.data,
    enabled: !!id,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: departmentKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['users'] }),
    ]);
}

export function useCreateDepartment() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateDepartment) => api.post<Department>('/departments', input),
    onSuccess: invalidate,
  });
}

export function useUpdateDepartment() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateDepartment & { id: string }) =>
      api.patch<Department>(`/departments/${id}`, input),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

export function useDeleteDepartment() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/departments/${id}`, { version }),
    onSuccess: (_r, { id }) => {
      queryClient.removeQueries({ queryKey: departmentKeys.history(id) });
      return invalidate();
    },
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}
