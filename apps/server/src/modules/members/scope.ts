import type { SQL } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { Principal } from '../../platform/auth/principal.ts';
import { customerVisibleSql } from '../customers/member-service.ts';

/** A member (alias `m`) is seen exactly when its customer is: the customers scope over `m.customer_id`. */
export const memberScope = (p: Principal, mode: 'read' | 'write' = 'read'): SQL =>
  customerVisibleSql(p, sql`m.customer_id`, mode);
