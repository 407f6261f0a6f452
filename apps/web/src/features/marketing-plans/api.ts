import './texts.ts';
import type {
  CheckInItem,
  CreateMarketingPlan,
  ListResponse,
  MarketingPlan,
  PlanFeedbackInput,
  PlanSummary,
  PlanSummaryQuery,
  ReviewMarketingPlan,
  UpdateMarketingPlan,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api, isApiError } from '../../lib/api.ts';

/** The plans' document type in the approval engine. */
export const DOCUMENT_TYPE = 'marketing-plan' as const;

export const planKeys = {
  all: ['marketing-plans'] as const,
  detail: (id: string) => ['marketing-plans', 'detail', id] as const,
  summary: (q: PlanSummaryQuery) => ['marketing-plans', 'summary', q] as const,
  executable: ['marketing-plans', 'executable'] as const,
  checkIns: (id: string) => ['check-ins', 'plan', id] as const,
};

/** `GET /marketing-plans` within the caller's marketing-plans scope (latest start first). */
export function fetchPlans(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<MarketingPlan>>('/marketing-plans', params, signal);
}

export function usePlan(id: string | null | undefined) {
  return useQuery({
    queryKey: planKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<MarketingPlan>(`/marketing-plans/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** The plan's 活动签到, newest first (the latest 50: a plan's detail, not its full log). */
export function usePlanCheckIns(id: string, enabled: boolean) {
  return useQuery({
    queryKey: planKeys.checkIns(id),
    queryFn: ({ signal }) =>
      api.get<ListResponse<CheckInItem>>('/check-ins', { planId: id, page: 1, pageSize: 50 }, signal),
    enabled,
  });
}

export function usePlanSummary(q: PlanSummaryQuery) {
  return useQuery({
    queryKey: planKeys.summary(q),
    queryFn: ({ signal }) => api.get<PlanSummary>('/marketing-plans/summary', q, signal),
  });
}

/**
 * The plans the caller may check in against (活动签到): their own, approved, feedback not yet
 * submitted (none or a draft) — running ones first, then upcoming, then ended.
 */
export function useExecutablePlans(enabled = true) {
  return useQuery({
    queryKey: planKeys.executable,
    queryFn: async ({ signal }) => {
      const ask = (feedbackStatus: 'none' | 'draft') =>
        fetchPlans(
          {
            page: 1,
            pageSize: 100,
            mine: 'true',
            reviewStatus: 'approved',
            feedbackStatus,
            sort: 'startDate',
          },
          signal,
        );
      const [none, draft] = await Promise.all([ask('none'), ask('draft')]);
      const order = { running: 0, upcoming: 1, ended: 2, completed: 3 } as const;
      return [...none.data, ...draft.data].sort(
        (a, b) =>
          order[a.execution ?? 'completed'] - order[b.execution ?? 'completed'] ||
          a.startDate.localeCompare(b.startDate),
      );
    },
    enabled,
    retry: false, // offline the sheet says so and checks in without a plan
  });
}

/** A plan's change moves the lists, its detail and the summary. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: planKeys.all });
}

/** After a 409 (someone else moved the plan) the detail reloads, so the next try is on the current one. */
const reloadOnConflict = (invalidate: () => Promise<unknown>) => (e: unknown) =>
  isApiError(e, 'CONFLICT') || isApiError(e, 'FEEDBACK_LOCKED') || isApiError(e, 'PLAN_NOT_EDITABLE')
    ? invalidate()
    : undefined;

export function useCreatePlan() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateMarketingPlan) => api.post<MarketingPlan>('/marketing-plans', input),
    onSuccess: invalidate,
  });
}

export function useUpdatePlan() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateMarketingPlan & { id: string }) =>
      api.patch<MarketingPlan>(`/marketing-plans/${id}`, input),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export function useDeletePlan() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/marketing-plans/${id}`, { version }),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export function useReviewPlan() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: ReviewMarketingPlan & { id: string }) =>
      api.post<MarketingPlan>(`/marketing-plans/${id}/review`, input),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export function useSaveFeedback() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: PlanFeedbackInput & { id: string }) =>
      api.put<MarketingPlan>(`/marketing-plans/${id}/feedback`, input),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export function useSubmitFeedback() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.post<MarketingPlan>(`/marketing-plans/${id}/feedback/submit`, { version }),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}
