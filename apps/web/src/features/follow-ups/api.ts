import './texts.ts';
import type {
  CreateFollowUp,
  FollowUp,
  FollowUpComment,
  ListResponse,
  UpdateFollowUp,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api, isApiError } from '../../lib/api.ts';

export const followUpKeys = {
  all: ['follow-ups'] as const,
  detail: (id: string) => ['follow-ups', 'detail', id] as const,
  comments: (id: string) => ['follow-ups', 'comments', id] as const,
  ofCustomer: (customerId: string) => ['follow-ups', 'customer', customerId] as const,
};

/** `GET /follow-ups` within the caller's follow-ups scope, newest first. */
export function fetchFollowUps(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<FollowUp>>('/follow-ups', params, signal);
}

export function useFollowUp(id: string | null | undefined) {
  return useQuery({
    queryKey: followUpKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<FollowUp>(`/follow-ups/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** A customer's latest follow-ups (the 360 tab: the newest 100). */
export function useCustomerFollowUps(customerId: string) {
  return useQuery({
    queryKey: followUpKeys.ofCustomer(customerId),
    queryFn: ({ signal }) => fetchFollowUps({ page: 1, pageSize: 100, customerId }, signal),
  });
}

export function useFollowUpComments(id: string | null | undefined) {
  return useQuery({
    queryKey: followUpKeys.comments(id ?? ''),
    queryFn: ({ signal }) =>
      api.get<{ data: FollowUpComment[] }>(`/follow-ups/${id}/comments`, undefined, signal),
    select: (r) => r.data,
    enabled: !!id,
  });
}

/** A follow-up moves its customer's 最近跟进 / 下次跟进, its timeline and the owner's calendar. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: followUpKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['customers'] }),
      queryClient.invalidateQueries({ queryKey: ['events'] }),
    ]);
}

export function useCreateFollowUp() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateFollowUp) => api.post<FollowUp>('/follow-ups', input),
    onSuccess: invalidate,
  });
}

export function useUpdateFollowUp() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateFollowUp & { id: string }) =>
      api.patch<FollowUp>(`/follow-ups/${id}`, input),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

export function useDeleteFollowUp() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/follow-ups/${id}`, { version }),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

export function useAddComment(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (content: string) => api.post<FollowUpComment>(`/follow-ups/${id}/comments`, { content }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: followUpKeys.all }),
  });
}
