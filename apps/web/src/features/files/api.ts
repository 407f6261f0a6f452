import type { FileInfo } from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { API_BASE, api, uploadWithProgress } from '../../lib/api.ts';

export const fileKeys = {
  record: (entity: string, entityId: string) => ['files', entity, entityId] as const,
};

/** A record's files, newest first. */
export function useFiles(entity: string, entityId: string) {
  return useQuery({
    queryKey: fileKeys.record(entity, entityId),
    queryFn: ({ signal }) => api.get<{ data: FileInfo[] }>('/files', { entity, entityId }, signal),
    select: (r) => r.data,
  });
}

/** Uploads one file to a record, reporting progress; the list reloads once it is stored. */
export function useUploadFile(entity: string, entityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { file: File; onProgress: (percent: number) => void }) => {
      const form = new FormData();
      // the fields first: the server refuses a record out of reach before reading the file
      form.set('entity', entity);
      form.set('entityId', entityId);
      form.set('file', input.file, input.file.name);
      return uploadWithProgress<FileInfo>('/files', form, input.onProgress);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: fileKeys.record(entity, entityId) }),
  });
}

export function useDeleteFile(entity: string, entityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/files/${id}`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: fileKeys.record(entity, entityId) }),
  });
}

/** Where a file downloads from (attachment), its thumbnail, or an image shown in place. */
export const fileUrl = (id: string, as: 'download' | 'thumbnail' | 'preview' = 'download') =>
  `${API_BASE}/files/${id}/content${as === 'thumbnail' ? '?thumbnail=1' : as === 'preview' ? '?inline=1' : ''}`;

/** 1.2 MB, 20 MB, 340 KB, 12 B. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const short = (n: number) => (n < 10 ? n.toFixed(1).replace(/\.0$/, '') : n.toFixed(0));
  if (bytes < 1024 * 1024) return `${short(bytes / 1024)} KB`;
  return `${short(bytes / 1024 / 1024)} MB`;
}
