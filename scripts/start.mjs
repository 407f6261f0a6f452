// `npm start`: builds the web app and the server when missing or stale (their sources changed
// since the last build), then runs the compiled server in this very process.
//
// In this process, not a child: npm runs `exec node scripts/start.mjs` (package.json), so the
// signals npm forwards (SIGTERM, SIGINT) land here, where the server's own handlers drain
// requests and jobs and exit 0. A child process would have to be watched, signalled and waited
// for, and is orphaned when this process dies first.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildServer, serverBuildIsCurrent, serverEntry } from './build-server.mjs';
import { isCurrent, root, sourcesHash, writeStamp } from './source-stamp.mjs';

const web = path.join(root, 'apps/web');
// vite empties dist at every build, so a build made by other means (npm test) drops the stamp
const webStamp = path.join(web, 'dist/build-stamp.json');
const webInputs = [web, path.join(root, 'packages/contract')];

/** Runs a build command; a SIGTERM/SIGINT meanwhile stops it rather than leaving it behind. */
function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, stdio: 'inherit' });
    const stop = (signal) => child.kill(signal);
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
    child.on('exit', (code, signal) => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      if (signal) process.exit(1);
      resolve(code === 0);
    });
  });
}

// GUANXI_WEB_DIST: the web app is served from elsewhere; nothing to build here.
if (!process.env.GUANXI_WEB_DIST && !isCurrent(webStamp, webInputs)) {
  console.log('Building the web app (first start, or its sources changed)…');
  const sources = sourcesHash(webInputs);
  if (!(await run('npm', ['run', 'build', '-w', 'apps/web']))) process.exit(1);
  writeStamp(webStamp, sources);
}
if (!serverBuildIsCurrent()) {
  console.log('Building the server (first start, or its sources changed)…');
  if (!(await buildServer())) process.exit(1);
}

// said explicitly rather than left to the bundle's own location (app.ts's default is relative to
// the file it was compiled from)
process.env.GUANXI_WEB_DIST ??= path.join(web, 'dist');
// stack traces point into the TypeScript sources (the bundle carries a source map)
process.setSourceMapsEnabled(true);
await import(pathToFileURL(serverEntry).href);
