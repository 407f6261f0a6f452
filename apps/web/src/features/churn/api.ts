import './texts.ts';
import type {
  ChurnHistoryEntry,
  ChurnRecord,
  ChurnRunResult,
  ChurnSettings,
  ConfirmChurn,
  DelayChurn,
  ListResponse,
  UpdateChurnSettings,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api } from '../../lib/api.ts';

export const churnKeys = {
  all: ['churn'] as const,
  settings: ['churn', 'settings'] as const,
  history: (id: string) => ['churn', 'history', id] as const,
  ofCustomer: (customerId: string) => ['churn', 'customer', customerId] as const,
};

/** `GET /churn-records` within the caller's churn scope, highest risk first. */
export function fetchChurnRecords(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<ChurnRecord>>('/churn-records', params, signal);
}

export function useChurnSettings() {
  return useQuery({
    queryKey: churnKeys.settings,
    queryFn: ({ signal }) => api.get<ChurnSettings>('/settings/churn', undefined, signal),
  });
}

/** The customer's latest churn record (open or closed), for its 360 page. */
export function useCustomerChurn(customerId: string, enabled: boolean) {
  return useQuery({
    queryKey: churnKeys.ofCustomer(customerId),
    queryFn: ({ signal }) =>
      fetchChurnRecords({ page: 1, pageSize: 1, customerId, sort: '-createdAt' }, signal),
    select: (r) => r.data[0] ?? null,
    enabled,
  });
}

export function useChurnHistory(id: string | null) {
  return useQuery({
    queryKey: churnKeys.history(id ?? ''),
    queryFn: ({ signal }) =>
      api.get<{ data: ChurnHistoryEntry[] }>(`/churn-records/${id}/history`, undefined, signal),
    select: (r) => r.data,
    enabled: !!id,
  });
}

/** A move changes the record, its customer (流失 flag, pool) and the lists. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: churnKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['customers'] }),
    ]);
}

export function useDelayChurn() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: DelayChurn & { id: string }) =>
      api.post<ChurnRecord>(`/churn-records/${id}/delay`, body),
    onSuccess: invalidate,
  });
}

export function useConfirmChurn() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: ConfirmChurn & { id: string }) =>
      api.post<ChurnRecord>(`/churn-records/${id}/confirm`, body),
    onSuccess: invalidate,
  });
}

export function useRunChurn() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => api.post<ChurnRunResult>('/churn/run', {}),
    onSuccess: invalidate,
  });
}

export function useUpdateChurnSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateChurnSettings) => api.put<ChurnSettings>('/settings/churn', body),
    onSuccess: (s) => queryClient.setQueryData(churnKeys.settings, s),
  });
}
