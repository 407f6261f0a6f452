import { conflict, notFound } from './errors.ts';

/**
 * Resolves an `UPDATE … WHERE id = ? AND version = ? RETURNING` that hit no row: the record
 * is gone or out of scope (404), or someone saved first (409 CONFLICT).
 */
export async function requireUpdated<T>(rows: T[], exists: () => Promise<boolean>): Promise<T> {
  if (rows.length > 0) return rows[0];
  throw (await exists()) ? conflict() : notFound();
}

/** For a record already read in scope: a stale `version` is a conflict. */
export function checkVersion(current: { version: number }, expected: number): void {
  if (current.version !== expected) throw conflict();
}
