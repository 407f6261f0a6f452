import { z } from 'zod';
import { timestamp } from './common.ts';
import type { Permission } from './permissions.ts';

export const importEntities = ['customers', 'contacts', 'leads'] as const;
export type ImportEntity = (typeof importEntities)[number];
/** The permission an import of each entity needs (contacts belong to the customer book). */
export const importPermissions = {
  customers: 'customers:import',
  contacts: 'customers:import',
  leads: 'leads:import',
} as const satisfies Record<ImportEntity, Permission>;
export const importModes = ['skip', 'update', 'create'] as const;
export type ImportMode = (typeof importModes)[number];
const importStatuses = ['queued', 'validating', 'importing', 'done', 'failed', 'interrupted'] as const;

const importRowError = z.object({
  /** Row number in the file, counting the header row as 1 (what a spreadsheet shows). */
  row: z.number().int(),
  field: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof importRowError>;

export const importJob = z.object({
  id: z.string(),
  entity: z.enum(importEntities),
  mode: z.enum(importModes),
  fileName: z.string(),
  /** failed: nothing was imported (see errors); interrupted: `processed` rows were imported, resume for the rest. */
  status: z.enum(importStatuses),
  total: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
  errors: z.array(importRowError),
  message: z.string().nullable(),
  createdAt: timestamp,
  startedAt: timestamp.nullable(),
  finishedAt: timestamp.nullable(),
});
export type ImportJob = z.infer<typeof importJob>;

const importField = z.object({ key: z.string(), label: z.string(), required: z.boolean() });
export type ImportField = z.infer<typeof importField>;

/** `mapping`: file header → field key (unmapped headers are ignored). */
export const importMapping = z.record(z.string(), z.string());

export const importPreview = z.object({
  headers: z.array(z.string()),
  /** The first rows as read (strings), for the mapping step. */
  rows: z.array(z.array(z.string())),
  /** Suggested (or the given) mapping. */
  mapping: importMapping,
  fields: z.array(importField),
  /** Problems of the previewed rows under that mapping. */
  errors: z.array(importRowError),
});
export type ImportPreview = z.infer<typeof importPreview>;

// ---- exports run as jobs (large lists) ----
export const exportJob = z.object({
  id: z.string(),
  list: z.string(),
  format: z.enum(['csv', 'xlsx']),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  total: z.number().int(),
  processed: z.number().int(),
  fileName: z.string(),
  message: z.string().nullable(),
  createdAt: timestamp,
  finishedAt: timestamp.nullable(),
});
export type ExportJob = z.infer<typeof exportJob>;
export const startExport = z.object({
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
  /** The list's query-string parameters (filters, q) — the same as GET /customers takes. */
  query: z.record(z.string(), z.string()).default({}),
});
