import './texts.ts';
import type {
  AssignTicket,
  CreateTicket,
  CreateTicketRule,
  ListResponse,
  MergeTicket,
  PublicTicket,
  PublicTicketCreated,
  PublicTicketForm,
  PublicTicketSubmission,
  ResolveTicket,
  Ticket,
  TicketActivity,
  TicketFeedback,
  TicketFormSettings,
  TicketListItem,
  TicketNote,
  TicketRule,
  TicketSettings,
  TransferTicket,
  UpdateTicket,
  UpdateTicketFormSettings,
  UpdateTicketRule,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api, isApiError } from '../../lib/api.ts';

export const ticketKeys = {
  all: ['tickets'] as const,
  detail: (id: string) => ['tickets', 'detail', id] as const,
  activities: (id: string) => ['tickets', 'activities', id] as const,
  public: (token: string) => ['public-ticket', token] as const,
  publicForm: (token: string) => ['public-ticket-form', token] as const,
  formSettings: ['tickets', 'form-settings'] as const,
  rules: ['tickets', 'rules'] as const,
};

/** `GET /tickets` within the caller's tickets scope (`view`: mine / queue). */
export function fetchTickets(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<TicketListItem>>('/tickets', params, signal);
}

/** 服务工单 of a customer (the 360 tab). */
export function fetchCustomerTickets(customerId: string) {
  return (params: ListParams, signal?: AbortSignal) =>
    api.get<ListResponse<TicketListItem>>(`/customers/${customerId}/tickets`, params, signal);
}

export function useTicket(id: string | null | undefined) {
  return useQuery({
    queryKey: ticketKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Ticket>(`/tickets/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useTicketActivities(id: string) {
  return useQuery({
    queryKey: ticketKeys.activities(id),
    queryFn: ({ signal }) =>
      api.get<{ data: TicketActivity[] }>(`/tickets/${id}/activities`, undefined, signal),
    select: (r) => r.data,
  });
}

/** A ticket's change moves its lists, its detail, its timeline and the customer's tab. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ticketKeys.all });
}

/** After a 409 (someone else moved the ticket) it reloads, so the next try is on the current one. */
const reloadOnConflict = (invalidate: () => Promise<unknown>) => (e: unknown) =>
  isApiError(e, 'CONFLICT') || isApiError(e, 'INVALID_TRANSITION') ? invalidate() : undefined;

export function useCreateTicket() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateTicket) => api.post<Ticket>('/tickets', input),
    onSuccess: invalidate,
  });
}

/** 关联客户 and other edits of a ticket (versioned: a 409 reloads it). */
export function useUpdateTicket() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateTicket & { id: string }) =>
      api.patch<Ticket>(`/tickets/${id}`, input),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

/** The workflow's moves, each answering the ticket (see the server's routes). */
export type TicketMove =
  | { move: 'assign'; body: AssignTicket }
  | { move: 'transfer'; body: TransferTicket }
  | { move: 'grab' | 'start' | 'resume' | 'archive' | 'reopen'; body: { version: number } }
  | { move: 'wait'; body: { version: number; note?: string } }
  | { move: 'resolve'; body: ResolveTicket }
  | { move: 'feedback'; body: TicketFeedback }
  | { move: 'merge'; body: MergeTicket };

export function useMoveTicket() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, move, body }: TicketMove & { id: string }) =>
      api.post<Ticket>(`/tickets/${id}/${move}`, body),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export function useAddNote(id: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: TicketNote) => api.post<TicketActivity>(`/tickets/${id}/notes`, input),
    onSuccess: invalidate,
  });
}

// ---- the customer's signed link (no login) ----

export function usePublicTicket(token: string) {
  return useQuery({
    queryKey: ticketKeys.public(token),
    queryFn: ({ signal }) => api.get<PublicTicket>(`/public/tickets/${token}`, undefined, signal),
    retry: false,
  });
}

export function usePublicFeedback(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TicketFeedback) => api.post<PublicTicket>(`/public/tickets/${token}/feedback`, input),
    onSuccess: (data) => queryClient.setQueryData(ticketKeys.public(token), data),
  });
}

// ---- settings (tickets:admin) ----

export function useTicketSettings(enabled: boolean) {
  return useQuery({
    queryKey: [...ticketKeys.all, 'settings'],
    queryFn: ({ signal }) => api.get<TicketSettings>('/settings/tickets', undefined, signal),
    enabled,
  });
}

export function useSaveTicketSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TicketSettings) => api.put<TicketSettings>('/settings/tickets', input),
    onSuccess: (saved) => queryClient.setQueryData([...ticketKeys.all, 'settings'], saved),
    onError: (e) =>
      isApiError(e, 'CONFLICT')
        ? queryClient.invalidateQueries({ queryKey: [...ticketKeys.all, 'settings'] })
        : undefined,
  });
}

// ---- the public ticket form (在线报修表单) ----

export function useTicketFormSettings() {
  return useQuery({
    queryKey: ticketKeys.formSettings,
    queryFn: ({ signal }) => api.get<TicketFormSettings>('/settings/ticket-form', undefined, signal),
  });
}

/** Saving or a new token answers the settings; a 409 reloads them. */
function useFormSettingsMutation<I>(send: (input: I) => Promise<TicketFormSettings>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (saved) => queryClient.setQueryData(ticketKeys.formSettings, saved),
    onError: (e) =>
      isApiError(e, 'CONFLICT')
        ? queryClient.invalidateQueries({ queryKey: ticketKeys.formSettings })
        : undefined,
  });
}

export const useSaveTicketFormSettings = () =>
  useFormSettingsMutation((input: UpdateTicketFormSettings) =>
    api.put<TicketFormSettings>('/settings/ticket-form', input),
  );

export const useRegenerateTicketFormToken = () =>
  useFormSettingsMutation((input: { version: number }) =>
    api.post<TicketFormSettings>('/settings/ticket-form/token', input),
  );

export function usePublicTicketForm(token: string) {
  return useQuery({
    queryKey: ticketKeys.publicForm(token),
    queryFn: ({ signal }) => api.get<PublicTicketForm>(`/public/ticket-form/${token}`, undefined, signal),
    retry: false,
  });
}

export function useSubmitPublicTicket(token: string) {
  return useMutation({
    mutationFn: (input: PublicTicketSubmission) =>
      api.post<PublicTicketCreated>(`/public/ticket-form/${token}`, input),
  });
}

// ---- assignment rules (分配规则, tickets:admin) ----

export function useTicketRules() {
  return useQuery({
    queryKey: ticketKeys.rules,
    queryFn: ({ signal }) => api.get<{ data: TicketRule[] }>('/ticket-rules', undefined, signal),
    select: (r) => r.data,
  });
}

/** A rule's create, edit or delete reloads the rules (a 409 too: the next try is on the current one). */
function useRuleMutation<I>(send: (input: I) => Promise<unknown>) {
  const queryClient = useQueryClient();
  const reload = () => queryClient.invalidateQueries({ queryKey: ticketKeys.rules });
  return useMutation({ mutationFn: send, onSuccess: reload, onError: reloadOnConflict(reload) });
}

export const useCreateTicketRule = () =>
  useRuleMutation((input: CreateTicketRule) => api.post<TicketRule>('/ticket-rules', input));
export const useUpdateTicketRule = () =>
  useRuleMutation(({ id, ...input }: UpdateTicketRule & { id: string }) =>
    api.patch<TicketRule>(`/ticket-rules/${id}`, input),
  );
export const useDeleteTicketRule = () =>
  useRuleMutation(({ id, version }: { id: string; version: number }) =>
    api.delete(`/ticket-rules/${id}`, { version }),
  );
