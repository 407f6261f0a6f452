import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { secretKeyCheck } from '../db/schema/secrets.ts';
import { AppError } from './errors.ts';
import { isSealed, type ServerKey, sealedWithPattern } from './secrets.ts';

/**
 * Every column that holds a sealed credential. A module that stores one (an SMTP password, a
 * webhook secret …) declares it in its manifest (`sealedColumns`), so the start-up check and
 * `rotate-key` cover it. Each table has an `id` primary key.
 */
export type SealedColumn = { table: string; column: string };
let sealedColumns: readonly SealedColumn[] = [];

/** Called once by the composition root with every manifest's `sealedColumns`. */
export function installSealedColumns(columns: readonly SealedColumn[]) {
  sealedColumns = columns;
}

const CHECK_TEXT = 'guanxi server key check';

type Row = { id: string; value: string };

async function valuesOf(db: Db, c: { table: string; column: string }, where = sql`TRUE`): Promise<Row[]> {
  const result = await db.execute(
    sql`SELECT id::text AS id, ${sql.identifier(c.column)} AS value FROM ${sql.identifier(c.table)}
        WHERE ${sql.identifier(c.column)} IS NOT NULL AND ${where} FOR UPDATE`,
  );
  return result.rows as Row[];
}

/** Replaces a value only if it is still the one read (another replica may have sealed it meanwhile). */
async function replace(db: Db, c: { table: string; column: string }, row: Row, value: string) {
  await db.execute(
    sql`UPDATE ${sql.identifier(c.table)} SET ${sql.identifier(c.column)} = ${value}
        WHERE id = ${row.id}::uuid AND ${sql.identifier(c.column)} = ${row.value}`,
  );
}

/** The key check row: written by the first start, opened by every later one (db/schema/secrets.ts). */
async function checkKey(db: Db, key: ServerKey) {
  await db
    .insert(secretKeyCheck)
    .values({ id: 1, sealed: key.seal(CHECK_TEXT) })
    .onConflictDoNothing();
  const [row] = await db.select().from(secretKeyCheck).where(eq(secretKeyCheck.id, 1));
  if (key.open(row.sealed) !== CHECK_TEXT) throw new AppError('SECRET_KEY_MISMATCH');
}

/**
 * At every start, before serving: the server key must be the database's (else
 * SECRET_KEY_MISMATCH — never carry on with 2FA that cannot be checked), values stored in clear
 * by an older version are sealed (in one transaction; running it again changes nothing), and no
 * value sealed with another key remains. Returns how many values it sealed.
 */
export async function prepareSealedValues(db: Db, key: ServerKey): Promise<number> {
  return db.transaction(async (tx) => {
    await checkKey(tx, key);
    let sealed = 0;
    for (const c of sealedColumns) {
      const notOurs = sql`${sql.identifier(c.column)} NOT LIKE ${sealedWithPattern(key)}`;
      for (const row of await valuesOf(tx, c, notOurs)) {
        // sealed with another key: this throws SECRET_KEY_MISMATCH naming both key ids
        if (isSealed(row.value)) key.open(row.value);
        await replace(tx, c, row, key.seal(row.value));
        sealed++;
      }
    }
    return sealed;
  });
}

/**
 * Re-seals every sealed value and the key check with `next`, in one transaction: afterwards
 * `current` opens nothing in this database. Returns how many values it re-sealed.
 */
export async function rotateServerKey(db: Db, current: ServerKey, next: ServerKey): Promise<number> {
  if (current.id === next.id) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'new-key', message: 'same as the current key' }]);
  }
  await prepareSealedValues(db, current);
  return db.transaction(async (tx) => {
    const [check] = await tx.select().from(secretKeyCheck).where(eq(secretKeyCheck.id, 1)).for('update');
    if (current.open(check.sealed) !== CHECK_TEXT) throw new AppError('SECRET_KEY_MISMATCH');
    let resealed = 0;
    for (const c of sealedColumns) {
      for (const row of await valuesOf(tx, c)) {
        await replace(tx, c, row, next.seal(current.open(row.value)));
        resealed++;
      }
    }
    await tx
      .update(secretKeyCheck)
      .set({ sealed: next.seal(CHECK_TEXT), updatedAt: new Date() })
      .where(eq(secretKeyCheck.id, 1));
    return resealed;
  });
}
