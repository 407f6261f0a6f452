import './texts.ts';
import type {
  Approval,
  ApprovalDocumentType,
  ApprovalFlow,
  ApprovalHistory,
  ApprovalListItem,
  CreateApprovalFlow,
  ListResponse,
  UpdateApprovalFlow,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api, isApiError } from '../../lib/api.ts';

export const approvalKeys = {
  all: ['approvals'] as const,
  detail: (id: string) => ['approvals', 'detail', id] as const,
  history: (type: string, id: string) => ['approvals', 'history', type, id] as const,
  flows: ['approval-flows'] as const,
};

/** `GET /approvals?box=` — 我的待办 / 我已处理 / 我发起的. */
export function fetchApprovals(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<ApprovalListItem>>('/approvals', params, signal);
}

export function useApproval(id: string | null | undefined) {
  return useQuery({
    queryKey: approvalKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<Approval>(`/approvals/${id}`, undefined, signal),
    enabled: !!id,
    retry: (n, e) => !isApiError(e, 'NOT_FOUND') && n < 2,
  });
}

export function useApprovalHistory(documentType: ApprovalDocumentType, documentId: string) {
  return useQuery({
    queryKey: approvalKeys.history(documentType, documentId),
    queryFn: ({ signal }) =>
      api.get<ApprovalHistory>('/approvals/history', { documentType, documentId }, signal),
    select: (r) => r.data,
    retry: (n, e) => !isApiError(e, 'NOT_FOUND') && n < 2,
  });
}

export type ApprovalAction = 'approve' | 'reject' | 'return' | 'withdraw';

/** A decision moves the boxes, the approval and the document it is about (its module's lists). */
export function useApprovalAction() {
  const queryClient = useQueryClient();
  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: approvalKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['marketing-plans'] }),
      queryClient.invalidateQueries({ queryKey: ['notifications'] }),
    ]);
  return useMutation({
    mutationFn: ({ id, action, comment }: { id: string; action: ApprovalAction; comment?: string }) =>
      api.post<Approval>(`/approvals/${id}/${action}`, comment ? { comment } : {}),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

export function fetchApprovalFlows(params: ListParams, signal?: AbortSignal) {
  return api.get<ListResponse<ApprovalFlow>>('/approval-flows', params, signal);
}

export function useSaveApprovalFlow() {
  const queryClient = useQueryClient();
  const invalidate = () => queryClient.invalidateQueries({ queryKey: approvalKeys.flows });
  return useMutation({
    mutationFn: (input: { id?: string; body: CreateApprovalFlow | UpdateApprovalFlow }) =>
      input.id
        ? api.patch<ApprovalFlow>(`/approval-flows/${input.id}`, input.body)
        : api.post<ApprovalFlow>('/approval-flows', input.body),
    onSuccess: invalidate,
    onError: (e) => (isApiError(e, 'CONFLICT') ? invalidate() : undefined),
  });
}

export function useDeleteApprovalFlow() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete(`/approval-flows/${id}`, { version }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: approvalKeys.flows }),
  });
}
