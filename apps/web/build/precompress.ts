/**
 * Writes `<file>.gz` beside each hashed asset of the build, which the server sends to browsers
 * that accept gzip (@fastify/static `preCompressed`): a Node server without a compressing proxy
 * in front would otherwise send the JavaScript uncompressed, about three times the bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(js|css|svg)$/;

export function precompressAssets(dist: string): number {
  const dir = path.join(dist, 'assets');
  let written = 0;
  for (const name of fs.readdirSync(dir)) {
    if (!COMPRESSIBLE.test(name)) continue;
    const file = path.join(dir, name);
    // done once per build, so the slowest (smallest) setting
    fs.writeFileSync(`${file}.gz`, gzipSync(fs.readFileSync(file), { level: constants.Z_BEST_COMPRESSION }));
    written++;
  }
  return written;
}
