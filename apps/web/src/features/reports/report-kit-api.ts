import type { ListResponse, ReportCatalogEntry, ReportDrillRow, ReportResult } from '@guanxi/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { API_BASE, api, toSearch } from '../../lib/api.ts';

/** A report's parameters as the address carries them (range, from, to, compare, groupBy, top, filters). */
export type ReportParams = Record<string, string>;

/** `GET /reports`: the reports I may run. */
export function useReportCatalog() {
  return useQuery({
    queryKey: ['reports', 'catalog'],
    queryFn: ({ signal }) => api.get<{ data: ReportCatalogEntry[] }>('/reports', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/** One report over my scope; the previous answer stays on screen while a new period loads. */
export function useReport(code: string, params: ReportParams) {
  return useQuery({
    queryKey: ['reports', code, params],
    queryFn: ({ signal }) => api.get<ReportResult>(`/reports/${code}`, params, signal),
    placeholderData: keepPreviousData,
  });
}

/** The records behind one cell (null: no drill-down open). */
export function useReportDrill(code: string, params: ReportParams, cell: string | null, page: number) {
  return useQuery({
    queryKey: ['reports', code, 'drill', params, cell, page],
    queryFn: ({ signal }) =>
      api.get<ListResponse<ReportDrillRow>>(
        `/reports/${code}/drill`,
        { ...params, cell: cell ?? '', page, pageSize: 20 },
        signal,
      ),
    enabled: cell !== null,
    placeholderData: keepPreviousData,
  });
}

export const reportExportUrl = (code: string, params: ReportParams) =>
  `${API_BASE}/reports/${code}/export${toSearch({ ...params, format: 'xlsx' })}`;
