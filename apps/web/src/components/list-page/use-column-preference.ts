import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../lib/api.ts';

/** `{ columnKey: visible }`; a column missing from the map has its default visibility. */
export type ColumnVisibility = Record<string, boolean>;

type Preference = { key: string; value: unknown };

function asVisibility(value: unknown): ColumnVisibility {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: ColumnVisibility = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'boolean') out[k] = v;
  return out;
}

/** The column chooser's choice, kept per user on the server (`/preferences/:key`). */
export function useColumnPreference(key: string | undefined) {
  const queryClient = useQueryClient();
  const [local, setLocal] = useState<ColumnVisibility>({});
  const queryKey = ['preferences', key];
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) =>
      api.get<Preference>(`/preferences/${encodeURIComponent(key!)}`, undefined, signal),
    enabled: !!key,
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });
  const save = useMutation({
    mutationFn: (value: ColumnVisibility) =>
      api.put<Preference>(`/preferences/${encodeURIComponent(key!)}`, { value }),
    onMutate: async (value) => {
      // a load still in flight must not overwrite the choice just made
      await queryClient.cancelQueries({ queryKey });
      queryClient.setQueryData<Preference>(queryKey, { key: key!, value });
    },
  });

  const visibility = key ? asVisibility(query.data?.value) : local;
  const setVisibility = (next: ColumnVisibility) => {
    if (key) save.mutate(next);
    else setLocal(next);
  };
  return { visibility, setVisibility, loading: !!key && query.isPending };
}
