import { type SQL, sql } from 'drizzle-orm';

/**
 * A list as one array parameter (`= ANY(…)`): one bind value however long, escaped by the
 * driver, its values visible to the planner — instead of a placeholder per element.
 */
export const uuidList = (ids: readonly string[]): SQL => sql`${sql.param([...ids])}::uuid[]`;
export const textList = (values: readonly string[]): SQL => sql`${sql.param([...values])}::text[]`;
