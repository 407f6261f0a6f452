import './texts.ts';
import type { PrintDocumentType, PrintedDocument, PrintTemplate } from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

export const printTemplateKeys = {
  all: ['print-templates'] as const,
  one: (type: PrintDocumentType) => ['print-templates', type] as const,
  document: (type: PrintDocumentType, id: string) => ['print', type, id] as const,
};

export function usePrintTemplate(type: PrintDocumentType) {
  return useQuery({
    queryKey: printTemplateKeys.one(type),
    queryFn: ({ signal }) => api.get<PrintTemplate>(`/print-templates/${type}`, undefined, signal),
  });
}

export function useSavePrintTemplate(type: PrintDocumentType) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { template: string; version: number }) =>
      api.put<PrintTemplate>(`/print-templates/${type}`, body),
    onSuccess: (saved) => queryClient.setQueryData(printTemplateKeys.one(type), saved),
  });
}

export function useRestoreDefault(type: PrintDocumentType) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api.delete<PrintTemplate>(`/print-templates/${type}`, { version }),
    onSuccess: (saved) => queryClient.setQueryData(printTemplateKeys.one(type), saved),
  });
}

/** The template rendered with sample data (what the editor holds, unsaved). */
export function previewTemplate(type: PrintDocumentType, template: string, signal?: AbortSignal) {
  return api.post<{ html: string }>(`/print-templates/${type}/preview`, { template }, { signal });
}

/** Where each document type is printed from. */
const documentPaths: Record<PrintDocumentType, string> = {
  quote: 'quotes',
  order: 'orders',
  contract: 'contracts',
};

/** A document as its module prints it (view permission and scope: 404 / 403 otherwise). */
export function usePrintedDocument(type: PrintDocumentType, id: string) {
  return useQuery({
    queryKey: printTemplateKeys.document(type, id),
    queryFn: ({ signal }) =>
      api.get<PrintedDocument>(`/${documentPaths[type]}/${id}/print`, undefined, signal),
    retry: false,
  });
}
