import type { CheckInItem, ListResponse } from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api } from '../../lib/api.ts';

/** Today in the tenant's time zone (its days are the server's days), as YYYY-MM-DD. */
export function tenantToday(timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('sv', { timeZone }).format(new Date());
  } catch {
    return new Date().toLocaleDateString('sv'); // a zone this browser does not know: its own day
  }
}

export const checkInKeys = {
  all: ['check-ins'] as const,
  list: ['check-ins', 'list'] as const,
  detail: (id: string) => ['check-ins', 'detail', id] as const,
};

/** `GET /check-ins` (newest first) within the caller's check-ins scope. */
export function fetchCheckIns(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<CheckInItem>>('/check-ins', params, signal);
}

/** The signed-in user's check-ins of the tenant's today (the field page's 今日签到). */
export function useMyCheckInsToday(userId: string, timeZone: string) {
  return useQuery({
    queryKey: [...checkInKeys.all, 'mine-today', userId],
    queryFn: ({ signal }) =>
      fetchCheckIns({ page: 1, pageSize: 50, userId, date: tenantToday(timeZone) }, signal),
    select: (r) => r.data,
    retry: false, // offline it simply is not shown
  });
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
