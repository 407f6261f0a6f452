import type { CheckInSettings, TenantWithVersion, UpdateCheckInSettings } from '@guanxi/contract';
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
      // the check-in rules share the tenant's version
      void queryClient.invalidateQueries({ queryKey: checkInKey });
      return queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
    onError: (e) =>
      isApiError(e, 'CONFLICT') ? queryClient.invalidateQueries({ queryKey: ['tenant'] }) : undefined,
  });
}

const checkInKey = ['settings', 'check-in'];

/** `GET /settings/check-in`: the tenant's check-in rules (签到规则), with the tenant's `version`. */
export function useCheckInSettings() {
  return useQuery({
    queryKey: checkInKey,
    queryFn: ({ signal }) => api.get<CheckInSettings>('/settings/check-in', undefined, signal),
  });
}

export function useUpdateCheckInSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateCheckInSettings) => api.patch<CheckInSettings>('/settings/check-in', input),
    onSuccess: (settings) => {
      queryClient.setQueryData(checkInKey, settings);
      // a save moves the tenant's version: the tenant form above must read it again
      return queryClient.invalidateQueries({ queryKey: ['tenant'] });
    },
    onError: (e) =>
      isApiError(e, 'CONFLICT') ? queryClient.invalidateQueries({ queryKey: checkInKey }) : undefined,
  });
}
