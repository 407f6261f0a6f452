import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';

/** How often a gram occurs (share of rows); grams the statistics do not list are rarer than any listed. */
export type GramFrequency = (gram: string) => number;

const TTL_MS = 10 * 60_000;
const cache = new WeakMap<Db, { loadedAt: number; frequencies: Promise<Map<string, number>> }>();

/**
 * The planner's own element statistics of `customers.search_grams` (up to 10,000 most common
 * grams, STATISTICS 1000), read once per ten minutes: which pair of a search is the rarest.
 */
export function gramFrequencies(db: Db): Promise<GramFrequency> {
  let entry = cache.get(db);
  if (!entry || Date.now() - entry.loadedAt > TTL_MS) {
    // without statistics every pair counts as rare: the first one is looked up, still exact
    entry = { loadedAt: Date.now(), frequencies: load(db).catch(() => new Map<string, number>()) };
    cache.set(db, entry);
  }
  return entry.frequencies.then((map) => (gram) => map.get(gram) ?? 0);
}

/** Reads the statistics again at the next search (after an ANALYZE that should count at once). */
export const forgetGramFrequencies = (db: Db) => cache.delete(db);

async function load(db: Db): Promise<Map<string, number>> {
  const result = await db.execute(sql`SELECT most_common_elems::text::text[] AS elems,
      most_common_elem_freqs AS freqs
    FROM pg_stats WHERE schemaname = current_schema() AND tablename = 'customers' AND attname = 'search_grams'`);
  const row = result.rows[0] as { elems: string[] | null; freqs: number[] | null } | undefined;
  const map = new Map<string, number>();
  // the frequencies list ends with three summary figures after one entry per element
  for (const [i, gram] of (row?.elems ?? []).entries()) map.set(gram, Number(row?.freqs?.[i] ?? 0));
  return map;
}

/** The gram the fewest rows have (the first of equals). */
export const rarest = (grams: string[], frequency: GramFrequency) =>
  grams.reduce((best, g) => (frequency(g) < frequency(best) ? g : best));
