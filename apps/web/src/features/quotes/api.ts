import './texts.ts';
import type {
  CreateQuote,
  DecideQuote,
  ListResponse,
  Order,
  Quote,
  QuoteRow,
  QuoteSettings,
  UpdateQuote,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api, isApiError } from '../../lib/api.ts';

/** The quotes' document type in the approval engine. */
export const DOCUMENT_TYPE = 'quote' as const;

export const quoteKeys = {
  all: ['quotes'] as const,
  detail: (id: string) => ['quotes', 'detail', id] as const,
  settings: ['quotes', 'settings'] as const,
};

/** `GET /quotes` within the caller's quotes scope (newest first). */
export function fetchQuotes(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<QuoteRow>>('/quotes', params, signal);
}

export function useQuote(id: string | null | undefined) {
  return useQuery({
    queryKey: quoteKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Quote>(`/quotes/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** The discount threshold above which a quote needs an approval. */
export function useQuoteSettings() {
  return useQuery({
    queryKey: quoteKeys.settings,
    queryFn: ({ signal }) => api.get<QuoteSettings>('/quotes/settings', undefined, signal),
    staleTime: 60_000,
  });
}

/** A quote's change moves the lists, its detail, and the orders (to-order). */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: quoteKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['orders'] }),
    ]);
}

/** After a 409 (someone else moved the quote) the detail reloads, so the next try is on the current one. */
const reloadOnConflict = (invalidate: () => Promise<unknown>) => (e: unknown) =>
  isApiError(e, 'CONFLICT') || isApiError(e, 'INVALID_TRANSITION') ? invalidate() : undefined;

export function useSaveQuote() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: (CreateQuote & { id?: undefined }) | (UpdateQuote & { id: string })) =>
      id ? api.patch<Quote>(`/quotes/${id}`, input) : api.post<Quote>('/quotes', input),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export type QuoteMove = 'submit' | 'send' | 'accept' | 'reject';

export function useMoveQuote() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version, move }: { id: string; version: number; move: QuoteMove }) =>
      api.post<Quote>(`/quotes/${id}/${move}`, { version }),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export function useDecideQuote() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: DecideQuote & { id: string }) =>
      api.post<Quote>(`/quotes/${id}/decide`, input),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export function useQuoteToOrder() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.post<Order>(`/quotes/${id}/to-order`, { version }),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export function useDeleteQuote() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/quotes/${id}`, { version }),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

/** The price each product would get for the customer (price lists, else the list price). */
export function fetchProposedPrices(customerId: string, productIds: string[]) {
  return api.get<{ data: { productId: string; unitPrice: string }[] }>('/products/proposed-prices', {
    customerId,
    productIds: productIds.join(','),
  });
}
