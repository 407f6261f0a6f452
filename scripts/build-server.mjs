// Compiles the API server into one JavaScript file, apps/server/dist/main.js, for `npm start`.
// `npm run dev` and the tests keep running the TypeScript sources through tsx.
//
// esbuild bundles our own code (apps/server/src and the workspace package @guanxi/contract, whose
// entry is TypeScript source) and leaves every npm package external: those load from
// node_modules as usual (native argon2, PGlite's WASM files, pg-boss …). esbuild is also what tsx
// uses to run the sources in development and tests, so both run the same transformed code.
//
// Files read from disk at run time are copied beside the bundle:
//   db/client.ts reads `<dir of main.js>/migrations`   → dist/migrations
//   app.ts serves `<dir of main.js>/../../web/dist`    → apps/web/dist (same depth as src/)
//
// `node scripts/build-server.mjs` builds; `--if-stale` builds only when the sources changed.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isCurrent, root, sourcesHash, writeStamp } from './source-stamp.mjs';

const server = path.join(root, 'apps/server');
export const serverDist = path.join(server, 'dist');
export const serverEntry = path.join(serverDist, 'main.js');
const stampFile = path.join(serverDist, 'build-stamp.json');

/** What the bundle is made of: a change in any of these makes the build stale. */
const inputs = [
  server, // src, package.json and configs; not dist, node_modules
  path.join(root, 'packages/contract'),
  path.join(root, 'scripts/build-server.mjs'),
];

/** True when dist/main.js was built from the current sources. */
export const serverBuildIsCurrent = () => fs.existsSync(serverEntry) && isCurrent(stampFile, inputs);

/**
 * Builds into a fresh folder and swaps it in, so a process that is starting never sees half a
 * build. Never throws for a compile error: it prints it and returns false.
 */
export async function buildServer() {
  const started = Date.now();
  const sources = sourcesHash(inputs);
  const esbuild = await import('esbuild');
  const staging = `${serverDist}.building-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    await esbuild.build({
      entryPoints: [path.join(server, 'src/main.ts')],
      outfile: path.join(staging, 'main.js'),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20.19',
      sourcemap: 'linked',
      sourcesContent: false,
      logLevel: 'warning',
      plugins: [npmPackagesExternal],
    });
    fs.cpSync(path.join(server, 'src/db/migrations'), path.join(staging, 'migrations'), { recursive: true });
    writeStamp(path.join(staging, 'build-stamp.json'), sources);
    fs.rmSync(serverDist, { recursive: true, force: true });
    fs.renameSync(staging, serverDist);
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    // esbuild has printed the compile errors already
    if (!err?.errors) console.error(err);
    return false;
  } finally {
    // esbuild keeps a helper process for later builds; there are none
    await esbuild.stop();
  }
  console.log(`Server built in ${Date.now() - started} ms → ${path.relative(root, serverEntry)}`);
  return true;
}

/** Bare imports stay imports (resolved from node_modules at run time), except our workspace packages. */
const npmPackagesExternal = {
  name: 'npm-packages-external',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('@guanxi/')) return undefined; // TypeScript source: compile it in
      return { path: args.path, external: true };
    });
  },
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const ifStale = process.argv.includes('--if-stale');
  if (ifStale && serverBuildIsCurrent()) console.log('Server build is current.');
  else if (!(await buildServer())) process.exit(1);
}
