import './texts.ts';
import type {
  BackupJob,
  BackupSettings,
  BackupSettingsView,
  RestoreJob,
  RestoreMode,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

export const backupKeys = {
  all: ['backups'] as const,
  list: ['backups', 'list'] as const,
  settings: ['backups', 'settings'] as const,
  restore: (id: string) => ['backups', 'restore', id] as const,
};

/** While a backup or restore runs, its state is asked for again this often. */
const RUNNING_REFRESH_MS = 1_000;
const running = (status: string | undefined) => status === 'queued' || status === 'running';

export function useBackups() {
  return useQuery({
    queryKey: backupKeys.list,
    queryFn: ({ signal }) => api.get<BackupJob[]>('/backups', undefined, signal),
    refetchInterval: (q) => (q.state.data?.some((b) => running(b.status)) ? RUNNING_REFRESH_MS : false),
  });
}

export function useStartBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (scope: 'tenant' | 'system') => api.post<{ id: string }>('/backups', { scope }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: backupKeys.list }),
  });
}

export function useDeleteBackup() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/backups/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: backupKeys.list }),
  });
}

export function useStartRestore() {
  return useMutation({
    mutationFn: (input: { file: File; mode: RestoreMode; confirm?: string }) => {
      const form = new FormData();
      form.append('mode', input.mode);
      if (input.confirm) form.append('confirm', input.confirm);
      form.append('file', input.file);
      return api.upload<{ id: string }>('/restores', form);
    },
  });
}

export function useRestore(id: string | null) {
  return useQuery({
    queryKey: backupKeys.restore(id ?? ''),
    queryFn: ({ signal }) => api.get<RestoreJob>(`/restores/${id}`, undefined, signal),
    enabled: !!id,
    refetchInterval: (q) => (!q.state.data || running(q.state.data.status) ? RUNNING_REFRESH_MS : false),
  });
}

export function useBackupSettings() {
  return useQuery({
    queryKey: backupKeys.settings,
    queryFn: ({ signal }) => api.get<BackupSettingsView>('/backups/settings', undefined, signal),
  });
}

export function useSaveBackupSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: BackupSettings) => api.put<BackupSettingsView>('/backups/settings', input),
    onSuccess: (saved) => queryClient.setQueryData(backupKeys.settings, saved),
  });
}
