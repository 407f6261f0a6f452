/**
 * How much JavaScript a browser loads to show a route for the first time, computed from the
 * built assets (`dist/.vite/manifest.json`): the entry and its static imports, plus the lazy
 * chunks the route renders and their static imports. Printed by the build and checked by
 * `npm run bench -- web`; both use this one computation.
 */
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** kB as Vite prints them: 1,000 bytes. */
export const KB = 1000;

export type FirstLoadRoute = {
  name: string;
  path: string;
  /** Goal for the gzip size of the route's JS, in kB. */
  goalKb: number;
  /** Source modules loaded lazily to show the route (manifest keys), beside the entry. */
  lazy: string[];
};

/**
 * Lazy chunks that every route loads: the service worker registration (vite-plugin-pwa imports
 * workbox-window on demand).
 */
const everyRoute = ['node_modules/workbox-window/build/workbox-window.prod.es5.mjs'];

/** The routes with goals: the login page and the desk home after sign-in (see app/routes.tsx). */
export const firstLoadRoutes: FirstLoadRoute[] = [
  { name: 'login', path: '/login', goalKb: 350, lazy: [...everyRoute, 'src/features/auth/login-page.tsx'] },
  {
    name: 'home',
    path: '/',
    goalKb: 600,
    lazy: [
      ...everyRoute,
      'src/app/signed-in-frame.tsx',
      'src/app/app-layout.tsx',
      'src/features/home/home-page.tsx',
    ],
  },
];

type ManifestChunk = { file: string; isEntry?: boolean; imports?: string[]; dynamicImports?: string[] };
type Manifest = Record<string, ManifestChunk>;

export type AssetSize = { file: string; raw: number; gzip: number };
export type FirstLoad = FirstLoadRoute & { files: AssetSize[]; raw: number; gzip: number; pass: boolean };

export function readManifest(dist: string): Manifest {
  const file = path.join(dist, '.vite', 'manifest.json');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: build the web app first (npm run build)`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Manifest;
}

/** A module's manifest key; packages are named from `node_modules/`, wherever npm installed them. */
function manifestKey(manifest: Manifest, module: string): string {
  if (manifest[module]) return module;
  const key = Object.keys(manifest).find((k) => k.endsWith(`/${module}`));
  if (!key) throw new Error(`${module} is not in the build manifest (renamed? update build/first-load.ts)`);
  return key;
}

/** The chunk of `key` and every chunk it imports statically (the browser fetches them before running it). */
function withStaticImports(manifest: Manifest, key: string, into: Set<string>) {
  const chunk = manifest[key];
  if (into.has(chunk.file)) return;
  into.add(chunk.file);
  for (const imported of chunk.imports ?? []) withStaticImports(manifest, imported, into);
}

export function measureFirstLoad(dist: string, routes = firstLoadRoutes): FirstLoad[] {
  const manifest = readManifest(dist);
  const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
  const sizes = new Map<string, AssetSize>();
  const sizeOf = (file: string): AssetSize => {
    let size = sizes.get(file);
    if (!size) {
      const bytes = fs.readFileSync(path.join(dist, file));
      size = { file, raw: bytes.length, gzip: gzipSync(bytes).length };
      sizes.set(file, size);
    }
    return size;
  };
  return routes.map((route) => {
    const files = new Set<string>();
    for (const module of [...entries, ...route.lazy])
      withStaticImports(manifest, manifestKey(manifest, module), files);
    const js = [...files].filter((f) => f.endsWith('.js')).map(sizeOf);
    const raw = js.reduce((sum, f) => sum + f.raw, 0);
    const gzip = js.reduce((sum, f) => sum + f.gzip, 0);
    return { ...route, files: js, raw, gzip, pass: gzip <= route.goalKb * KB };
  });
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} kB`;

/** One line per route: `login  /login  312.4 kB gzip (1,021.7 kB raw) in 9 files  goal ≤ 350 kB  PASS`. */
export function formatFirstLoad(results: FirstLoad[]): string[] {
  return results.map(
    (r) =>
      `${r.name.padEnd(6)} ${r.path.padEnd(7)} ${kb(r.gzip).padStart(9)} gzip (${kb(r.raw)} raw) in ${
        r.files.length
      } files   goal ≤ ${r.goalKb} kB   ${r.pass ? 'PASS' : 'FAIL'}`,
  );
}
