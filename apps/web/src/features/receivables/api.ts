import './texts.ts';
import type {
  CreateInvoice,
  CreatePayment,
  CreatePaymentPlan,
  DecideInvoice,
  Invoice,
  IssueInvoice,
  ListResponse,
  Payment,
  PaymentPlan,
  ReceivableDocument,
  UpdatePaymentPlan,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ListParams } from '../../components/list-page/types.ts';
import { api } from '../../lib/api.ts';

export const receivableKeys = {
  all: ['receivables'] as const,
  plans: ['receivables', 'plans'] as const,
  payments: ['receivables', 'payments'] as const,
  overdue: ['receivables', 'overdue'] as const,
  invoices: ['receivables', 'invoices'] as const,
  document: (ref: DocumentRef) => ['receivables', 'document', ref] as const,
  customer: (id: string) => ['receivables', 'customer', id] as const,
};

/** The contract or the order money is recorded against. */
export type DocumentRef = { contractId: string } | { orderId: string };

export const fetchPlans = (params: ListParams, signal?: AbortSignal) =>
  api.get<ListResponse<PaymentPlan>>('/payment-plans', params, signal);
export const fetchPayments = (params: ListParams, signal?: AbortSignal) =>
  api.get<ListResponse<Payment>>('/payments', params, signal);
export const fetchOverdue = (params: ListParams, signal?: AbortSignal) =>
  api.get<ListResponse<PaymentPlan>>('/receivables/overdue', params, signal);
export const fetchInvoices = (params: ListParams, signal?: AbortSignal) =>
  api.get<ListResponse<Invoice>>('/invoices', params, signal);

/** A contract's or order's figures, plans, payments and invoices. */
export function useReceivableDocument(ref: DocumentRef | null) {
  return useQuery({
    queryKey: receivableKeys.document(ref ?? { contractId: '' }),
    queryFn: ({ signal }) =>
      api.get<ReceivableDocument>('/receivables/document', ref as Record<string, string>, signal),
    enabled: !!ref,
  });
}

export function useCustomerReceivables(customerId: string, enabled: boolean) {
  return useQuery({
    queryKey: receivableKeys.customer(customerId),
    queryFn: ({ signal }) =>
      api.get<{ planned: string; paid: string; outstanding: string; overdue: string }>(
        `/customers/${customerId}/receivables`,
        undefined,
        signal,
      ),
    enabled,
  });
}

export function usePayment(id: string | null) {
  return useQuery({
    queryKey: [...receivableKeys.payments, 'detail', id],
    queryFn: ({ signal }) => api.get<Payment>(`/payments/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** Money moves a document's figures, the lists, the contract (its figures) and the order (paid). */
function useInvalidate() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: receivableKeys.all }),
      queryClient.invalidateQueries({ queryKey: ['contracts'] }),
      queryClient.invalidateQueries({ queryKey: ['orders'] }),
    ]);
}

export function useCreatePlan() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreatePaymentPlan) => api.post<PaymentPlan>('/payment-plans', input),
    onSuccess: invalidate,
  });
}

export function useUpdatePlan() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: UpdatePaymentPlan & { id: string }) =>
      api.patch<PaymentPlan>(`/payment-plans/${id}`, input),
    onSuccess: invalidate,
    onError: invalidate,
  });
}

export function useDeletePlan() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/payment-plans/${id}`, { version }),
    onSuccess: invalidate,
    onError: invalidate,
  });
}

export function useCreatePayment() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreatePayment) => api.post<Payment>('/payments', input),
    onSuccess: invalidate,
  });
}

export function useCreateInvoice() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (input: CreateInvoice) => api.post<Invoice>('/invoices', input),
    onSuccess: invalidate,
  });
}

export function useDecideInvoice() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: DecideInvoice & { id: string }) =>
      api.post<Invoice>(`/invoices/${id}/decide`, input),
    onSuccess: invalidate,
    onError: invalidate,
  });
}

export function useIssueInvoice() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...input }: IssueInvoice & { id: string }) =>
      api.post<Invoice>(`/invoices/${id}/issue`, input),
    onSuccess: invalidate,
    onError: invalidate,
  });
}
