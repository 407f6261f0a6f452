import { pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { baseColumns, tz } from '../../db/schema/columns.ts';

/** 打印模板: a tenant's own template of a document type; without a row the built-in default prints. */
export const printTemplates = pgTable(
  'print_templates',
  {
    ...baseColumns(),
    type: text('type', { enum: ['quote', 'order', 'contract'] }).notNull(),
    template: text('template').notNull(),
    updatedBy: uuid('updated_by'),
    /** Restored to the default (恢复默认): the row stays, its version goes on, the default prints. */
    deletedAt: tz('deleted_at'),
  },
  // one row per tenant and type for good: restoring and saving again move the same row's version on
  (t) => [uniqueIndex('print_templates_tenant_type_uq').on(t.tenantId, t.type)],
);
