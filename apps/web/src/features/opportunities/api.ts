import './texts.ts';
import type {
  AssignOpportunity,
  CreateOpportunity,
  CreateOpportunityStage,
  CreatePlanItem,
  Forecast,
  Funnel,
  ListResponse,
  LoseOpportunity,
  Opportunity,
  OpportunityPlanItem,
  OpportunityStage,
  OpportunityStageChange,
  Pipeline,
  UpdateOpportunity,
  UpdateOpportunityStage,
  UpdatePlanItem,
  WinOpportunity,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api, isApiError, type QueryParams } from '../../lib/api.ts';

export const opportunityKeys = {
  all: ['opportunities'] as const,
  detail: (id: string) => ['opportunities', 'detail', id] as const,
  plan: (id: string) => ['opportunities', 'plan', id] as const,
  history: (id: string) => ['opportunities', 'history', id] as const,
  stages: ['opportunities', 'stages'] as const,
  board: ['opportunities', 'board'] as const,
};

/** `GET /opportunities` in the caller's scope. */
export function fetchOpportunities(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<Opportunity>>('/opportunities', params, signal);
}

export function useOpportunity(id: string | null | undefined) {
  return useQuery({
    queryKey: opportunityKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Opportunity>(`/opportunities/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function usePlan(id: string) {
  return useQuery({
    queryKey: opportunityKeys.plan(id),
    queryFn: ({ signal }) =>
      api.get<{ data: OpportunityPlanItem[] }>(`/opportunities/${id}/plan`, undefined, signal),
    select: (r) => r.data,
  });
}

export function useStageHistory(id: string) {
  return useQuery({
    queryKey: opportunityKeys.history(id),
    queryFn: ({ signal }) =>
      api.get<{ data: OpportunityStageChange[] }>(`/opportunities/${id}/stage-history`, undefined, signal),
    select: (r) => r.data,
  });
}

export function useStages() {
  return useQuery({
    queryKey: opportunityKeys.stages,
    queryFn: ({ signal }) =>
      api.get<{ data: OpportunityStage[] }>('/opportunities/stages', undefined, signal),
    select: (r) => r.data,
    staleTime: 60_000,
  });
}

export function usePipeline(query: QueryParams) {
  return useQuery({
    queryKey: [...opportunityKeys.board, 'pipeline', query],
    queryFn: ({ signal }) => api.get<Pipeline>('/opportunities/pipeline', query, signal),
    select: (r) => r.data,
  });
}

/** One column of the board: its open deals, soonest to close first. */
export function useStageCards(stageId: string, query: QueryParams) {
  return useQuery({
    queryKey: [...opportunityKeys.board, 'cards', stageId, query],
    queryFn: ({ signal }) =>
      fetchOpportunities(
        { page: 1, pageSize: 50, sort: 'expectedCloseDate', status: 'open', stageId, ...query },
        signal,
      ),
  });
}

export function useFunnel(query: QueryParams) {
  return useQuery({
    queryKey: [...opportunityKeys.board, 'funnel', query],
    queryFn: ({ signal }) => api.get<Funnel>('/opportunities/funnel', query, signal),
  });
}

export function useForecast(query: QueryParams) {
  return useQuery({
    queryKey: [...opportunityKeys.board, 'forecast', query],
    queryFn: ({ signal }) => api.get<Forecast>('/opportunities/forecast', query, signal),
    select: (r) => r.data,
  });
}

/** Whom I may assign to (指派): active users in my opportunities scope. */
export function useAssignees(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['opportunities', 'assignees', q],
    queryFn: ({ signal }) =>
      api.get<{ data: { id: string; name: string; departmentName: string | null }[] }>(
        '/opportunities/assignees',
        { q: q || undefined },
        signal,
      ),
    select: (r) => r.data,
    enabled,
    staleTime: 30_000,
  });
}

/** Every change moves the lists, the board, the record, its plan and history (and a win the customers). */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: opportunityKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['customers'] }),
    ]);
}

/** A mutation that answers the opportunity; a stale version reloads it. */
function useOpportunityMutation<I, O = Opportunity>(run: (input: I) => Promise<O>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: run,
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

type WithId<T> = T & { id: string };

export const useCreateOpportunity = () =>
  useOpportunityMutation((input: CreateOpportunity) => api.post<Opportunity>('/opportunities', input));
export const useUpdateOpportunity = () =>
  useOpportunityMutation(({ id, ...input }: WithId<UpdateOpportunity>) =>
    api.patch<Opportunity>(`/opportunities/${id}`, input),
  );
export const useAssignOpportunity = () =>
  useOpportunityMutation(({ id, ...input }: WithId<AssignOpportunity>) =>
    api.post<Opportunity>(`/opportunities/${id}/assign`, input),
  );
export const useWinOpportunity = () =>
  useOpportunityMutation(({ id, ...input }: WithId<WinOpportunity>) =>
    api.post<Opportunity>(`/opportunities/${id}/win`, input),
  );
export const useLoseOpportunity = () =>
  useOpportunityMutation(({ id, ...input }: WithId<LoseOpportunity>) =>
    api.post<Opportunity>(`/opportunities/${id}/lose`, input),
  );
export const useDeleteOpportunity = () =>
  useOpportunityMutation(({ id, version }: { id: string; version: number }) =>
    api.delete(`/opportunities/${id}`, { version }),
  );

export const useAddPlanItem = () =>
  useOpportunityMutation(({ id, ...input }: WithId<CreatePlanItem>) =>
    api.post<{ data: OpportunityPlanItem[] }>(`/opportunities/${id}/plan`, input),
  );
export const useUpdatePlanItem = () =>
  useOpportunityMutation(({ id, itemId, ...input }: WithId<UpdatePlanItem> & { itemId: string }) =>
    api.patch<{ data: OpportunityPlanItem[] }>(`/opportunities/${id}/plan/${itemId}`, input),
  );
export const useDeletePlanItem = () =>
  useOpportunityMutation(({ id, itemId, version }: { id: string; itemId: string; version: number }) =>
    api.delete(`/opportunities/${id}/plan/${itemId}`, { version }),
  );

export const useCreateStage = () =>
  useOpportunityMutation((input: CreateOpportunityStage) =>
    api.post<{ data: OpportunityStage[] }>('/opportunities/stages', input),
  );
export const useUpdateStage = () =>
  useOpportunityMutation(({ id, ...input }: WithId<UpdateOpportunityStage>) =>
    api.patch<{ data: OpportunityStage[] }>(`/opportunities/stages/${id}`, input),
  );
export const useDeleteStage = () =>
  useOpportunityMutation(({ id, version }: { id: string; version: number }) =>
    api.delete(`/opportunities/stages/${id}`, { version }),
  );
