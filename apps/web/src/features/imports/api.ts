import type { ImportEntity, ImportJob, ImportMode, ImportPreview } from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

const keys = {
  recent: ['imports'] as const,
  one: (id: string) => ['imports', id] as const,
};

const form = (fields: Record<string, string>, file: File) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  data.append('file', file); // fields first: the server streams the file straight to storage
  return data;
};

/** Headers, first rows, suggested mapping and the problems of those rows. */
export function usePreview() {
  return useMutation({
    mutationFn: (v: { entity: ImportEntity; file: File; mapping?: Record<string, string> }) =>
      api.upload<ImportPreview>(
        '/imports/preview',
        form({ entity: v.entity, ...(v.mapping ? { mapping: JSON.stringify(v.mapping) } : {}) }, v.file),
      ),
  });
}

export function useStartImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (v: {
      entity: ImportEntity;
      mode: ImportMode;
      mapping: Record<string, string>;
      file: File;
      key: string;
    }) =>
      api.upload<{ id: string }>(
        '/imports',
        form({ entity: v.entity, mode: v.mode, mapping: JSON.stringify(v.mapping) }, v.file),
        // the same key for the same wizard run: a double click or a retry never imports twice
        { 'Idempotency-Key': v.key },
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.recent }),
  });
}

const finished = (job?: ImportJob) => job && ['done', 'failed', 'interrupted'].includes(job.status);

/** One import, polled every second until it finishes. */
export function useImportJob(id: string | undefined) {
  return useQuery({
    queryKey: keys.one(id ?? ''),
    queryFn: ({ signal }) => api.get<ImportJob>(`/imports/${id}`, undefined, signal),
    enabled: Boolean(id),
    refetchInterval: (q) => (finished(q.state.data) ? false : 1000),
  });
}

export function useRecentImports() {
  return useQuery({
    queryKey: keys.recent,
    queryFn: ({ signal }) => api.get<{ data: ImportJob[] }>('/imports', undefined, signal),
    select: (r) => r.data,
    // keep statuses current while one of them is still running
    refetchInterval: (q) => (q.state.data?.data.some((j) => !finished(j)) ? 2000 : false),
  });
}

export function useResumeImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<ImportJob>(`/imports/${id}/resume`),
    onSuccess: (job) => {
      queryClient.setQueryData(keys.one(job.id), job);
      return queryClient.invalidateQueries({ queryKey: keys.recent });
    },
  });
}

export const errorReportUrl = (id: string) => `/api/v1/imports/${id}/errors.csv`;
