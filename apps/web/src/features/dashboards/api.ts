import type { Dashboard, DashboardCard } from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

/** Whose dashboard: mine, or a role's default (an administrator's editor). */
export type DashboardOwner = { kind: 'me' } | { kind: 'role'; roleId: string };

const path = (o: DashboardOwner) => (o.kind === 'me' ? '/dashboards/me' : `/dashboards/roles/${o.roleId}`);
const key = (o: DashboardOwner) => ['dashboards', o.kind === 'me' ? 'me' : o.roleId];

export function useDashboard(owner: DashboardOwner) {
  return useQuery({
    queryKey: key(owner),
    queryFn: ({ signal }) => api.get<Dashboard>(path(owner), undefined, signal),
  });
}

/** Save (the cards in order, with the version read) or reset (drop the layout): the answer is the new dashboard. */
export function useDashboardChange(owner: DashboardOwner) {
  const client = useQueryClient();
  const done = (d: Dashboard) => client.setQueryData(key(owner), d);
  return {
    save: useMutation({
      mutationFn: (v: { cards: DashboardCard[]; version: number | null }) =>
        api.put<Dashboard>(path(owner), v),
      onSuccess: done,
    }),
    reset: useMutation({
      mutationFn: (version: number) => api.delete<Dashboard>(path(owner), { version }),
      onSuccess: done,
    }),
    /** After a 409: the latest from the server. */
    reload: () => client.invalidateQueries({ queryKey: key(owner) }),
  };
}
