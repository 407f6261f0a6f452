import type { SecuritySettings, UpdateSecuritySettings } from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../lib/api.ts';

const securityKey = ['settings', 'security'];

/** `GET /settings/security`: password policy, lockout, session length, TOTP roles; the tenant's `version`. */
export function useSecuritySettings() {
  return useQuery({
    queryKey: securityKey,
    queryFn: ({ signal }) => api.get<SecuritySettings>('/settings/security', undefined, signal),
  });
}

export function useUpdateSecuritySettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateSecuritySettings) => api.put<SecuritySettings>('/settings/security', input),
    onSuccess: (settings) => {
      queryClient.setQueryData(securityKey, settings);
      // the tenant's version moved (the other settings forms read it again); roles show their TOTP flag
      void queryClient.invalidateQueries({ queryKey: ['tenant'] });
      void queryClient.invalidateQueries({ queryKey: ['settings', 'check-in'] });
      return queryClient.invalidateQueries({ queryKey: ['roles'] });
    },
    // someone saved first: read theirs, so the next save starts from it
    onError: (e) =>
      isApiError(e, 'CONFLICT') ? queryClient.invalidateQueries({ queryKey: securityKey }) : undefined,
  });
}
