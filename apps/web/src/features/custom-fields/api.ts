import type { CreateCustomField, CustomField, CustomFieldEntity, UpdateCustomField } from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../lib/api.ts';

export const customFieldKeys = {
  all: ['custom-fields'] as const,
  entity: (entity: CustomFieldEntity) => ['custom-fields', entity] as const,
};

/** Every field of an entity in order, disabled ones included (forms, lists and the admin page share it). */
export function useCustomFields(entity: CustomFieldEntity) {
  return useQuery({
    queryKey: customFieldKeys.entity(entity),
    queryFn: ({ signal }) => api.get<{ data: CustomField[] }>('/custom-fields', { entity }, signal),
    select: (r) => r.data,
    staleTime: 5 * 60_000,
  });
}

/** The enabled fields of an entity, in order (what forms, columns and filters show). */
export function useEnabledCustomFields(entity: CustomFieldEntity): CustomField[] {
  const { data } = useCustomFields(entity);
  return (data ?? []).filter((f) => f.enabled);
}

function useInvalidate(entity: CustomFieldEntity, records = false) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: customFieldKeys.entity(entity) }),
      // a replaced option changes the records themselves
      records ? queryClient.invalidateQueries({ queryKey: [entity] }) : undefined,
    ]);
}

/** Reloads after a version conflict, so the next try carries the current version. */
function reloadOnConflict(invalidate: () => Promise<unknown>) {
  return (e: unknown) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined);
}

export function useCreateCustomField(entity: CustomFieldEntity) {
  const invalidate = useInvalidate(entity);
  return useMutation({
    mutationFn: (input: Omit<CreateCustomField, 'entity'>) =>
      api.post<CustomField>('/custom-fields', { ...input, entity }),
    onSuccess: invalidate,
  });
}

export function useUpdateCustomField(entity: CustomFieldEntity) {
  const invalidate = useInvalidate(entity);
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateCustomField & { id: string }) =>
      api.patch<CustomField>(`/custom-fields/${id}`, input),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export function useSetCustomFieldEnabled(entity: CustomFieldEntity) {
  const invalidate = useInvalidate(entity);
  return useMutation({
    mutationFn: ({ id, version, enabled }: { id: string; version: number; enabled: boolean }) =>
      api.post<CustomField>(`/custom-fields/${id}/${enabled ? 'enable' : 'disable'}`, { version }),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export function useMoveCustomField(entity: CustomFieldEntity) {
  const invalidate = useInvalidate(entity);
  return useMutation({
    mutationFn: ({ id, to }: { id: string; to: number }) =>
      api.post<CustomField>(`/custom-fields/${id}/move`, { to }),
    onSuccess: invalidate,
  });
}

export function useDeleteCustomField(entity: CustomFieldEntity) {
  const invalidate = useInvalidate(entity);
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/custom-fields/${id}`, { version }),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export function useReplaceCustomFieldOption(entity: CustomFieldEntity) {
  const invalidate = useInvalidate(entity, true);
  return useMutation({
    mutationFn: ({ id, from, to }: { id: string; from: string; to: string }) =>
      api.post<{ count: number }>(`/custom-fields/${id}/replace-option`, { from, to }),
    onSuccess: invalidate,
  });
}
