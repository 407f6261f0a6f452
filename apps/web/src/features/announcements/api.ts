import './texts.ts';
import type {
  Announcement,
  AnnouncementAudience,
  AnnouncementReceipts,
  AnnouncementUnread,
  CreateAnnouncement,
  ListResponse,
  UpdateAnnouncement,
} from '@guanxi/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api } from '../../lib/api.ts';

export const announcementKeys = {
  all: ['announcements'] as const,
  detail: (id: string) => ['announcements', 'detail', id] as const,
  receipts: (id: string) => ['announcements', 'receipts', id] as const,
  audience: (q: string) => ['announcements', 'audience', q] as const,
  unread: ['announcements', 'unread'] as const,
};

/** `GET /announcements?box=inbox|expired|sent`. */
export function fetchAnnouncements(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<Announcement>>('/announcements', params, signal);
}

export function useAnnouncement(id: string | null) {
  return useQuery({
    queryKey: announcementKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Announcement>(`/announcements/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useReceipts(id: string, enabled: boolean) {
  return useQuery({
    queryKey: announcementKeys.receipts(id),
    queryFn: ({ signal }) =>
      api.get<AnnouncementReceipts>(`/announcements/${id}/receipts`, undefined, signal),
    enabled,
  });
}

export function useUnreadAnnouncements() {
  return useQuery({
    queryKey: announcementKeys.unread,
    queryFn: ({ signal }) => api.get<AnnouncementUnread>('/announcements/unread-count', undefined, signal),
  });
}

/** Who the caller may address: departments (all at once) and people by name. */
export function useAudience(q: string, enabled: boolean) {
  return useQuery({
    queryKey: announcementKeys.audience(q),
    queryFn: ({ signal }) =>
      api.get<AnnouncementAudience>('/announcements/audience', { q: q || undefined }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: announcementKeys.all });
}

export function useCreateAnnouncement() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateAnnouncement) => api.post<Announcement>('/announcements', body),
    onSuccess: invalidate,
  });
}

export function useUpdateAnnouncement(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: UpdateAnnouncement) => api.patch<Announcement>(`/announcements/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useDeleteAnnouncement(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (version: number) => api.delete(`/announcements/${id}`, { version }),
    onSuccess: invalidate,
  });
}

/** 已读 when opened (the first opening counts); the lists and the unread count follow. */
export function useMarkRead(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<Announcement>(`/announcements/${id}/read`),
    onSuccess: (a) => {
      queryClient.setQueryData(announcementKeys.detail(id), a);
      void queryClient.invalidateQueries({
        queryKey: announcementKeys.all,
        predicate: (q) => q.queryKey[1] !== 'detail',
      });
    },
  });
}

export function useMarkDone(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (note: string | undefined) => api.post<Announcement>(`/announcements/${id}/done`, { note }),
    onSuccess: invalidate,
  });
}

export function useRemind(id: string) {
  return useMutation({
    mutationFn: () => api.post<{ reminded: number }>(`/announcements/${id}/remind`),
  });
}
