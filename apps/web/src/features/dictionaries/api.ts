import type {
  CreateDictionaryItem,
  DictionaryItem,
  DictionarySummary,
  DictionaryType,
  UpdateDictionaryItem,
} from '@guanxi/contract';
import { queryOptions, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../lib/api.ts';

export const dictionaryKeys = {
  all: ['dictionaries'] as const,
  summaries: ['dictionaries', 'summaries'] as const,
  type: (type: DictionaryType) => ['dictionaries', type] as const,
  /** One level of a dictionary: the top (`root`) or the children of an item. */
  level: (type: DictionaryType, parentId: string) => ['dictionaries', type, 'level', parentId] as const,
  /** Every item of a dictionary, invalid ones included (what pickers resolve values against). */
  everything: (type: DictionaryType) => ['dictionaries', type, 'all'] as const,
};

const itemsPath = (type: DictionaryType) => `/dictionaries/${type}/items`;

export function useDictionarySummaries() {
  return useQuery({
    queryKey: dictionaryKeys.summaries,
    queryFn: ({ signal }) => api.get<{ data: DictionarySummary[] }>('/dictionaries', undefined, signal),
    select: (r) => r.data,
  });
}

function levelQuery(type: DictionaryType, parentId: string) {
  return {
    queryKey: dictionaryKeys.level(type, parentId),
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      api.get<{ data: DictionaryItem[] }>(itemsPath(type), { parentId, includeInvalid: 'true' }, signal),
  };
}

/**
 * The levels shown by the admin table: the top level and the children of every item opened so
 * far (a region tree has ~3,400 items; only what is opened is loaded).
 */
export function useDictionaryLevels(type: DictionaryType, openedParents: string[]) {
  return useQueries({
    queries: ['root', ...openedParents].map((parentId) => levelQuery(type, parentId)),
  });
}

/** The whole dictionary in one answer, cached for pickers (kept fresh by the admin's changes). */
export function dictionaryItemsQuery(type: DictionaryType) {
  return queryOptions({
    queryKey: dictionaryKeys.everything(type),
    queryFn: ({ signal }) =>
      api.get<{ data: DictionaryItem[] }>(itemsPath(type), { includeInvalid: 'true' }, signal),
    select: (r) => r.data,
    staleTime: 5 * 60_000,
  });
}

export function useDictionaryItems(type: DictionaryType) {
  return useQuery(dictionaryItemsQuery(type));
}

function useInvalidate(type: DictionaryType) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: dictionaryKeys.type(type) }),
      queryClient.invalidateQueries({ queryKey: dictionaryKeys.summaries }),
    ]);
}

/** Reloads after a version conflict, so the next try carries the current version. */
function reloadOnConflict(invalidate: () => Promise<unknown>) {
  return (e: unknown) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined);
}

export function useCreateDictionaryItem(type: DictionaryType) {
  const invalidate = useInvalidate(type);
  return useMutation({
    mutationFn: (input: CreateDictionaryItem) => api.post<DictionaryItem>(itemsPath(type), input),
    onSuccess: invalidate,
  });
}

export function useUpdateDictionaryItem(type: DictionaryType) {
  const invalidate = useInvalidate(type);
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateDictionaryItem & { id: string }) =>
      api.patch<DictionaryItem>(`${itemsPath(type)}/${id}`, input),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export function useDeleteDictionaryItem(type: DictionaryType) {
  const invalidate = useInvalidate(type);
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`${itemsPath(type)}/${id}`, { version }),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export function useMoveDictionaryItem(type: DictionaryType) {
  const invalidate = useInvalidate(type);
  return useMutation({
    mutationFn: ({ id, to }: { id: string; to: number }) =>
      api.post<DictionaryItem>(`${itemsPath(type)}/${id}/move`, { to }),
    onSuccess: invalidate,
  });
}

/** Invalidates (失效) or restores items; the server takes at most 500 ids per call. */
export function useSetDictionaryValidity(type: DictionaryType) {
  const invalidate = useInvalidate(type);
  return useMutation({
    mutationFn: async ({ ids, valid }: { ids: string[]; valid: boolean }) => {
      let count = 0;
      for (let i = 0; i < ids.length; i += 500) {
        const r = await api.post<{ count: number }>(
          `${itemsPath(type)}/${valid ? 'restore' : 'invalidate'}`,
          {
            ids: ids.slice(i, i + 500),
          },
        );
        count += r.count;
      }
      return { count };
    },
    onSuccess: invalidate,
  });
}
