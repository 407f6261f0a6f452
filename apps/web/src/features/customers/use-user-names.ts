import type { User } from '@guanxi/contract';
import { useQueries } from '@tanstack/react-query';
import { useCan } from '../../lib/access.ts';
import { api } from '../../lib/api.ts';
import { userKeys } from '../users/api.ts';

/** Names of users by id (for history values), looked up one by one where the user may see users. */
export function useUserNames(ids: string[]): Map<string, string> {
  const allowed = useCan()('users:view');
  const unique = [...new Set(ids)].slice(0, 50);
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: userKeys.detail(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<User>(`/users/${id}`, undefined, signal),
      enabled: allowed,
      staleTime: 5 * 60_000,
      retry: false,
    })),
  });
  const names = new Map<string, string>();
  results.forEach((r, i) => {
    if (r.data) names.set(unique[i], r.data.name);
  });
  return names;
}
