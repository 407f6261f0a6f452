import './texts.ts';
import type {
  Campaign,
  CampaignAction,
  CampaignListItem,
  CampaignRoi,
  CreateCampaign,
  CreateCampaignAction,
  FieldChange,
  Lead,
  ListResponse,
  UpdateCampaign,
} from '@guanxi/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api, isApiError } from '../../lib/api.ts';

export const campaignKeys = {
  all: ['campaigns'] as const,
  detail: (id: string) => ['campaigns', 'detail', id] as const,
  actions: (id: string) => ['campaigns', 'actions', id] as const,
  history: (id: string) => ['campaigns', 'history', id] as const,
  roi: (from?: string, to?: string, channel?: string) => ['campaigns', 'roi', from, to, channel] as const,
  leads: (id: string, page: number) => ['leads', 'campaign', id, page] as const,
};

/** `GET /campaigns` within the caller's campaigns scope. */
export function fetchCampaigns(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<CampaignListItem>>('/campaigns', params, signal);
}

export function useCampaign(id: string | null | undefined) {
  return useQuery({
    queryKey: campaignKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Campaign>(`/campaigns/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** 变更记录: the campaign's field history, newest first. */
export function useCampaignHistory(id: string) {
  return useQuery({
    queryKey: campaignKeys.history(id),
    queryFn: ({ signal }) => api.get<{ data: FieldChange[] }>(`/campaigns/${id}/history`, undefined, signal),
    select: (r) => r.data,
  });
}

export function useCampaignActions(id: string) {
  return useQuery({
    queryKey: campaignKeys.actions(id),
    queryFn: ({ signal }) =>
      api.get<{ data: CampaignAction[] }>(`/campaigns/${id}/actions`, undefined, signal),
    select: (r) => r.data,
  });
}

/** A page of the campaign's leads, newest first (the leads module's list, filtered by campaign). */
export function useCampaignLeads(id: string, page: number, enabled: boolean) {
  return useQuery({
    queryKey: campaignKeys.leads(id, page),
    queryFn: ({ signal }) =>
      api.get<ListResponse<Lead>>(
        '/leads',
        { campaignId: id, page, pageSize: 20, sort: '-createdAt' },
        signal,
      ),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCampaignRoi(from?: string, to?: string, channel?: string) {
  return useQuery({
    queryKey: campaignKeys.roi(from, to, channel),
    queryFn: ({ signal }) => api.get<CampaignRoi>('/campaigns/roi', { from, to, channel }, signal),
    placeholderData: keepPreviousData,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: campaignKeys.all });
}

export function useCreateCampaign() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateCampaign) => api.post<Campaign>('/campaigns', input),
    onSuccess: invalidate,
  });
}

export function useUpdateCampaign() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateCampaign & { id: string }) =>
      api.patch<Campaign>(`/campaigns/${id}`, input),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

export function useDeleteCampaign() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/campaigns/${id}`, { version }),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

export function useAddCampaignAction(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateCampaignAction) => api.post<CampaignAction>(`/campaigns/${id}/actions`, input),
    onSuccess: invalidate,
  });
}

export function useDeleteCampaignAction(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (actionId: string) => api.delete<{ ok: true }>(`/campaigns/${id}/actions/${actionId}`),
    onSuccess: invalidate,
  });
}
