import './texts.ts';
import type {
  ChangeMemberPoints,
  CreateMember,
  ListResponse,
  Member,
  MemberDetail,
  MemberPointEntry,
  MemberPointsResponse,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api } from '../../lib/api.ts';

export const memberKeys = {
  all: ['members'] as const,
  list: ['members', 'list'] as const,
  member: (id: string) => ['members', 'member', id] as const,
  points: (id: string) => ['members', 'points', id] as const,
};

export const fetchMembers = (params: ListParams, signal?: AbortSignal) =>
  api.get<ListResponse<Member>>('/members', params, signal);

export const fetchPoints = (id: string) => (params: ListParams, signal?: AbortSignal) =>
  api.get<ListResponse<MemberPointEntry>>(`/members/${id}/points`, params, signal);

export function useMember(id: string) {
  return useQuery({
    queryKey: memberKeys.member(id),
    queryFn: ({ signal }) => api.get<MemberDetail>(`/members/${id}`, undefined, signal),
  });
}

export function useCreateMember() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateMember) => api.post<Member>('/members', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: memberKeys.all }),
  });
}

export function useChangePoints(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangeMemberPoints) => api.post<MemberPointsResponse>(`/members/${id}/points`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: memberKeys.all }),
  });
}
