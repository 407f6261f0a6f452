import './texts.ts';
import type {
  CreateMailing,
  ListResponse,
  Mailing,
  MailingRecipient,
  MailingSettings,
  UpdateMailing,
  UpdateMailingSettings,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api, isApiError } from '../../lib/api.ts';

export const mailingKeys = {
  all: ['mailings'] as const,
  detail: (id: string) => ['mailings', 'detail', id] as const,
  recipients: (id: string) => ['mailings', 'recipients', id] as const,
  settings: ['mailings', 'settings'] as const,
};

/** While a mailing goes out its counts change: the detail asks again this often. */
const SENDING_REFRESH_MS = 3_000;

/** `GET /mailings` in the caller's mailings scope, newest first. */
export function fetchMailings(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<Mailing>>('/mailings', params, signal);
}

export function fetchRecipients(id: string) {
  return (params: ListParams, signal?: AbortSignal) =>
    api.get<ListResponse<MailingRecipient>>(`/mailings/${id}/recipients`, params, signal);
}

/** One mailing; while `watching` and it is sending, asked for again every few seconds. */
export function useMailing(id: string | null, watching = true) {
  return useQuery({
    queryKey: mailingKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Mailing>(`/mailings/${id}`, undefined, signal),
    enabled: !!id,
    refetchInterval: (q) => (watching && q.state.data?.status === 'sending' ? SENDING_REFRESH_MS : false),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: mailingKeys.all });
}

export function useCreateMailing() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateMailing) => api.post<Mailing>('/mailings', input),
    onSuccess: invalidate,
  });
}

export function useUpdateMailing() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateMailing & { id: string }) =>
      api.patch<Mailing>(`/mailings/${id}`, input),
    onSuccess: invalidate,
    onError: (e) =>
      isApiError(e, 'CONFLICT') || isApiError(e, 'MAILING_NOT_DRAFT') ? invalidate() : undefined,
  });
}

export function useSendMailing() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; version: number; scheduledAt?: string }) =>
      api.post<Mailing>(`/mailings/${id}/send`, input),
    onSuccess: invalidate,
    onError: (e) =>
      isApiError(e, 'CONFLICT') || isApiError(e, 'MAILING_NOT_DRAFT') ? invalidate() : undefined,
  });
}

export function useCancelMailing() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.post<Mailing>(`/mailings/${id}/cancel?version=${version}`),
    onSuccess: invalidate,
  });
}

export function useTestMailing() {
  return useMutation({
    mutationFn: ({ id, to }: { id: string; to: string }) =>
      api.post<{ ok: true; to: string }>(`/mailings/${id}/test`, { to }),
  });
}

export function useMailingSettings() {
  return useQuery({
    queryKey: mailingKeys.settings,
    queryFn: ({ signal }) => api.get<MailingSettings>('/settings/mailing', undefined, signal),
  });
}

export function useUpdateMailingSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateMailingSettings) => api.put<MailingSettings>('/settings/mailing', input),
    onSuccess: (data) => queryClient.setQueryData(mailingKeys.settings, data),
  });
}

/** The public unsubscribe (no sign-in): the token of the link. */
export function useUnsubscribe() {
  return useMutation({
    mutationFn: (token: string) =>
      api.post<{ ok: true }>('/public/unsubscribe', { token }, { noRedirect: true }),
  });
}
