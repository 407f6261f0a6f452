import './texts.ts';
import type {
  AddMemberParticipation,
  ChangeMemberPoints,
  CreateMember,
  ListResponse,
  Member,
  MemberDetail,
  MemberParticipation,
  MemberPointEntry,
  MemberPointsResponse,
  MemberSettings,
  UpdateMember,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api, isApiError } from '../../lib/api.ts';

export const memberKeys = {
  all: ['members'] as const,
  list: ['members', 'list'] as const,
  member: (id: string) => ['members', 'member', id] as const,
  points: (id: string) => ['members', 'points', id] as const,
  settings: ['members', 'settings'] as const,
};

type Versioned<T> = T & { version: number };

export const fetchMembers = (params: ListParams, signal?: AbortSignal) =>
  api.get<ListResponse<Member>>('/members', params, signal);

export const fetchPoints = (id: string) => (params: ListParams, signal?: AbortSignal) =>
  api.get<ListResponse<MemberPointEntry>>(`/members/${id}/points`, params, signal);

/** The customer's live member, or null when it is none (`customerId` filter: one at most). */
export function useCustomerMember(customerId: string) {
  return useQuery({
    queryKey: [...memberKeys.all, 'customer', customerId],
    queryFn: async ({ signal }) =>
      (await api.get<ListResponse<Member>>('/members', { customerId, pageSize: 1 }, signal)).data[0] ?? null,
  });
}

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

/** Any change to a member moves its page, the lists and the ledger: all of them reload. */
function useInvalidateMembers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: memberKeys.all });
}

/** Someone else saved first: reload, so the next save carries the new version. */
const reloadOnConflict = (invalidate: () => Promise<unknown>) => (e: unknown) =>
  isApiError(e, 'CONFLICT') ? invalidate() : undefined;

export function useUpdateMember(id: string) {
  const invalidate = useInvalidateMembers();
  return useMutation({
    mutationFn: (input: UpdateMember) => api.patch<Member>(`/members/${id}`, input),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export function useDeleteMember(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api.delete(`/members/${id}`, { version }),
    // the page is left: its own query must not reload into a 404
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: memberKeys.member(id) });
      return queryClient.invalidateQueries({ queryKey: memberKeys.list });
    },
    onError: reloadOnConflict(() => queryClient.invalidateQueries({ queryKey: memberKeys.member(id) })),
  });
}

export function useAddParticipation(id: string) {
  const invalidate = useInvalidateMembers();
  return useMutation({
    mutationFn: (input: AddMemberParticipation) =>
      api.post<MemberParticipation>(`/members/${id}/participations`, input),
    onSuccess: invalidate,
  });
}

export function useMemberSettings() {
  return useQuery({
    queryKey: memberKeys.settings,
    queryFn: ({ signal }) => api.get<Versioned<MemberSettings>>('/member-settings', undefined, signal),
  });
}

export function useSaveMemberSettings() {
  const queryClient = useQueryClient();
  const reload = () => queryClient.invalidateQueries({ queryKey: memberKeys.settings });
  return useMutation({
    mutationFn: (input: Versioned<MemberSettings>) =>
      api.put<Versioned<MemberSettings>>('/member-settings', input),
    onSuccess: (saved) => queryClient.setQueryData(memberKeys.settings, saved),
    onError: reloadOnConflict(reload),
  });
}
