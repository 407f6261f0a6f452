import './texts.ts';
import type {
  ConvertLead,
  ConvertLeadResponse,
  CreateLead,
  CreateLeadForm,
  CreateLeadRule,
  Lead,
  LeadActivity,
  LeadForm,
  LeadRule,
  LeadSettings,
  ListResponse,
  PublicLeadForm,
  SetLeadStatus,
  UpdateLead,
  UpdateLeadForm,
  UpdateLeadRule,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api, isApiError } from '../../lib/api.ts';

export const leadKeys = {
  all: ['leads'] as const,
  detail: (id: string) => ['leads', 'detail', id] as const,
  log: (id: string) => ['leads', 'log', id] as const,
  forms: ['leads', 'forms'] as const,
  rules: ['leads', 'rules'] as const,
  settings: ['leads', 'settings'] as const,
};

/** `GET /leads` in the caller's scope (`view`: all / mine / pool). */
export function fetchLeads(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<Lead>>('/leads', params, signal);
}

export function useLead(id: string | null | undefined) {
  return useQuery({
    queryKey: leadKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Lead>(`/leads/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useLeadLog(id: string | null | undefined) {
  return useQuery({
    queryKey: leadKeys.log(id ?? ''),
    queryFn: ({ signal }) => api.get<{ data: LeadActivity[] }>(`/leads/${id}/activities`, undefined, signal),
    select: (r) => r.data,
    enabled: !!id,
  });
}

/** Every lead change moves the lists, the lead and its log (and a conversion the customers). */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: leadKeys.all });
}

/** A mutation on one lead that answers the lead; a stale version reloads it. */
function useLeadMutation<I>(run: (input: I) => Promise<Lead>) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: run,
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

export const useCreateLead = () => useLeadMutation((input: CreateLead) => api.post<Lead>('/leads', input));
export const useUpdateLead = () =>
  useLeadMutation(({ id, ...input }: UpdateLead & { id: string }) => api.patch<Lead>(`/leads/${id}`, input));
export const useAssignLead = () =>
  useLeadMutation(({ id, userId }: { id: string; userId: string }) =>
    api.post<Lead>(`/leads/${id}/assign`, { userId }),
  );
export const useGrabLead = () => useLeadMutation((id: string) => api.post<Lead>(`/leads/${id}/grab`));
export const useReleaseLead = () =>
  useLeadMutation(({ id, version }: { id: string; version: number }) =>
    api.post<Lead>(`/leads/${id}/release`, { version }),
  );
export const useSetLeadStatus = () =>
  useLeadMutation(({ id, ...input }: SetLeadStatus & { id: string }) =>
    api.post<Lead>(`/leads/${id}/status`, input),
  );

export function useDeleteLead() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) => api.delete(`/leads/${id}`, { version }),
    onSuccess: invalidate,
  });
}

export function useAddLeadNote() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, content }: { id: string; content: string }) =>
      api.post<{ data: LeadActivity[] }>(`/leads/${id}/notes`, { content }),
    onSuccess: invalidate,
  });
}

export function useConvertLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...input }: ConvertLead & { id: string }) =>
      api.post<ConvertLeadResponse>(`/leads/${id}/convert`, input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: leadKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['customers'] }),
      ]),
  });
}

/** Whom I may give a lead to (active users in my leads scope). */
export function useAssignees(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['leads', 'assignees', q],
    queryFn: ({ signal }) =>
      api.get<{ data: { id: string; name: string; departmentName: string | null }[] }>(
        '/leads/assignees',
        { q: q || undefined },
        signal,
      ),
    select: (r) => r.data,
    enabled,
    staleTime: 30_000,
  });
}

// ---- forms, rules, settings ----

export function useLeadForms() {
  return useQuery({
    queryKey: leadKeys.forms,
    queryFn: ({ signal }) => api.get<{ data: LeadForm[] }>('/leads/forms', undefined, signal),
    select: (r) => r.data,
  });
}

/** Saves a form, rule or setting and reloads that list. */
function useSave<I, O>(key: readonly unknown[], run: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: key }) });
}

export const useSaveLeadForm = () =>
  useSave(
    leadKeys.forms,
    (input: (CreateLeadForm & { id?: undefined }) | (UpdateLeadForm & { id: string })) =>
      input.id
        ? api.patch<LeadForm>(`/leads/forms/${input.id}`, { ...input, id: undefined })
        : api.post<LeadForm>('/leads/forms', input),
  );
export const useDeleteLeadForm = () =>
  useSave(leadKeys.forms, ({ id, version }: { id: string; version: number }) =>
    api.delete(`/leads/forms/${id}`, { version }),
  );

export function useLeadRules() {
  return useQuery({
    queryKey: leadKeys.rules,
    queryFn: ({ signal }) => api.get<{ data: LeadRule[] }>('/leads/rules', undefined, signal),
    select: (r) => r.data,
  });
}
export const useSaveLeadRule = () =>
  useSave(
    leadKeys.rules,
    (input: (CreateLeadRule & { id?: undefined }) | (UpdateLeadRule & { id: string })) =>
      input.id
        ? api.patch<LeadRule>(`/leads/rules/${input.id}`, { ...input, id: undefined })
        : api.post<LeadRule>('/leads/rules', input),
  );
export const useDeleteLeadRule = () =>
  useSave(leadKeys.rules, ({ id, version }: { id: string; version: number }) =>
    api.delete(`/leads/rules/${id}`, { version }),
  );

export function useLeadSettings(enabled = true) {
  return useQuery({
    queryKey: leadKeys.settings,
    queryFn: ({ signal }) => api.get<LeadSettings>('/leads/settings', undefined, signal),
    enabled,
  });
}
export const useSaveLeadSettings = () =>
  useSave(leadKeys.settings, (input: LeadSettings) => api.put<LeadSettings>('/leads/settings', input));

// ---- the public form (no login) ----

export function usePublicForm(token: string) {
  return useQuery({
    queryKey: ['public-form', token],
    queryFn: ({ signal }) => api.get<PublicLeadForm>(`/public/forms/${token}`, undefined, signal),
    retry: false,
  });
}

export function useSubmitPublicForm(token: string) {
  return useMutation({
    mutationFn: (values: Record<string, string | undefined>) =>
      api.post<null>(`/public/forms/${token}`, values),
  });
}

/** Campaigns to choose from (a form's or rule's campaign), by name. */
export function useCampaignOptions(q: string, enabled: boolean) {
  return useQuery({
    queryKey: ['campaigns', 'options', q],
    queryFn: ({ signal }) =>
      api.get<ListResponse<{ id: string; name: string }>>(
        '/campaigns',
        { page: 1, pageSize: 20, q: q || undefined },
        signal,
      ),
    select: (r) => r.data,
    enabled,
    staleTime: 30_000,
  });
}
