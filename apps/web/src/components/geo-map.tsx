import 'leaflet/dist/leaflet.css';
import './geo-map.css';
import gcoord from 'gcoord';
import { type LatLngExpression, latLngBounds } from 'leaflet';
import { type ReactNode, useEffect, useMemo } from 'react';
import { CircleMarker, MapContainer, Polyline, Popup, TileLayer, Tooltip, useMap } from 'react-leaflet';

/**
 * 高德's road tiles: the map people in China know. Its tiles are drawn in GCJ-02, so every
 * WGS-84 coordinate we store is converted before it is placed on them.
 */
export const TILE_URL =
  'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}';
export const TILE_SUBDOMAINS = ['1', '2', '3', '4'];

export type MapPoint = { lat: number; lng: number };
export type MapMarker = MapPoint & {
  id: string;
  /** Names the marker (tooltip on hover, and for screen readers). */
  title: string;
  color?: string;
  popup?: ReactNode;
};

type Props = {
  markers?: MapMarker[];
  /** A route drawn as a line through its points, in order (the view then fits the route). */
  route?: MapPoint[];
  height: number | string;
  /** Names the map for screen readers. */
  label: string;
  /** Where to look when there is nothing to show (WGS-84). */
  fallbackCenter?: MapPoint;
};

/** A stored WGS-84 point where it lies on the GCJ-02 tiles, as Leaflet's [lat, lng]. */
export const toTiles = (p: MapPoint): [number, number] => {
  const [lng, lat] = gcoord.transform([p.lng, p.lat], gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return [lat, lng];
};

/** A point picked on the tiles (GCJ-02) as the WGS-84 we store, to 6 decimals (~0.1 m). */
export const fromTiles = (lat: number, lng: number): MapPoint => {
  const [x, y] = gcoord.transform([lng, lat], gcoord.GCJ02, gcoord.WGS84) as [number, number];
  return { lat: Math.round(y * 1e6) / 1e6, lng: Math.round(x * 1e6) / 1e6 };
};

/**
 * Leaflet measures its box once: a box laid out or resized later (a header above it, a phone
 * turned, a drawer or dialog shown after the map was made — at once when animations are off)
 * would leave taps and drawings placed for the old one. Put inside a MapContainer.
 */
export function FollowContainerSize() {
  const map = useMap();
  useEffect(() => {
    const observer = new ResizeObserver(() => map.invalidateSize());
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map]);
  return null;
}

/** Keeps everything shown in view when the markers or the route change, or the map's box does. */
function FitTo({ points }: { points: [number, number][] }) {
  const map = useMap();
  const key = JSON.stringify(points);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the points' content, not their identity
  useEffect(() => {
    if (points.length === 0) return;
    // the container may have been laid out after the map was made (a drawer, a card that grew):
    // fitting to a stale size zooms to the wrong part
    map.invalidateSize();
    if (points.length === 1) map.setView(points[0], 15);
    else map.fitBounds(latLngBounds(points), { padding: [24, 24], maxZoom: 17 });
  }, [map, key]);
  return null;
}

/**
 * A Leaflet map with circle markers and a route line. Both are drawn as vectors over the tiles,
 * so they still show (on a plain grid) when the tiles cannot load — no network, or blocked.
 */
export function GeoMap({ markers = [], route = [], height, label, fallbackCenter }: Props) {
  const placed = useMemo(() => markers.map((m) => ({ ...m, at: toTiles(m) })), [markers]);
  const line = useMemo(() => route.map(toTiles), [route]);
  // a route is what the user asked to see: the view follows it, not markers across the country
  const all = useMemo(() => (line.length > 1 ? line : placed.map((m) => m.at)), [placed, line]);
  const center: LatLngExpression = all[0] ?? toTiles(fallbackCenter ?? { lat: 31.2304, lng: 121.4737 });
  return (
    <section className="geo-map" style={{ height }} aria-label={label}>
      <MapContainer center={center} zoom={12} style={{ height: '100%', width: '100%' }} scrollWheelZoom>
        <TileLayer url={TILE_URL} subdomains={TILE_SUBDOMAINS} attribution="&copy; 高德地图" />
        {line.length > 1 ? <Polyline positions={line} pathOptions={{ color: '#1668dc', weight: 4 }} /> : null}
        {placed.map((m) => (
          <CircleMarker
            key={m.id}
            center={m.at}
            radius={8}
            pathOptions={{ color: '#fff', weight: 2, fillColor: m.color ?? '#1668dc', fillOpacity: 1 }}
          >
            <Tooltip>{m.title}</Tooltip>
            {m.popup ? <Popup>{m.popup}</Popup> : null}
          </CircleMarker>
        ))}
        <FollowContainerSize />
        <FitTo points={all} />
      </MapContainer>
    </section>
  );
}
