import './texts.ts';
import type { SlaPreview, SlaPreviewRequest, SlaSettings, UpdateSlaSettings } from '@guanxi/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../lib/api.ts';

export const slaKeys = {
  settings: ['sla', 'settings'] as const,
  preview: (input: SlaPreviewRequest | null) => ['sla', 'preview', input] as const,
};

export function useSlaSettings() {
  return useQuery({
    queryKey: slaKeys.settings,
    queryFn: ({ signal }) => api.get<SlaSettings>('/settings/sla', undefined, signal),
  });
}

export function useUpdateSlaSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateSlaSettings) => api.patch<SlaSettings>('/settings/sla', input),
    onSuccess: (data) => queryClient.setQueryData(slaKeys.settings, data),
    // someone saved first: read theirs, so the next save carries the current version
    onError: (e) =>
      isApiError(e, 'CONFLICT') ? queryClient.invalidateQueries({ queryKey: slaKeys.settings }) : undefined,
  });
}

/** Due instants of a ticket created now under the calendar and targets being edited (null: nothing valid to ask). */
export function useSlaPreview(input: SlaPreviewRequest | null) {
  return useQuery({
    queryKey: slaKeys.preview(input),
    queryFn: () => api.post<SlaPreview>('/settings/sla/preview', input),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    retry: false,
    // "now" moves on: the preview is asked again each minute while the page is open
    refetchInterval: 60_000,
  });
}
