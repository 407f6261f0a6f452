import type { ReportSubscription } from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

const KEY = ['report-subscriptions'] as const;

/** What the subscribe dialog saves (the report's query comes from its page). */
export type SubscriptionValues = {
  frequency: ReportSubscription['frequency'];
  day: number;
  hour: number;
  title?: string | null;
  query?: Record<string, string>;
  active?: boolean;
};

/** 我的订阅. */
export function useReportSubscriptions() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) =>
      api.get<{ data: ReportSubscription[] }>('/report-subscriptions', undefined, signal),
    select: (r) => r.data,
  });
}

function useChange<A>(fn: (a: A) => Promise<ReportSubscription | unknown>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }) });
}

export const useSubscribe = () =>
  useChange((v: SubscriptionValues & { reportCode: string }) =>
    api.post<ReportSubscription>('/report-subscriptions', v),
  );

export const useUpdateSubscription = () =>
  useChange((v: Partial<SubscriptionValues> & { id: string; version: number }) => {
    const { id, ...body } = v;
    return api.patch<ReportSubscription>(`/report-subscriptions/${id}`, body);
  });

export const useDeleteSubscription = () =>
  useChange((s: ReportSubscription) => api.delete(`/report-subscriptions/${s.id}`, { version: s.version }));

export const useSendSubscription = () =>
  useChange((s: ReportSubscription) => api.post<ReportSubscription>(`/report-subscriptions/${s.id}/send`));
