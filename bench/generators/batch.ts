/**
 * Inserts rows with multi-row INSERTs, `size` rows per statement (stay below PostgreSQL's 65,535
 * bind parameters: size × columns). `insert` receives one chunk, e.g.
 * `(chunk) => db.insert(users).values(chunk)`.
 */
export async function insertInBatches<T>(
  rows: readonly T[],
  insert: (chunk: T[]) => PromiseLike<unknown>,
  size = 1000,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}
