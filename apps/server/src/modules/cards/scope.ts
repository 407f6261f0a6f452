import { sql } from 'drizzle-orm';
import { scopePredicate } from '../../platform/access.ts';
import type { Principal } from '../../platform/auth/principal.ts';

/** Batches and their cards belong to the batch's creator and the creator's department then. */
export const batchScope = (p: Principal) =>
  scopePredicate(p, 'cards', { owner: sql`b.owner_id`, department: sql`b.department_id` });
export const cardScope = (p: Principal) =>
  scopePredicate(p, 'cards', { owner: sql`c.owner_id`, department: sql`c.department_id` });
