import './texts.ts';
import type {
  CreateStockMove,
  CreateWarehouse,
  ListResponse,
  StockBalance,
  StockEntry,
  StockOverviewItem,
  UpdateWarehouse,
  Warehouse,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api, isApiError } from '../../lib/api.ts';

export const inventoryKeys = {
  /** Everything stock shows (by product, a product's balances, the ledger). */
  stock: ['stock'] as const,
  overview: ['stock', 'overview'] as const,
  ledger: ['stock', 'ledger'] as const,
  product: (productId: string) => ['stock', 'product', productId] as const,
  warehouses: ['warehouses'] as const,
};

export function fetchStockOverview(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<StockOverviewItem>>('/stock/products', params, signal);
}

export function fetchLedger(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<StockEntry>>('/stock-moves', params, signal);
}

export function useProductStock(productId: string | undefined) {
  return useQuery({
    queryKey: inventoryKeys.product(productId ?? ''),
    queryFn: ({ signal }) => api.get<{ data: StockBalance[] }>('/stock', { productId }, signal),
    select: (r) => r.data,
    enabled: !!productId,
  });
}

export function useWarehouses() {
  return useQuery({
    queryKey: inventoryKeys.warehouses,
    queryFn: ({ signal }) => api.get<{ data: Warehouse[] }>('/warehouses', undefined, signal),
    select: (r) => r.data,
    staleTime: 60_000,
  });
}

export function useRecordMove() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateStockMove) => api.post<{ data: StockEntry[] }>('/stock-moves', input),
    // a refused move (short stock) changed nothing, but someone else's may have: reload either way
    onSettled: () => queryClient.invalidateQueries({ queryKey: inventoryKeys.stock }),
  });
}

function useWarehouseInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: inventoryKeys.warehouses });
}

export function useCreateWarehouse() {
  const invalidate = useWarehouseInvalidate();
  return useMutation({
    mutationFn: (input: CreateWarehouse) => api.post<Warehouse>('/warehouses', input),
    onSuccess: invalidate,
  });
}

export function useUpdateWarehouse() {
  const invalidate = useWarehouseInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateWarehouse & { id: string }) =>
      api.patch<Warehouse>(`/warehouses/${id}`, input),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

export function useDeleteWarehouse() {
  const invalidate = useWarehouseInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/warehouses/${id}`, { version }),
    onSuccess: invalidate,
  });
}
