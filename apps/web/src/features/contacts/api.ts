import type { Contact, CreateContact, ListResponse, UpdateContact } from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api, isApiError } from '../../lib/api.ts';

export const contactKeys = {
  all: ['contacts'] as const,
  ofCustomer: (customerId: string) => ['contacts', 'customer', customerId] as const,
};

export function fetchContacts(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<Contact>>('/contacts', params, signal);
}

/** A customer's contacts (at most 100), primary first. */
export function useCustomerContacts(customerId: string) {
  return useQuery({
    queryKey: contactKeys.ofCustomer(customerId),
    queryFn: ({ signal }) =>
      api.get<{ data: Contact[] }>(`/customers/${customerId}/contacts`, undefined, signal),
    select: (r) => [...r.data].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary)),
  });
}

/** Contacts change the customer's timeline too. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: contactKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['customers', 'timeline'] }),
    ]);
}

export function useCreateContact() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateContact) => api.post<Contact>('/contacts', input),
    onSuccess: invalidate,
  });
}

export function useUpdateContact() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateContact & { id: string }) =>
      api.patch<Contact>(`/contacts/${id}`, input),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

export function useDeleteContact() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/contacts/${id}`, { version }),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}
