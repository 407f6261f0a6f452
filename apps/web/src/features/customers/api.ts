import type {
  BulkResult,
  CreateCustomer,
  Customer,
  CustomerShare,
  DuplicateMatch,
  FieldChange,
  ListResponse,
  TimelineEntry,
  UpdateCustomer,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api, isApiError } from '../../lib/api.ts';

export const customerKeys = {
  all: ['customers'] as const,
  detail: (id: string) => ['customers', 'detail', id] as const,
  history: (id: string) => ['customers', 'history', id] as const,
  timeline: (id: string) => ['customers', 'timeline', id] as const,
  shares: (id: string) => ['customers', 'shares', id] as const,
};

export function fetchCustomers(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<Customer>>('/customers', params, signal);
}

export function useCustomer(id: string | undefined) {
  return useQuery({
    queryKey: customerKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Customer>(`/customers/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCustomerHistory(id: string, enabled = true) {
  return useQuery({
    queryKey: customerKeys.history(id),
    queryFn: ({ signal }) => api.get<{ data: FieldChange[] }>(`/customers/${id}/history`, undefined, signal),
    select: (r) => r.data,
    enabled,
  });
}

export function useCustomerTimeline(id: string, enabled = true) {
  return useQuery({
    queryKey: customerKeys.timeline(id),
    queryFn: ({ signal }) =>
      api.get<{ data: TimelineEntry[] }>(`/customers/${id}/timeline`, undefined, signal),
    select: (r) => r.data,
    enabled,
  });
}

export function useCustomerShares(id: string, enabled = true) {
  return useQuery({
    queryKey: customerKeys.shares(id),
    queryFn: ({ signal }) => api.get<{ data: CustomerShare[] }>(`/customers/${id}/shares`, undefined, signal),
    select: (r) => r.data,
    enabled,
  });
}

export type DuplicateQuery = { name?: string; phone?: string; taxNumber?: string; email?: string };

export function checkDuplicates(input: DuplicateQuery & { excludeId?: string }, signal?: AbortSignal) {
  return api.post<{ matches: DuplicateMatch[] }>('/customers/duplicate-check', input, { signal });
}

/** The matches of a 409 DUPLICATE_CUSTOMER answer (empty for any other error). */
export function duplicateMatchesOf(error: unknown): DuplicateMatch[] {
  if (!isApiError(error, 'DUPLICATE_CUSTOMER')) return [];
  const details = error.body.details;
  if (!details || Array.isArray(details)) return [];
  const matches = (details as { matches?: unknown }).matches;
  return Array.isArray(matches) ? (matches as DuplicateMatch[]) : [];
}

/** Everything about customers is reloaded after a change (lists, the 360 page, its tabs, pools). */
export function useInvalidateCustomers() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: customerKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['contacts'] }),
      queryClient.invalidateQueries({ queryKey: ['pools'] }),
    ]);
}

/** After a version conflict the record is reloaded, so the next try carries the new version. */
function reloadOnConflict(invalidate: () => Promise<unknown>) {
  return (e: unknown) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined);
}

export function useCreateCustomer() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: (input: CreateCustomer) => api.post<Customer>('/customers', input),
    onSuccess: invalidate,
  });
}

export function useUpdateCustomer() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateCustomer & { id: string; force?: boolean }) =>
      api.patch<Customer>(`/customers/${id}`, input),
    onSuccess: invalidate,
  });
}

/** A customer action that answers with the customer (submit, transfer, delay, merge, claim, assign). */
function useCustomerAction<V>(path: (id: string) => string, body: (v: V) => unknown) {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: ({ id, ...v }: V & { id: string }) => api.post<Customer>(path(id), body(v as V)),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export const useSubmitCustomer = () =>
  useCustomerAction<{ version: number; force?: boolean }>(
    (id) => `/customers/${id}/submit`,
    (v) => v,
  );
export const useTransferCustomer = () =>
  useCustomerAction<{ ownerId: string }>(
    (id) => `/customers/${id}/transfer`,
    (v) => v,
  );
export const useDelayCustomer = () =>
  useCustomerAction<{ until: string }>(
    (id) => `/customers/${id}/delay`,
    (v) => v,
  );
export const useMergeCustomer = () =>
  useCustomerAction<{ sourceId: string }>(
    (id) => `/customers/${id}/merge`,
    (v) => v,
  );
export const useClaimCustomer = () =>
  useCustomerAction<Record<never, never>>(
    (id) => `/customers/${id}/claim`,
    () => ({}),
  );
export const useAssignCustomer = () =>
  useCustomerAction<{ userId: string }>(
    (id) => `/customers/${id}/assign`,
    (v) => v,
  );

/** 失效 with an optional reason, and 恢复. */
export const useSetCustomerInvalid = () =>
  useCustomerAction<{ reason?: string }>(
    (id) => `/customers/${id}/invalidate`,
    (v) => v,
  );
export const useRestoreCustomer = () =>
  useCustomerAction<Record<never, never>>(
    (id) => `/customers/${id}/restore`,
    () => ({}),
  );

export function useReleaseCustomer() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: ({ id, ...input }: { id: string; reason: string; poolId?: string }) =>
      api.post<{ ok: true }>(`/customers/${id}/release`, input),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export function useDeleteCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/customers/${id}`, { version }),
    onSuccess: (_r, { id }) => {
      queryClient.removeQueries({ queryKey: customerKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: customerKeys.all });
    },
  });
}

export function useShareCustomer() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: ({
      id,
      ...input
    }: {
      id: string;
      userIds?: string[];
      departmentIds?: string[];
      access: 'read' | 'write';
    }) => api.post<{ data: CustomerShare[] }>(`/customers/${id}/share`, input),
    onSuccess: invalidate,
  });
}

export function useUnshareCustomer() {
  const invalidate = useInvalidateCustomers();
  return useMutation({
    mutationFn: ({ id, shareId }: { id: string; shareId: string }) =>
      api.delete<{ ok: true }>(`/customers/${id}/shares/${shareId}`),
    onSuccess: invalidate,
  });
}

// ---- bulk: the server takes at most 500 ids per call; larger selections go in batches ----

async function inBatches(ids: string[], send: (batch: string[]) => Promise<BulkResult>): Promise<BulkResult> {
  const total: BulkResult = { updated: 0, failed: [] };
  for (let i = 0; i < ids.length; i += 500) {
    const r = await send(ids.slice(i, i + 500));
    total.updated += r.updated;
    total.failed.push(...r.failed);
  }
  return total;
}

export const bulkTransferCustomers = (ids: string[], ownerId: string) =>
  inBatches(ids, (batch) => api.post<BulkResult>('/customers/bulk-transfer', { ids: batch, ownerId }));

export type BulkValues = {
  levelId?: string | null;
  sourceId?: string | null;
  industryId?: string | null;
  statusId?: string | null;
  intentionId?: string | null;
  regionId?: string | null;
  type?: Customer['type'];
  addTags?: string[];
};

export const bulkUpdateCustomers = (ids: string[], values: BulkValues) =>
  inBatches(ids, (batch) => api.post<BulkResult>('/customers/bulk-update', { ids: batch, values }));

export const bulkInvalidateCustomers = (ids: string[], reason?: string) =>
  inBatches(ids, (batch) => api.post<BulkResult>('/customers/bulk-invalidate', { ids: batch, reason }));

export const bulkDeleteCustomers = (ids: string[]) =>
  inBatches(ids, (batch) => api.post<BulkResult>('/customers/bulk-delete', { ids: batch }));
