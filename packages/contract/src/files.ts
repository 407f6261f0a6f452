import { z } from 'zod';
import { id, timestamp } from './common.ts';

/**
 * The tenant's limit on one attached file, in bytes (`fileMaxBytes`): its bounds and the default
 * of a new tenant (20 MiB).
 */
export const fileSizeLimits = { min: 1024, max: 1024 * 1024 * 1024, default: 20 * 1024 * 1024 } as const;

/** An attached file (附件) as the API answers it. */
export const fileInfo = z.object({
  id: z.string(),
  /** The kind of record it is attached to (`customers`, …) and the record. */
  entity: z.string(),
  entityId: z.string(),
  /** The name it was uploaded under (shown and offered on download; never decides its type). */
  name: z.string(),
  size: z.number().int(),
  /** By the file's magic bytes (text without any: `text/plain`), never by its name. */
  mimeType: z.string(),
  /** Hex SHA-256 of the bytes as stored. */
  sha256: z.string(),
  /** Images: their size in pixels (upright), else null. */
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** An image whose thumbnail was made: `GET /files/:id/content?thumbnail=1`. */
  hasThumbnail: z.boolean(),
  createdAt: timestamp,
  createdBy: z.string().nullable(),
  createdByName: z.string().nullable(),
});
export type FileInfo = z.infer<typeof fileInfo>;

/** `GET /files?entity=&entityId=`: a record's files, newest first. */
export const fileListQuery = z.object({
  entity: z.string().min(1).max(40),
  entityId: id,
});
export const fileListResponse = z.object({ data: z.array(fileInfo) });

/** `GET /files/:id/content`: the file as an attachment, or (images) `thumbnail=1` its thumbnail inline. */
export const fileContentQuery = z.object({
  thumbnail: z.enum(['0', '1', 'true', 'false']).optional(),
  /** Images only: shown in the browser (preview) instead of downloaded. */
  inline: z.enum(['0', '1', 'true', 'false']).optional(),
});
