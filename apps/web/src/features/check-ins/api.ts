import type { CheckInItem, ListResponse } from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api } from '../../lib/api.ts';

export const checkInKeys = {
  all: ['check-ins'] as const,
  list: ['check-ins', 'list'] as const,
  detail: (id: string) => ['check-ins', 'detail', id] as const,
};

/** `GET /check-ins` (newest first) within the caller's check-ins scope. */
export function fetchCheckIns(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<CheckInItem>>('/check-ins', params, signal);
}

export function useCheckIn(id: string | undefined) {
  return useQuery({
    queryKey: checkInKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<CheckInItem>(`/check-ins/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** 设为客户位置: the visited customer's location becomes the check-in's. */
export function useSetCustomerLocation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<{ customerId: string; lat: number; lng: number }>(`/check-ins/${id}/set-customer-location`),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: ['customers'] });
      void queryClient.invalidateQueries({ queryKey: ['customer', result.customerId] });
    },
  });
}
