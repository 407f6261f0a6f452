import type { DashboardCard } from '@guanxi/contract';
import { sql } from 'drizzle-orm';
import { check, jsonb, pgTable, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { baseColumns } from '../../db/schema/columns.ts';

/**
 * A home dashboard's cards: a user's own layout (user_id) or the tenant's default for a role
 * (role_id) — exactly one of the two. No row: the role's built-in default (defaults.ts).
 */
export const dashboardLayouts = pgTable(
  'dashboard_layouts',
  {
    ...baseColumns(),
    userId: uuid('user_id'),
    roleId: uuid('role_id'),
    cards: jsonb('cards').$type<DashboardCard[]>().notNull(),
  },
  (t) => [
    uniqueIndex('dashboard_layouts_user_uq').on(t.tenantId, t.userId).where(sql`${t.userId} IS NOT NULL`),
    uniqueIndex('dashboard_layouts_role_uq').on(t.tenantId, t.roleId).where(sql`${t.roleId} IS NOT NULL`),
    check('dashboard_layouts_owner_ck', sql`(${t.userId} IS NULL) <> (${t.roleId} IS NULL)`),
  ],
);
