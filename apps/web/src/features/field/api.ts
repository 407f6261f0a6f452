import type { NearbyCustomer } from '@guanxi/contract';
import { useQuery } from '@tanstack/react-query';
import { OFFLINE_KEY_PREFIX } from '../../lib/access.ts';
import { ApiError, api } from '../../lib/api.ts';
import { fetchCustomers } from '../customers/api.ts';
import type { Fix } from './use-location.ts';

/** Metres between two WGS-84 points (haversine), for customers found by search. */
export function distanceMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

export type PickableCustomer = {
  id: string;
  name: string;
  address: string | null;
  distanceMeters: number | null;
};

// A fix moves by metres as the GPS settles: ask again only when it moved noticeably.
const rounded = (v: number) => Math.round(v * 2000) / 2000;

const savedKey = (userId: string) => `${OFFLINE_KEY_PREFIX}nearby.${userId}`;

/** The last customers found near this user, kept so that a visit can be checked in offline. */
function saveNearby(userId: string, list: NearbyCustomer[]) {
  try {
    localStorage.setItem(savedKey(userId), JSON.stringify(list));
  } catch {
    // storage full or denied: offline there is no list then
  }
}

function savedNearby(userId: string, fix: Fix | undefined, q: string): PickableCustomer[] {
  let list: (PickableCustomer & { lat?: number; lng?: number })[] = [];
  try {
    list = JSON.parse(localStorage.getItem(savedKey(userId)) ?? '[]');
  } catch {
    return [];
  }
  return list
    .filter((c) => !q || c.name.includes(q))
    .map((c) => ({
      ...c,
      distanceMeters:
        fix && c.lat !== undefined && c.lng !== undefined
          ? distanceMeters(fix, { lat: c.lat, lng: c.lng })
          : c.distanceMeters,
    }))
    .sort((a, b) => (a.distanceMeters ?? Infinity) - (b.distanceMeters ?? Infinity));
}

/**
 * The customers to visit: nearest first around the phone (`/check-ins/nearby-customers`), or,
 * while the user types, the customer search with the distance worked out here. With no network,
 * the last nearby list this user saw (distances from where the phone is now).
 */
export function usePickableCustomers(userId: string, fix: Fix | undefined, q: string) {
  const lat = fix ? rounded(fix.lat) : undefined;
  const lng = fix ? rounded(fix.lng) : undefined;
  return useQuery({
    queryKey: ['check-ins', 'nearby-customers', lat, lng, q],
    enabled: !!q || lat !== undefined || !navigator.onLine,
    retry: false,
    queryFn: async ({ signal }): Promise<PickableCustomer[]> => {
      try {
        if (!q && lat !== undefined && lng !== undefined) {
          const nearby = await api.get<{ data: NearbyCustomer[] }>(
            '/check-ins/nearby-customers',
            { lat, lng, limit: 30 },
            signal,
          );
          saveNearby(userId, nearby.data);
          return nearby.data;
        }
        if (!q) return savedNearby(userId, fix, q);
        const found = await fetchCustomers({ page: 1, pageSize: 30, q, state: 'active' }, signal);
        return found.data
          .map((c) => ({
            id: c.id,
            name: c.name,
            address: c.address ?? null,
            distanceMeters:
              fix && c.lat != null && c.lng != null ? distanceMeters(fix, { lat: c.lat, lng: c.lng }) : null,
          }))
          .sort((a, b) => (a.distanceMeters ?? Infinity) - (b.distanceMeters ?? Infinity));
      } catch (error) {
        if (error instanceof ApiError && error.status === 0) return savedNearby(userId, fix, q);
        throw error;
      }
    },
    staleTime: 30_000,
  });
}
