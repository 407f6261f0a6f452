import './texts.ts';
import type {
  CreateOrder,
  ListResponse,
  Order,
  OrderRow,
  OrderTransition,
  QuoteRow,
  Warehouse,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api, isApiError } from '../../lib/api.ts';

export const orderKeys = {
  all: ['orders'] as const,
  detail: (id: string) => ['orders', 'detail', id] as const,
  ofCustomer: (customerId: string) => ['orders', 'customer', customerId] as const,
  warehouses: ['inventory', 'warehouses'] as const,
};

/** `GET /orders` within the caller's orders scope (newest first). */
export function fetchOrders(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<OrderRow>>('/orders', params, signal);
}

export function useOrder(id: string | null | undefined) {
  return useQuery({
    queryKey: orderKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Order>(`/orders/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** The customer's orders and quotes (the 360 page's tab), latest 50 each. */
export function useCustomerSales(customerId: string, withQuotes: boolean) {
  return useQuery({
    queryKey: orderKeys.ofCustomer(customerId),
    queryFn: async ({ signal }) => {
      const [orders, quotes] = await Promise.all([
        api.get<ListResponse<OrderRow>>(`/customers/${customerId}/orders`, { page: 1, pageSize: 50 }, signal),
        withQuotes
          ? api.get<ListResponse<QuoteRow>>('/quotes', { customerId, page: 1, pageSize: 50 }, signal)
          : Promise.resolve(null),
      ]);
      return { orders, quotes };
    },
  });
}

/** Warehouses to deliver from (active ones). */
export function useWarehouses(enabled: boolean) {
  return useQuery({
    queryKey: orderKeys.warehouses,
    queryFn: ({ signal }) => api.get<{ data: Warehouse[] }>('/warehouses', undefined, signal),
    select: (r) => r.data.filter((w) => w.status === 'active'),
    enabled,
    staleTime: 60_000,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: orderKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['quotes'] }),
    ]);
}

const reloadOnConflict = (invalidate: () => Promise<unknown>) => (e: unknown) =>
  isApiError(e, 'CONFLICT') || isApiError(e, 'INVALID_TRANSITION') ? invalidate() : undefined;

export function useCreateOrder() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateOrder) => api.post<Order>('/orders', input),
    onSuccess: invalidate,
  });
}

export function useTransitionOrder() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: OrderTransition & { id: string }) =>
      api.post<Order>(`/orders/${id}/transition`, input),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}
