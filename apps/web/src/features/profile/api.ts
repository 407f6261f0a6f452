import type { ApiToken, NotificationSettings, UpdateNotificationSettings } from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { meQueryKey } from '../../lib/access.ts';
import { api } from '../../lib/api.ts';

export type CreatedApiToken = ApiToken & { token: string };

export function useTotpSetup() {
  return useMutation({
    mutationFn: () => api.post<{ secret: string; otpauthUrl: string }>('/auth/totp/setup', {}),
  });
}

export function useTotpConfirm() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<{ ok: true }>('/auth/totp/confirm', { code }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

export function useTotpDisable() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => api.post<{ ok: true }>('/auth/totp/disable', { password }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}

export function useApiTokens() {
  return useQuery({
    queryKey: ['api-tokens'],
    queryFn: ({ signal }) => api.get<{ data: ApiToken[] }>('/api-tokens', undefined, signal),
    select: (r) => r.data,
  });
}

export function useCreateApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; expiresInDays?: number }) =>
      api.post<CreatedApiToken>('/api-tokens', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-tokens'] }),
  });
}

export function useRevokeApiToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete<{ ok: true }>(`/api-tokens/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['api-tokens'] }),
  });
}

export const notificationSettingsKey = ['notification-settings'] as const;

/** `GET /notification-settings`: my e-mail reminder settings. */
export function useNotificationSettings() {
  return useQuery({
    queryKey: notificationSettingsKey,
    queryFn: ({ signal }) => api.get<NotificationSettings>('/notification-settings', undefined, signal),
  });
}

export function useUpdateNotificationSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateNotificationSettings) =>
      api.put<NotificationSettings>('/notification-settings', input),
    onSuccess: (saved) => queryClient.setQueryData(notificationSettingsKey, saved),
  });
}
