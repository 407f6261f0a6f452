import { Readable } from 'node:stream';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { importChunks } from '../../db/schema/index.ts';

const CHUNK = 1024 * 1024;

/** Stores an uploaded file stream as ≤ 1 MiB rows; returns its size. Memory holds one chunk at a time. */
export async function storeFile(
  db: Db,
  importId: string,
  file: AsyncIterable<Buffer> | Iterable<Buffer>,
): Promise<number> {
  let seq = 0;
  let size = 0;
  let pending: Buffer[] = [];
  let pendingSize = 0;
  const flush = async () => {
    if (!pendingSize) return;
    await db.insert(importChunks).values({ importId, seq: seq++, data: Buffer.concat(pending) });
    pending = [];
    pendingSize = 0;
  };
  for await (const piece of file) {
    pending.push(piece);
    pendingSize += piece.length;
    size += piece.length;
    if (pendingSize >= CHUNK) await flush();
  }
  await flush();
  return size;
}

/** The stored file as a stream, read back one chunk per query. */
export function readFile(db: Db, importId: string): Readable {
  async function* chunks() {
    let seq = -1;
    for (;;) {
      const [row] = await db
        .select()
        .from(importChunks)
        .where(and(eq(importChunks.importId, importId), gt(importChunks.seq, seq)))
        .orderBy(asc(importChunks.seq))
        .limit(1);
      if (!row) return;
      seq = row.seq;
      yield Buffer.from(row.data as Uint8Array);
    }
  }
  return Readable.from(chunks());
}

export async function deleteFile(db: Db, importId: string) {
  await db.execute(sql`DELETE FROM import_chunks WHERE import_id = ${importId}`);
}
