import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { AppError } from '../../platform/errors.ts';

/**
 * The backup archive: a gzip'd tar (ustar) that `tar tzf` lists, holding `tables/<table>.jsonl`
 * (one JSON object per row, in primary-key order), `files/<tenant id>/<file id>` (attached files'
 * bytes, wherever they were stored) and `manifest.json`, written last, which names every other entry
 * with its SHA-256. Written and read with node's zlib and a small tar codec: no new dependency.
 */
export const ARCHIVE_FORMAT = 'guanxi-backup';
export const ARCHIVE_FORMAT_VERSION = 1;

export type ArchiveTable = { name: string; file: string; rows: number; sha256: string };
export type ArchiveFile = { tenantId: string; id: string; file: string; size: number; sha256: string };
export type Manifest = {
  format: typeof ARCHIVE_FORMAT;
  formatVersion: number;
  appVersion: string;
  /** the latest migration applied to the database it came from (drizzle's journal) */
  migration: { index: number; tag: string };
  scope: 'tenant' | 'system';
  tenant: { id: string; code: string; name: string } | null;
  createdAt: string;
  /** which server key sealed the archive's secrets (the key itself never travels) */
  serverKeyId: string;
  tables: ArchiveTable[];
  files: ArchiveFile[];
  /** SHA-256 of the `tables` and `files` lists: it covers every entry through their checksums */
  checksum: string;
};

export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
export const wholeChecksum = (m: Pick<Manifest, 'tables' | 'files'>) =>
  sha256(JSON.stringify({ tables: m.tables, files: m.files }));

const BLOCK = 512;

function header(name: string, size: number): Buffer {
  const h = Buffer.alloc(BLOCK);
  if (Buffer.byteLength(name) > 100) throw new Error(`archive entry name too long: ${name}`);
  h.write(name, 0, 100, 'utf8');
  h.write('0000644\0', 100, 'ascii'); // mode
  h.write('0000000\0', 108, 'ascii'); // uid
  h.write('0000000\0', 116, 'ascii'); // gid
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 'ascii');
  h.write(
    `${Math.floor(Date.now() / 1000)
      .toString(8)
      .padStart(11, '0')}\0`,
    136,
    'ascii',
  );
  h.write('        ', 148, 'ascii'); // checksum field counts as spaces while summing
  h.write('0', 156, 'ascii'); // a regular file
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);

/** Packs the entries (in order) and gzips them. */
export function packArchive(entries: { name: string; data: Buffer }[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) parts.push(header(e.name, e.data.length), e.data, padding(e.data.length));
  parts.push(Buffer.alloc(BLOCK * 2));
  return gzipSync(Buffer.concat(parts));
}

const malformed = (why: string) => new AppError('BACKUP_MALFORMED', [{ path: 'file', message: why }]);

/** The entries of an archive (gzip'd or plain tar), by name; 400 BACKUP_MALFORMED if it is not one. */
export function unpackArchive(archive: Buffer): Map<string, Buffer> {
  let tar: Buffer;
  try {
    tar = archive[0] === 0x1f && archive[1] === 0x8b ? gunzipSync(archive) : archive;
  } catch {
    // gzip's own CRC: a damaged byte inside the compressed stream
    throw new AppError('BACKUP_CHECKSUM_MISMATCH', [{ path: 'file', message: 'gzip data damaged' }]);
  }
  const entries = new Map<string, Buffer>();
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const h = tar.subarray(at, at + BLOCK);
    if (h.every((b) => b === 0)) return entries;
    const name = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = Number.parseInt(h.subarray(124, 136).toString('ascii').replace(/\0.*$/s, '').trim(), 8);
    if (!name || !Number.isFinite(size) || at + BLOCK + size > tar.length) throw malformed('bad tar entry');
    entries.set(name, tar.subarray(at + BLOCK, at + BLOCK + size));
    at += BLOCK + size + padding(size).length;
  }
  throw malformed('tar end missing');
}

/** The manifest, checked against every entry: 400 BACKUP_MALFORMED or BACKUP_CHECKSUM_MISMATCH. */
export function verifiedManifest(entries: Map<string, Buffer>): Manifest {
  const raw = entries.get('manifest.json');
  if (!raw) throw malformed('manifest.json missing');
  let m: Manifest;
  try {
    m = JSON.parse(raw.toString('utf8'));
  } catch {
    throw malformed('manifest.json is not JSON');
  }
  if (m?.format !== ARCHIVE_FORMAT || !Array.isArray(m.tables) || !Array.isArray(m.files))
    throw malformed('not a Guanxi backup');
  if (m.formatVersion !== ARCHIVE_FORMAT_VERSION) throw malformed(`format version ${m.formatVersion}`);
  const mismatch = (path: string) =>
    new AppError('BACKUP_CHECKSUM_MISMATCH', [{ path, message: 'checksum differs' }]);
  if (wholeChecksum(m) !== m.checksum) throw mismatch('manifest.json');
  for (const entry of [...m.tables, ...m.files]) {
    const data = entries.get(entry.file);
    if (!data) throw malformed(`${entry.file} missing`);
    if (sha256(data) !== entry.sha256) throw mismatch(entry.file);
  }
  return m;
}
