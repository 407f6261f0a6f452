import type {
  ContactComplianceCustomer,
  ContactComplianceRow,
  ContactNorms,
  ListResponse,
  UpdateContactNorms,
} from '@guanxi/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, api, isApiError, toSearch } from '../../lib/api.ts';

const normsKey = ['settings', 'contact-norms'];

/** `GET /settings/contact-norms`: every customer level with its follow-ups per month (联系频率). */
export function useContactNorms() {
  return useQuery({
    queryKey: normsKey,
    queryFn: ({ signal }) => api.get<ContactNorms>('/settings/contact-norms', undefined, signal),
  });
}

export function useUpdateContactNorms() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateContactNorms) => api.put<ContactNorms>('/settings/contact-norms', input),
    onSuccess: (norms) => {
      queryClient.setQueryData(normsKey, norms);
      // the report's numbers follow the norms
      return queryClient.invalidateQueries({ queryKey: ['reports'] });
    },
    onError: (e) =>
      isApiError(e, 'CONFLICT') ? queryClient.invalidateQueries({ queryKey: normsKey }) : undefined,
  });
}

/** The contact-compliance report of a month (`YYYY-MM`), one row per owner in my scope. */
export function useContactCompliance(month: string) {
  return useQuery({
    queryKey: ['reports', 'contact-compliance', month],
    queryFn: ({ signal }) =>
      api.get<{ data: ContactComplianceRow[] }>('/reports/contact-compliance', { month }, signal),
    select: (r) => r.data,
    placeholderData: keepPreviousData,
  });
}

export type ComplianceDrill = {
  month: string;
  userId: string;
  status: 'all' | 'behind';
  q?: string;
  page: number;
  pageSize: number;
};

/** The customers behind one row of the report. */
export function useComplianceCustomers(q: ComplianceDrill | null) {
  return useQuery({
    queryKey: ['reports', 'contact-compliance', 'customers', q],
    queryFn: ({ signal }) =>
      api.get<ListResponse<ContactComplianceCustomer>>(
        '/reports/contact-compliance/customers',
        q ?? undefined,
        signal,
      ),
    enabled: q !== null,
    placeholderData: keepPreviousData,
  });
}

export const complianceExportUrl = (month: string) =>
  `${API_BASE}/reports/contact-compliance/export${toSearch({ month })}`;
