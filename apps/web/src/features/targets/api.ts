import './texts.ts';
import type {
  Attainment,
  CreateTarget,
  SplitTarget,
  Target,
  TargetPeriod,
  TargetSettings,
  UpdateTarget,
} from '@guanxi/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

export const targetKeys = {
  all: ['targets'] as const,
  attainment: (period: TargetPeriod, start: string) => ['targets', 'attainment', period, start] as const,
  settings: ['targets', 'settings'] as const,
};

/** Target, actual and rate per department and person of a period, as far as my scope reaches. */
export function useAttainment(period: TargetPeriod, start: string) {
  return useQuery({
    queryKey: targetKeys.attainment(period, start),
    queryFn: ({ signal }) => api.get<Attainment>('/targets/attainment', { period, start }, signal),
  });
}

export function useTargetSettings() {
  return useQuery({
    queryKey: targetKeys.settings,
    queryFn: ({ signal }) => api.get<TargetSettings>('/targets/settings', undefined, signal),
  });
}

function useInvalidate() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: targetKeys.all });
}

export function useCreateTarget() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: CreateTarget) => api.post<Target>('/targets', body),
    onSuccess: invalidate,
  });
}

export function useUpdateTarget() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: UpdateTarget & { id: string }) => api.patch<Target>(`/targets/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useDeleteTarget() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      api.delete<{ ok: true }>(`/targets/${id}`, { version }),
    onSuccess: invalidate,
  });
}

export function useSplitTarget() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: SplitTarget & { id: string }) =>
      api.post<{ data: Target[] }>(`/targets/${id}/split`, body),
    onSuccess: invalidate,
  });
}

export function useSaveTargetSettings() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TargetSettings) => api.put<TargetSettings>('/targets/settings', body),
    onSuccess: invalidate,
  });
}
