import { haversine } from './mileage.ts';

type Place = { lat: number; lng: number };
export type RoutePoint = Place & { accuracy: number; at: string };

/** mulberry32, so the noise is the same on every run. */
function noise(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A known drive for the mileage tests: 上海 世纪大道 then 张杨路 and 浦东南路 (three straight legs
 * through these corners, ~6.6 km), a point a minute at 30 km/h, each moved up to 12 m by noise
 * (accuracy 15–25 m), with a 20-minute stop at the second corner (points wandering within their
 * accuracy), one GPS jump 5 km off, and one cell-tower fix (accuracy 800 m).
 */
export function knownRoute(day: string, seed = 7) {
  const corners: Place[] = [
    { lat: 31.2397, lng: 121.4998 },
    { lat: 31.2304, lng: 121.5165 },
    { lat: 31.2246, lng: 121.5287 },
    { lat: 31.2173, lng: 121.5072 },
  ];
  const trueLength = corners.slice(1).reduce((sum, c, i) => sum + haversine(corners[i], c), 0);
  const rand = noise(seed);
  const spread = (p: Place, m: number): Place => ({
    lat: p.lat + ((rand() * 2 - 1) * m) / 111_320,
    lng: p.lng + ((rand() * 2 - 1) * m) / (111_320 * Math.cos((p.lat * Math.PI) / 180)),
  });
  const points: RoutePoint[] = [];
  let t = Date.parse(`${day}T09:00:00+08:00`);
  const push = (p: Place, accuracy: number) => {
    points.push({ ...p, accuracy, at: new Date(t).toISOString() });
    t += 60_000;
  };
  push(spread(corners[0], 8), 15);
  const perMinute = 500; // 30 km/h
  for (let leg = 1; leg < corners.length; leg++) {
    const [a, b] = [corners[leg - 1], corners[leg]];
    const steps = Math.max(1, Math.round(haversine(a, b) / perMinute));
    for (let i = 1; i <= steps; i++) {
      const on = { lat: a.lat + ((b.lat - a.lat) * i) / steps, lng: a.lng + ((b.lng - a.lng) * i) / steps };
      push(spread(on, 12), 15 + Math.round(rand() * 10));
      if (leg === 1 && i === 3) push(spread({ lat: on.lat + 0.045, lng: on.lng }, 5), 20); // GPS jump: 5 km in a minute
      if (leg === 3 && i === 2) push(spread(on, 300), 800); // cell-tower fix
    }
    if (leg === 1) for (let k = 0; k < 20; k++) push(spread(b, 10), 20); // a stop at the corner
  }
  return { points, trueLength };
}
