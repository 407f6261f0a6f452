import { z } from 'zod';
import { id, listQuery, timestamp } from './common.ts';

export const auditActions = [
  'create',
  'update',
  'delete',
  'transfer',
  'export',
  'import',
  'login',
  'login_failed',
  'logout',
  'password_change',
  'password_reset',
  'totp_enable',
  'totp_disable',
  'session_revoke',
  'token_create',
  'token_revoke',
] as const;

/** `{ field: [before, after] }` for every changed field. */
const auditChanges = z.record(z.string(), z.tuple([z.unknown(), z.unknown()]));

export const auditLog = z.object({
  id: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  ip: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  summary: z.string().nullable(),
  changes: auditChanges,
  createdAt: timestamp,
});
export type AuditLog = z.infer<typeof auditLog>;

export const auditListQuery = listQuery.extend({
  entity: z.string().max(50).optional(),
  entityId: id.optional(),
  userId: id.optional(),
  action: z.string().max(50).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** One field's change in a record's history tab. */
export const fieldChange = z.object({
  at: timestamp,
  userName: z.string().nullable(),
  action: z.string(),
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type FieldChange = z.infer<typeof fieldChange>;
