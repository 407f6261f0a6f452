import { Readable } from 'node:stream';
import { and, asc, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { backupChunks, exportChunks, fileChunks, importChunks } from '../db/schema/chunks.ts';

// 256 KiB: on PGlite (one connection, on the event loop) writing a 1 MiB row takes 250–1,000 ms and
// holds every other request that long; 256 KiB takes 35–70 ms
const CHUNK = 256 * 1024;

/**
 * Files kept in the database as rows of about 256 KiB (uploads to import, finished exports, attached
 * files and their thumbnails): any replica
 * can stream them back, and memory holds one chunk at a time.
 */
const stores = {
  imports: { table: importChunks, owner: importChunks.importId, key: 'importId' },
  exports: { table: exportChunks, owner: exportChunks.exportId, key: 'exportId' },
  files: { table: fileChunks, owner: fileChunks.fileId, key: 'fileId' },
  backups: { table: backupChunks, owner: backupChunks.backupId, key: 'backupId' },
} as const;
export type Store = keyof typeof stores;

export async function storeFile(
  db: Db,
  store: Store,
  id: string,
  file: AsyncIterable<Buffer | Uint8Array> | Iterable<Buffer>,
): Promise<number> {
  const s = stores[store];
  let seq = 0;
  let size = 0;
  let pending: Buffer[] = [];
  let pendingSize = 0;
  const flush = async () => {
    if (!pendingSize) return;
    await db.insert(s.table).values({ [s.key]: id, seq: seq++, data: Buffer.concat(pending) } as never);
    pending = [];
    pendingSize = 0;
  };
  for await (const piece of file) {
    const buffer = Buffer.from(piece);
    pending.push(buffer);
    pendingSize += buffer.length;
    size += buffer.length;
    if (pendingSize >= CHUNK) await flush();
  }
  await flush();
  return size;
}

/** The stored file as a stream, read back one chunk per query. */
export function readFile(db: Db, store: Store, id: string): Readable {
  const s = stores[store];
  async function* chunks() {
    let seq = -1;
    for (;;) {
      const [row] = await db
        .select({ seq: s.table.seq, data: s.table.data })
        .from(s.table)
        .where(and(eq(s.owner, id), gt(s.table.seq, seq)))
        .orderBy(asc(s.table.seq))
        .limit(1);
      if (!row) return;
      seq = row.seq;
      yield Buffer.from(row.data as Uint8Array);
    }
  }
  return Readable.from(chunks());
}

export async function deleteFile(db: Db, store: Store, id: string) {
  const s = stores[store];
  await db.delete(s.table).where(eq(s.owner, id));
}
