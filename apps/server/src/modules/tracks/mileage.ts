import { trackLimits } from '@guanxi/contract';

/** What the filter needs of a point: WGS-84, accuracy in metres, time in ms. */
export type Fix = { lat: number; lng: number; accuracy: number; at: number };

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres. */
export function haversine(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A day's route with the jitter taken out (points in time order): a point is dropped when
 * - its accuracy is worse than the tenant's limit (a cell-tower fix hundreds of metres off);
 * - it moved less from the last kept point than the two fixes' accuracy (standing still, the
 *   position wanders inside its error circle — summed, a parked phone would "drive" kilometres);
 * - reaching it from the last kept point would take more than 200 km/h (a GPS jump; a salesperson
 *   does not fly). Compared with the last *kept* point, so a jump and its way back both drop.
 * Returns the indexes kept and the length of the line through them.
 */
export function mileage(
  points: readonly Fix[],
  accuracyLimitMeters: number,
  maxSpeedKmh: number = trackLimits.maxSpeedKmh,
): { kept: number[]; distanceMeters: number } {
  const maxSpeed = (maxSpeedKmh * 1000) / 3600; // m/s
  const kept: number[] = [];
  let distance = 0;
  let last: Fix | undefined;
  points.forEach((p, i) => {
    if (!(p.accuracy <= accuracyLimitMeters)) return;
    if (!last) {
      kept.push(i);
      last = p;
      return;
    }
    const d = haversine(last, p);
    if (d < Math.max(last.accuracy, p.accuracy)) return;
    const seconds = (p.at - last.at) / 1000;
    if (seconds <= 0 || d / seconds > maxSpeed) return;
    kept.push(i);
    distance += d;
    last = p;
  });
  return { kept, distanceMeters: Math.round(distance) };
}
