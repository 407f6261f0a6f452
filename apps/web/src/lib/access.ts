import type { Me, Permission } from '@guanxi/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { request, setCsrfToken } from './api.ts';

export const meQueryKey = ['auth', 'me'] as const;

export const meQuery = queryOptions({
  queryKey: meQueryKey,
  // the auth gate itself sends the user to /login or /change-password, so no global redirect here
  queryFn: async ({ signal }) => {
    const me = await request<Me>('GET', '/auth/me', { signal, noRedirect: true });
    setCsrfToken(me.csrfToken);
    return me;
  },
  staleTime: 60_000,
  retry: false,
});

let lastMe: Me | undefined;

/**
 * The signed-in user; only used below the auth gate, where it is always loaded. While the cache is
 * being cleared on sign-out, the pages still mounted keep the last known answer.
 */
export function useMe(): Me {
  const { data } = useQuery(meQuery);
  if (data) lastMe = data;
  const me = data ?? lastMe;
  if (!me) throw new Error('useMe() used outside the auth gate');
  return me;
}

/** `permission` is typed from the catalogue, so a misspelt permission does not compile. */
export function hasPermission(me: Pick<Me, 'permissions'> | undefined, permission: Permission): boolean {
  return !!me?.permissions.includes(permission);
}

/** `can('users:edit')` for the signed-in user. */
export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return (permission) => hasPermission(me, permission);
}
