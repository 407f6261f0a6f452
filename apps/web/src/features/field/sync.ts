import type { CheckIn, CheckInSettings, CreateTracksResponse, Me } from '@guanxi/contract';
import { trackLimits } from '@guanxi/contract';
import { queryClient } from '../../app/query-client.ts';
import { hasPermission, isMeFromSnapshot, meQuery, meQueryKey } from '../../lib/access.ts';
import { ApiError, api } from '../../lib/api.ts';
import {
  addTrackPoint,
  deleteCheckIn,
  deleteTrackPoints,
  listCheckIns,
  oldestTrackPoints,
  type PendingCheckIn,
  putCheckIn,
} from './store.ts';

/** Sends one check-in with its own `Idempotency-Key`: a retry after a lost answer gets the same record. */
export function sendCheckIn(item: PendingCheckIn): Promise<CheckIn> {
  const form = new FormData();
  // the fields first: the server checks them before it reads the photo
  form.set('type', item.type);
  if (item.lat !== undefined && item.lng !== undefined) {
    form.set('lat', String(item.lat));
    form.set('lng', String(item.lng));
  }
  if (item.accuracy !== undefined) form.set('accuracy', String(item.accuracy));
  form.set('capturedAt', item.capturedAt);
  if (item.customerId) form.set('customerId', item.customerId);
  if (item.planId) form.set('planId', item.planId);
  if (item.note) form.set('note', item.note);
  if (item.photo) form.set('photo', item.photo, 'photo.jpg');
  return api.upload<CheckIn>('/check-ins', form, { 'Idempotency-Key': item.key });
}

/** No answer at all (network down, server unreachable): keep it and try again later. */
export const isNetworkError = (error: unknown) => error instanceof ApiError && error.status === 0;

/**
 * An answer that will not change by sending again (invalid, out of range, no permission): the
 * check-in fails for good. A session that expired (401), a timeout or a throttle is retried later.
 */
export function isRefusal(error: unknown): error is ApiError {
  return (
    error instanceof ApiError &&
    error.status >= 400 &&
    error.status < 500 &&
    ![401, 408, 429].includes(error.status)
  );
}

/** The signed-in user, fresh from the server (with the CSRF token a POST needs); null offline. */
async function onlineUser(): Promise<Me | null> {
  if (!navigator.onLine) return null;
  try {
    const me = await queryClient.fetchQuery({ ...meQuery, staleTime: 0 });
    return isMeFromSnapshot() ? null : me;
  } catch {
    return null;
  }
}

let flushing: Promise<void> | undefined;

/**
 * Sends the waiting check-ins, oldest first, then the waiting track points. One run at a time
 * (the `online` event, the app's start and 立即上传 may ask together). A check-in leaves the queue
 * only when the server has answered with its record.
 */
export function flushQueue(): Promise<void> {
  flushing ??= run().finally(() => {
    flushing = undefined;
  });
  return flushing;
}

async function run() {
  // most users have nothing waiting: no request at all for them
  const known = currentUser();
  if (!known || !hasPermission(known, 'check-ins:create')) return;
  const waiting = (await listCheckIns(known.user.id)).filter((i) => i.status === 'pending');
  const points = await oldestTrackPoints(known.user.id, 1);
  if (waiting.length === 0 && points.length === 0) return;

  const me = await onlineUser();
  if (!me || me.user.id !== known.user.id) return;
  for (const item of waiting) {
    try {
      await sendCheckIn(item);
      await deleteCheckIn(item.key);
    } catch (error) {
      if (isRefusal(error)) {
        await putCheckIn({ ...item, status: 'failed', error: error.message });
        continue;
      }
      return; // the network (or the server) is down again: the rest waits for the next try
    }
  }
  if (waiting.length > 0) void queryClient.invalidateQueries({ queryKey: ['check-ins'] });
  await flushTrackPoints(me.user.id);
}

async function flushTrackPoints(userId: string) {
  for (;;) {
    const batch = await oldestTrackPoints(userId, trackLimits.batch);
    if (batch.length === 0) return;
    try {
      await api.post<CreateTracksResponse>('/tracks', { points: batch.map((b) => b.point) });
    } catch (error) {
      // a batch the server refuses (e.g. a clock far ahead) would block the rest for ever
      if (!isRefusal(error)) return;
    }
    await deleteTrackPoints(batch.map((b) => b.id));
  }
}

// ---- on duty (在岗): from 上班签到 to 下班签退, the phone sends where it is -------------------------

const dutyKey = (userId: string) => `guanxi.field.onDuty.${userId}`;
const today = () => new Date().toLocaleDateString('sv'); // YYYY-MM-DD, local

/** On duty today: 上班签到 made today and no 下班签退 since (a new day starts off duty). */
export function isOnDuty(userId: string): boolean {
  try {
    return localStorage.getItem(dutyKey(userId)) === today();
  } catch {
    return false;
  }
}

const dutyListeners = new Set<() => void>();
export function subscribeToDuty(listener: () => void) {
  dutyListeners.add(listener);
  return () => dutyListeners.delete(listener);
}

export function setOnDuty(userId: string, on: boolean) {
  try {
    if (on) localStorage.setItem(dutyKey(userId), today());
    else localStorage.removeItem(dutyKey(userId));
  } catch {
    // no storage: tracking stops with the page
  }
  for (const listener of dutyListeners) listener();
  void syncTracking();
}

let trackTimer: ReturnType<typeof setInterval> | undefined;

function currentUser(): Me | undefined {
  return queryClient.getQueryData<Me>(meQueryKey);
}

async function trackInterval(): Promise<number> {
  try {
    const settings = await queryClient.fetchQuery({
      queryKey: ['settings', 'check-in'],
      queryFn: ({ signal }) => api.get<CheckInSettings>('/settings/check-in', undefined, signal),
      staleTime: 10 * 60_000,
    });
    return settings.trackIntervalSeconds;
  } catch {
    return 300; // offline at start: the tenant's default
  }
}

/** One point now: kept on the device first, sent with the next flush (so offline points are not lost). */
function recordPoint(userId: string) {
  navigator.geolocation?.getCurrentPosition(
    async (position) => {
      await addTrackPoint(userId, {
        lat: position.coords.latitude,
        lng: position.coords.longitude,
        accuracy: Math.round(position.coords.accuracy),
        at: new Date(position.timestamp || Date.now()).toISOString(),
      });
      void flushQueue();
    },
    () => {}, // no fix this time: the next interval tries again
    { enableHighAccuracy: true, timeout: 30_000, maximumAge: 10_000 },
  );
}

/** Starts or stops the track timer to match the duty state of the signed-in user. */
export async function syncTracking() {
  const me = currentUser();
  const on = !!me && hasPermission(me, 'check-ins:create') && isOnDuty(me.user.id);
  if (!on) {
    clearInterval(trackTimer);
    trackTimer = undefined;
    return;
  }
  if (trackTimer) return;
  const userId = me.user.id;
  const seconds = await trackInterval();
  if (trackTimer || !isOnDuty(userId)) return;
  recordPoint(userId);
  trackTimer = setInterval(() => {
    if (isOnDuty(userId)) recordPoint(userId);
    else syncTracking();
  }, seconds * 1000);
}

let started = false;

/**
 * Started once by the signed-in app (any page): sends what waits now and whenever the network
 * comes back, and keeps the track going while on duty.
 */
export function startFieldSync() {
  if (started) return;
  started = true;
  window.addEventListener('online', () => void flushQueue());
  void flushQueue();
  void syncTracking();
}
