import type { AttendanceResponse, CheckInItem, ListResponse, TrackDay, TrackSummary } from '@guanxi/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.ts';

/** The list API's largest page. */
const MAX_PAGE_SIZE = 100;

/** The day's check-ins for the map (the newest page: a team's day fits in it). */
export function useDayCheckIns(date: string, enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: ['check-ins', 'day', date],
    queryFn: ({ signal }) =>
      api.get<ListResponse<CheckInItem>>('/check-ins', { date, page: 1, pageSize: MAX_PAGE_SIZE }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Who sent track points that day, with their mileage (the people list). */
export function useTrackSummary(date: string, enabled: boolean) {
  return useQuery({
    queryKey: ['tracks', 'summary', date],
    queryFn: ({ signal }) => api.get<TrackSummary>('/tracks/summary', { date }, signal),
    enabled,
  });
}

/** One person's route of the day: raw points, the kept ones and the mileage. */
export function useTrack(userId: string | null, date: string) {
  return useQuery({
    queryKey: ['tracks', 'day', userId, date],
    queryFn: ({ signal }) => api.get<TrackDay>('/tracks', { userId: userId!, date }, signal),
    enabled: !!userId,
  });
}

export function useAttendance(date: string, enabled: boolean) {
  return useQuery({
    queryKey: ['attendance', date],
    queryFn: ({ signal }) => api.get<AttendanceResponse>('/attendance', { date }, signal),
    enabled,
  });
}
