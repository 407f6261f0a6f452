import type {
  CalendarEvent,
  CompleteEventResponse,
  CreateEvent,
  EventOccurrence,
  UpdateEvent,
} from '@guanxi/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../lib/api.ts';

export const eventKeys = {
  all: ['events'] as const,
  window: (from: string, to: string) => ['events', 'window', from, to] as const,
};

/** Every occurrence of my events (or a colleague's) in `[from, to)` (at most 92 days). */
export function useOccurrences(from: string, to: string, userId?: string) {
  return useQuery({
    queryKey: [...eventKeys.window(from, to), userId ?? 'me'],
    queryFn: ({ signal }) => api.get<{ data: EventOccurrence[] }>('/events', { from, to, userId }, signal),
    select: (r) => r.data,
    placeholderData: keepPreviousData,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: eventKeys.all });
}

export function useCreateEvent() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateEvent) => api.post<CalendarEvent>('/events', input),
    onSuccess: invalidate,
  });
}

export function useUpdateEvent() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateEvent & { id: string }) =>
      api.patch<CalendarEvent>(`/events/${id}`, input),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

export function useCompleteEvent() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; version: number; occurrenceStart?: string }) =>
      api.post<CompleteEventResponse>(`/events/${id}/complete`, input),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

export function useDeleteEvent() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/events/${id}`, { version }),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}
