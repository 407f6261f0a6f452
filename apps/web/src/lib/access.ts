import type { Me, Permission } from '@guanxi/contract';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, request, setCsrfToken } from './api.ts';

export const meQueryKey = ['auth', 'me'] as const;

/**
 * Copies kept in this browser for working offline start with this prefix; signing out (or the
 * session ending) removes them all — a shared phone keeps nothing of the last user's data.
 */
export const OFFLINE_KEY_PREFIX = 'guanxi.offline.';
const ME_SNAPSHOT_KEY = `${OFFLINE_KEY_PREFIX}me`;
let meFromSnapshot = false;

/**
 * The last `/auth/me` answer, kept so that the installed app opens with no network (the field page
 * and its queue of check-ins waiting to be sent). Without its CSRF token: nothing is sent with it.
 */
function readMeSnapshot(): Me | null {
  try {
    const text = localStorage.getItem(ME_SNAPSHOT_KEY);
    return text ? (JSON.parse(text) as Me) : null;
  } catch {
    return null;
  }
}

/** Signed out (or the server says the session is gone): the offline copies go too. */
export function forgetMeSnapshot() {
  try {
    const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i));
    for (const key of keys) if (key?.startsWith(OFFLINE_KEY_PREFIX)) localStorage.removeItem(key);
  } catch {
    // nothing kept
  }
}

/** Whether the signed-in user shown is the offline copy (the server has not been reached). */
export const isMeFromSnapshot = () => meFromSnapshot;

export const meQuery = queryOptions({
  queryKey: meQueryKey,
  // the auth gate itself sends the user to /login or /change-password, so no global redirect here
  queryFn: async ({ signal }) => {
    let me: Me;
    try {
      me = await request<Me>('GET', '/auth/me', { signal, noRedirect: true });
    } catch (error) {
      // no network (status 0): the last known user, so that the app opens offline
      const snapshot = error instanceof ApiError && error.status === 0 ? readMeSnapshot() : null;
      if (error instanceof ApiError && error.status === 401) forgetMeSnapshot();
      if (!snapshot) throw error;
      meFromSnapshot = true;
      return snapshot;
    }
    meFromSnapshot = false;
    setCsrfToken(me.csrfToken);
    try {
      localStorage.setItem(ME_SNAPSHOT_KEY, JSON.stringify({ ...me, csrfToken: '' }));
    } catch {
      // storage full or denied: the app only needs the network then
    }
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

/** Permissions that each open a page: the page is for users holding any of them. */
export type PermissionRule = Permission | readonly Permission[];

/**
 * `permission` is typed from the catalogue, so a misspelt permission does not compile; a list
 * means any one of them.
 */
export function hasPermission(me: Pick<Me, 'permissions'> | undefined, permission: PermissionRule): boolean {
  const any: readonly Permission[] = typeof permission === 'string' ? [permission] : permission;
  return any.some((p) => !!me?.permissions.includes(p));
}

/** `can('users:edit')` for the signed-in user. */
export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return (permission) => hasPermission(me, permission);
}
