import './texts.ts';
import type {
  CreatePriceList,
  CreateProduct,
  FieldChange,
  ListResponse,
  PriceList,
  PriceListSummary,
  Product,
  ProductListItem,
  UpdatePriceList,
  UpdateProduct,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api, isApiError } from '../../lib/api.ts';

export const productKeys = {
  all: ['products'] as const,
  detail: (id: string) => ['products', 'detail', id] as const,
  history: (id: string) => ['products', 'history', id] as const,
  options: (q: string) => ['products', 'options', q] as const,
};

export const priceListKeys = {
  all: ['price-lists'] as const,
  detail: (id: string) => ['price-lists', 'detail', id] as const,
};

/** `GET /products`: the catalogue (category takes its sub-categories). */
export function fetchProducts(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<ProductListItem>>('/products', params, signal);
}

export function useProduct(id: string | null | undefined) {
  return useQuery({
    queryKey: productKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Product>(`/products/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useProductHistory(id: string) {
  return useQuery({
    queryKey: productKeys.history(id),
    queryFn: ({ signal }) => api.get<{ data: FieldChange[] }>(`/products/${id}/history`, undefined, signal),
    select: (r) => r.data,
  });
}

/** Invalidates the products and what shows them (stock by product). */
function useInvalidate(...keys: (readonly unknown[])[]) {
  const queryClient = useQueryClient();
  return () => Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}

export function useCreateProduct() {
  const invalidate = useInvalidate(productKeys.all, ['stock']);
  return useMutation({
    mutationFn: (input: CreateProduct) => api.post<Product>('/products', input),
    onSuccess: invalidate,
  });
}

export function useUpdateProduct() {
  const invalidate = useInvalidate(productKeys.all, ['stock']);
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateProduct & { id: string }) =>
      api.patch<Product>(`/products/${id}`, input),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

export function useDeleteProduct() {
  const invalidate = useInvalidate(productKeys.all, ['stock']);
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/products/${id}`, { version }),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

// ---- 价格表 ----

export function fetchPriceLists(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<PriceListSummary>>('/price-lists', params, signal);
}

export function usePriceList(id: string | null | undefined) {
  return useQuery({
    queryKey: priceListKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<PriceList>(`/price-lists/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCreatePriceList() {
  const invalidate = useInvalidate(priceListKeys.all);
  return useMutation({
    mutationFn: (input: CreatePriceList) => api.post<PriceList>('/price-lists', input),
    onSuccess: invalidate,
  });
}

export function useUpdatePriceList() {
  const invalidate = useInvalidate(priceListKeys.all);
  return useMutation({
    mutationFn: ({ id, ...input }: UpdatePriceList & { id: string }) =>
      api.patch<PriceList>(`/price-lists/${id}`, input),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

export function useDeletePriceList() {
  const invalidate = useInvalidate(priceListKeys.all);
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/price-lists/${id}`, { version }),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}
