import './texts.ts';
import type {
  Card,
  CardBatch,
  CardChangeResponse,
  CardEntry,
  CardSecretsResponse,
  CreateCardBatch,
  ListResponse,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api } from '../../lib/api.ts';

export const cardKeys = {
  all: ['cards'] as const,
  batches: ['cards', 'batches'] as const,
  list: ['cards', 'list'] as const,
  card: (number: string) => ['cards', 'card', number] as const,
  ledger: (number: string) => ['cards', 'ledger', number] as const,
};

export const fetchBatches = (params: ListParams, signal?: AbortSignal) =>
  api.get<ListResponse<CardBatch>>('/card-batches', params, signal);

export const fetchCards = (params: ListParams, signal?: AbortSignal) =>
  api.get<ListResponse<Card>>('/cards', params, signal);

export const fetchLedger = (number: string) => (params: ListParams, signal?: AbortSignal) =>
  api.get<ListResponse<CardEntry>>(`/cards/${number}/ledger`, params, signal);

export function useCard(number: string) {
  return useQuery({
    queryKey: cardKeys.card(number),
    queryFn: ({ signal }) => api.get<Card>(`/cards/${number}`, undefined, signal),
  });
}

export function useCreateBatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateCardBatch) => api.post<CardBatch>('/card-batches', input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: cardKeys.all }),
  });
}

/** The one-time export: the server erases the clear secrets as it answers. */
export function useExportSecrets() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (batchId: string) => api.get<CardSecretsResponse>(`/card-batches/${batchId}/secrets`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: cardKeys.batches }),
  });
}

export type CardAction = 'activate' | 'recharge' | 'consume' | 'freeze' | 'unfreeze' | 'scrap' | 'refund';

/** A card's actions; a refused one (wrong secret, short balance) may still have changed it: reload either way. */
export function useCardAction(number: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: CardAction; body?: unknown }) =>
      api.post<CardChangeResponse>(`/cards/${number}/${action}`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: cardKeys.all }),
  });
}
