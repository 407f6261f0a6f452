import type { TenantWithVersion } from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { meQueryKey } from '../../lib/access.ts';
import { api, isApiError } from '../../lib/api.ts';

/** `GET /tenant` answers the tenant plus its settings and `version` (for optimistic locking). */
export type { TenantWithVersion };

export function useTenant() {
  return useQuery({
    queryKey: ['tenant'],
    queryFn: ({ signal }) => api.get<TenantWithVersion>('/tenant', undefined, signal),
  });
}

export function useUpdateTenant() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: {
      version: number;
      name?: string;
      timezone?: string;
      employeeCodePattern?: string;
      importMaxRows?: number;
      fileMaxBytes?: number;
    }) => api.patch<TenantWithVersion>('/tenant', input),
    onSuccess: (tenant) => {
      queryClient.setQueryData(['tenant'], tenant);
      return queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
    onError: (e) =>
      isApiError(e, 'CONFLICT') ? queryClient.invalidateQueries({ queryKey: ['tenant'] }) : undefined,
  });
}
