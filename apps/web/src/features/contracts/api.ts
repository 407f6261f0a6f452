import './texts.ts';
import type {
  Contract,
  ContractSettings,
  CreateContract,
  ListResponse,
  TerminateContract,
  UpdateContract,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api, isApiError } from '../../lib/api.ts';

/** Contracts' document type in the approval engine. */
export const DOCUMENT_TYPE = 'contract' as const;

export const contractKeys = {
  all: ['contracts'] as const,
  detail: (id: string) => ['contracts', 'detail', id] as const,
  settings: ['contracts', 'settings'] as const,
};

/** `GET /contracts` within the caller's contracts scope. */
export function fetchContracts(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<Contract>>('/contracts', params, signal);
}

/** 合同历史 of a customer. */
export function fetchCustomerContracts(customerId: string) {
  return (params: ListParams, signal?: AbortSignal) =>
    api.get<ListResponse<Contract>>(`/customers/${customerId}/contracts`, params, signal);
}

export function useContract(id: string | null | undefined) {
  return useQuery({
    queryKey: contractKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Contract>(`/contracts/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useContractSettings(enabled = true) {
  return useQuery({
    queryKey: contractKeys.settings,
    queryFn: ({ signal }) => api.get<ContractSettings>('/contracts/settings', undefined, signal),
    enabled,
  });
}

/** A contract's change moves its lists, its detail and the customer's tab. */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: contractKeys.all });
}

/** After a 409 (someone else moved the contract) the detail reloads, so the next try is on the current one. */
const reloadOnConflict = (invalidate: () => Promise<unknown>) => (e: unknown) =>
  isApiError(e, 'CONFLICT') || isApiError(e, 'INVALID_TRANSITION') ? invalidate() : undefined;

export function useCreateContract() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateContract) => api.post<Contract>('/contracts', input),
    onSuccess: invalidate,
  });
}

export function useUpdateContract() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdateContract & { id: string }) =>
      api.patch<Contract>(`/contracts/${id}`, input),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export function useDeleteContract() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/contracts/${id}`, { version }),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export function useSubmitContract() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.post<Contract>(`/contracts/${id}/submit`, { version }),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export function useTerminateContract() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: TerminateContract & { id: string }) =>
      api.post<Contract>(`/contracts/${id}/terminate`, input),
    onSuccess: invalidate,
    onError: reloadOnConflict(invalidate),
  });
}

export function useSaveContractSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ContractSettings) => api.put<ContractSettings>('/contracts/settings', input),
    onSuccess: (saved) => queryClient.setQueryData(contractKeys.settings, saved),
  });
}
