import './texts.ts';
import type {
  CreateWorkReport,
  ListResponse,
  MissingWorkReport,
  UpdateWorkReport,
  WorkReport,
  WorkReportComment,
  WorkReportDetail,
  WorkReportFigures,
  WorkReportPeriod,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api, isApiError } from '../../lib/api.ts';

export const workReportKeys = {
  all: ['work-reports'] as const,
  detail: (id: string) => ['work-reports', 'detail', id] as const,
  prefill: (period: WorkReportPeriod, start: string) => ['work-reports', 'prefill', period, start] as const,
  missing: (period: WorkReportPeriod, start: string) => ['work-reports', 'missing', period, start] as const,
};

/** `GET /work-reports` within the caller's work-reports scope, newest period first. */
export function fetchWorkReports(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<WorkReport>>('/work-reports', params, signal);
}

export function useWorkReport(id: string | null | undefined) {
  return useQuery({
    queryKey: workReportKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<WorkReportDetail>(`/work-reports/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** My figures of a period, from the records (what a new report or a draft shows). */
export function usePrefill(period: WorkReportPeriod, start: string | null, enabled = true) {
  return useQuery({
    queryKey: workReportKeys.prefill(period, start ?? ''),
    queryFn: ({ signal }) => api.get<WorkReportFigures>('/work-reports/prefill', { period, start }, signal),
    enabled: enabled && !!start,
  });
}

/** 未汇报: people in my scope without a submitted report of the period. */
export function useMissing(period: WorkReportPeriod, start: string) {
  return useQuery({
    queryKey: workReportKeys.missing(period, start),
    queryFn: ({ signal }) =>
      api.get<{ data: MissingWorkReport[] }>('/work-reports/missing', { period, start }, signal),
    select: (r) => r.data,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: workReportKeys.all });
}

export function useCreateWorkReport() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateWorkReport) => api.post<WorkReportDetail>('/work-reports', input),
    onSuccess: invalidate,
  });
}

export function useUpdateWorkReport() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateWorkReport & { id: string }) =>
      api.patch<WorkReportDetail>(`/work-reports/${id}`, input),
    onSuccess: invalidate,
    onError: (e) =>
      isApiError(e, 'CONFLICT') || isApiError(e, 'WORK_REPORT_SUBMITTED') ? invalidate() : undefined,
  });
}

export function useDeleteWorkReport() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/work-reports/${id}`, { version }),
    onSuccess: invalidate,
  });
}

export function useAddWorkReportComment(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (content: string) => api.post<WorkReportComment>(`/work-reports/${id}/comments`, { content }),
    onSuccess: invalidate,
  });
}
