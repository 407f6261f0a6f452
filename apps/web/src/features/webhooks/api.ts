import './texts.ts';
import type {
  CreateWebhook,
  ListResponse,
  UpdateWebhook,
  Webhook,
  WebhookDelivery,
  WebhookWithSecret,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

export const webhookKeys = {
  all: ['webhooks'] as const,
  list: ['webhooks', 'list'] as const,
  events: ['webhooks', 'events'] as const,
  deliveries: (id: string, page: number) => ['webhooks', 'deliveries', id, page] as const,
};

/** While deliveries are pending the log is asked for again this often. */
const PENDING_REFRESH_MS = 3_000;

export function useWebhooks() {
  return useQuery({
    queryKey: webhookKeys.list,
    queryFn: ({ signal }) => api.get<{ data: Webhook[] }>('/webhooks', undefined, signal).then((r) => r.data),
    // a delivery on its way: its outcome shows in the list without a reload
    refetchInterval: (q) =>
      q.state.data?.some((w) => w.lastDelivery?.status === 'pending') ? PENDING_REFRESH_MS : false,
  });
}

export function useWebhookEvents() {
  return useQuery({
    queryKey: webhookKeys.events,
    queryFn: ({ signal }) =>
      api
        .get<{ data: { group: string; events: string[] }[] }>('/webhooks/events', undefined, signal)
        .then((r) => r.data),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useDeliveries(id: string | null, page: number) {
  return useQuery({
    queryKey: webhookKeys.deliveries(id ?? '', page),
    queryFn: ({ signal }) =>
      api.get<ListResponse<WebhookDelivery>>(`/webhooks/${id}/deliveries`, { page, pageSize: 20 }, signal),
    enabled: !!id,
    refetchInterval: (q) =>
      q.state.data?.data.some((d) => d.status === 'pending') ? PENDING_REFRESH_MS : false,
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: webhookKeys.all });
}

export function useCreateWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateWebhook) => api.post<WebhookWithSecret>('/webhooks', input),
    onSuccess: invalidate,
  });
}

export function useUpdateWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateWebhook & { id: string }) =>
      api.patch<Webhook>(`/webhooks/${id}`, input),
    onSuccess: invalidate,
  });
}

export function useDeleteWebhook() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (w: Webhook) => api.delete(`/webhooks/${w.id}`, { version: w.version }),
    onSuccess: invalidate,
  });
}

export function useRotateSecret() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (w: Webhook) =>
      api.post<WebhookWithSecret>(`/webhooks/${w.id}/rotate-secret`, { version: w.version }),
    onSuccess: invalidate,
  });
}

export function useSendTest() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => api.post<WebhookDelivery>(`/webhooks/${id}/test`),
    onSuccess: invalidate,
  });
}

export function useReplay() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, deliveryId }: { id: string; deliveryId: string }) =>
      api.post<WebhookDelivery>(`/webhooks/${id}/deliveries/${deliveryId}/replay`),
    onSuccess: invalidate,
  });
}
