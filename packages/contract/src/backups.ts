import { z } from 'zod';
import { timestamp } from './common.ts';

// ---- 备份/还原: archives of a tenant or of the whole system (apps/server modules/backups) ----
export const backupScope = z.enum(['tenant', 'system']);
export const backupStatus = z.enum(['queued', 'running', 'done', 'failed']);

// the scope is named, never assumed: a body without it is 400, not a backup of the tenant
export const startBackup = z.object({ scope: backupScope });

export const backupJob = z.object({
  id: z.string(),
  scope: backupScope,
  /** the tenant's code (scope tenant) */
  tenant: z.string().nullable(),
  trigger: z.enum(['manual', 'schedule']),
  status: backupStatus,
  /** bytes of the archive, once done */
  size: z.number().int().nullable(),
  /** SHA-256 of the archive file (hex), once done */
  checksum: z.string().nullable(),
  error: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: timestamp,
  finishedAt: timestamp.nullable(),
});
export type BackupJob = z.infer<typeof backupJob>;

export const restoreMode = z.enum(['replace-tenant', 'empty-system']);
export type RestoreMode = z.infer<typeof restoreMode>;

export const restoreJob = z.object({
  id: z.string(),
  mode: restoreMode,
  fileName: z.string(),
  status: backupStatus,
  /** the error's code when it failed (BACKUP_CHECKSUM_MISMATCH …) */
  code: z.string().nullable(),
  error: z.string().nullable(),
  result: z
    .object({
      scope: backupScope,
      tenant: z.string().nullable(),
      tables: z.record(z.string(), z.number()),
      files: z.number(),
    })
    .nullable(),
  createdAt: timestamp,
  finishedAt: timestamp.nullable(),
});
export type RestoreJob = z.infer<typeof restoreJob>;

/** The tenant's scheduled backup: daily at `dailyHour` (tenant time zone) or off (null); keeps the last `keepLast`. */
export const backupSettings = z.object({
  dailyHour: z.number().int().min(0).max(23).nullable(),
  keepLast: z.number().int().min(1).max(60),
});
export type BackupSettings = z.infer<typeof backupSettings>;

/** The settings as read: with whether this tenant may back up and restore the whole system (the default tenant). */
export const backupSettingsView = backupSettings.extend({ systemScope: z.boolean() });
export type BackupSettingsView = z.infer<typeof backupSettingsView>;
