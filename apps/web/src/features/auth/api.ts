import type { LoginInput, User } from '@guanxi/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { forgetMeSnapshot, meQueryKey } from '../../lib/access.ts';
import { api, setCsrfToken } from '../../lib/api.ts';

type LoginResponse = { user: User; csrfToken: string };

/** Username of the last sign-in, for the password rules when `/auth/me` is not available. */
export const LAST_USERNAME_KEY = 'guanxi.lastUsername';

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.post<LoginResponse>('/auth/login', input, { noRedirect: true }),
    onSuccess: (result) => {
      setCsrfToken(result.csrfToken);
      try {
        sessionStorage.setItem(LAST_USERNAME_KEY, result.user.username);
      } catch {
        // not needed when /auth/me answers
      }
      queryClient.clear();
    },
  });
}

export function useLogout() {
  return useMutation({
    mutationFn: () => api.post<{ ok: true }>('/auth/logout', {}, { noRedirect: true }),
    onSettled: () => {
      setCsrfToken(null);
      forgetMeSnapshot();
    },
  });
}

/**
 * Signs out and loads the login page afresh, so nothing of the previous user stays in memory
 * (clearing the cache while the app's pages are still mounted would only make them refetch).
 */
export function useSignOut() {
  const logout = useLogout();
  return async () => {
    try {
      await logout.mutateAsync();
    } catch {
      // signed out locally either way
    }
    window.location.replace('/login');
  };
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api.post<{ ok: true }>('/auth/change-password', input, { noRedirect: true }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meQueryKey }),
  });
}
