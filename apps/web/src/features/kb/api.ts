import './texts.ts';
import type {
  CreateKbArticle,
  FieldChange,
  KbArticle,
  KbArticleListItem,
  ListResponse,
  UpdateKbArticle,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api, isApiError } from '../../lib/api.ts';

export const kbKeys = {
  all: ['kb-articles'] as const,
  detail: (id: string) => ['kb-articles', 'detail', id] as const,
  history: (id: string) => ['kb-articles', 'history', id] as const,
  categories: ['kb-articles', 'categories'] as const,
};

/** `GET /kb-articles`: what I may read (a category takes its sub-categories). */
export function fetchArticles(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<KbArticleListItem>>('/kb-articles', params, signal);
}

export function useArticle(id: string | null | undefined) {
  return useQuery({
    queryKey: kbKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<KbArticle>(`/kb-articles/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useArticleHistory(id: string) {
  return useQuery({
    queryKey: kbKeys.history(id),
    queryFn: ({ signal }) =>
      api.get<{ data: FieldChange[] }>(`/kb-articles/${id}/history`, undefined, signal),
    select: (r) => r.data,
  });
}

/** Articles per category (the tree's counts). */
export function useCategoryCounts() {
  return useQuery({
    queryKey: kbKeys.categories,
    queryFn: ({ signal }) =>
      api.get<{ data: { categoryId: string | null; count: number }[] }>(
        '/kb-articles/categories',
        undefined,
        signal,
      ),
    select: (r) => new Map(r.data.map((c) => [c.categoryId, c.count])),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: kbKeys.all });
}

/** A changed article: its detail at once (no flash of the old one), then the lists. */
function useSaved() {
  const queryClient = useQueryClient();
  const invalidate = useInvalidate();
  return (a: KbArticle) => {
    queryClient.setQueryData(kbKeys.detail(a.id), a);
    return invalidate();
  };
}

export function useCreateArticle() {
  const saved = useSaved();
  return useMutation({
    mutationFn: (input: CreateKbArticle) => api.post<KbArticle>('/kb-articles', input),
    onSuccess: saved,
  });
}

export function useUpdateArticle() {
  const saved = useSaved();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateKbArticle & { id: string }) =>
      api.patch<KbArticle>(`/kb-articles/${id}`, input),
    onSuccess: saved,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

/** 发布 / 撤回为草稿. */
export function useSetPublished() {
  const saved = useSaved();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version, publish }: { id: string; version: number; publish: boolean }) =>
      api.post<KbArticle>(`/kb-articles/${id}/${publish ? 'publish' : 'unpublish'}`, { version }),
    onSuccess: saved,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

export function useVote() {
  const saved = useSaved();
  return useMutation({
    mutationFn: ({ id, helpful }: { id: string; helpful: boolean | null }) =>
      api.post<KbArticle>(`/kb-articles/${id}/vote`, { helpful }),
    onSuccess: saved,
  });
}

/** Counts my reading (once a day on the server); the list's counts follow. */
export function useCountView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ viewCount: number; counted: boolean }>(`/kb-articles/${id}/view`),
    onSuccess: (r, id) => {
      if (!r.counted) return;
      queryClient.setQueryData<KbArticle>(kbKeys.detail(id), (a) =>
        a ? { ...a, viewCount: r.viewCount } : a,
      );
    },
  });
}

export function useDeleteArticle() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/kb-articles/${id}`, { version }),
    onSuccess: invalidate,
  });
}
