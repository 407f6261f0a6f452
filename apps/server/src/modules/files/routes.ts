import multipart from '@fastify/multipart';
import {
  errorResponse,
  fileContentQuery,
  fileInfo,
  fileListQuery,
  fileListResponse,
  fileSizeLimits,
  idParams,
  okResponse,
} from '@guanxi/contract';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/hook.ts';
import { callerOf } from '../../platform/caller.ts';
import { AppError } from '../../platform/errors.ts';
import { type Api, type Deps, docs } from '../../platform/http.ts';
import * as service from './service.ts';
import { storagesFor } from './storage.ts';
import { removeStaleUploads, UPLOADS } from './uploads-service.ts';

const T = 'files';

const uploadFields = z.object({
  entity: z.string().min(1).max(40),
  entityId: z.uuid(),
});

/** The upload's record; `entity: "uploads"` without an id is the caller's own uploads (uploads-service.ts). */
function parseFields(fields: Record<string, string>, userId: string) {
  const own = fields.entity === UPLOADS && !fields.entityId ? { entityId: userId } : {};
  const parsed = uploadFields.safeParse({ ...fields, ...own });
  if (!parsed.success)
    throw new AppError(
      'VALIDATION_FAILED',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  return parsed.data;
}

const yes = (v: string | undefined) => v === '1' || v === 'true';

/** `filename*=UTF-8''…` (RFC 6266 / 5987) with an ASCII fallback for old clients. */
function disposition(kind: 'attachment' | 'inline', name: string) {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Types a browser may show in place (previews, thumbnails): raster images only, never HTML or SVG. */
const showable = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif', 'image/bmp']);

/**
 * Files attached to records. No permission of their own: a file follows its record — who sees
 * the record lists and downloads its files, who may change it uploads and deletes them (the
 * owning module decides both, see `fileEntities`).
 */
export function fileRoutes({ db, config }: Deps) {
  const storages = storagesFor(db, config.s3);
  return async (app: Api) => {
    await app.register(multipart, {
      // the tenant's own limit is applied while the file streams (service.spool)
      limits: { fileSize: fileSizeLimits.max + 1, files: 1, fields: 5, fieldSize: 1000, parts: 8 },
    });

    app.post(
      '/files',
      {
        schema: docs(
          T,
          'Attach a file to a record (multipart: entity, entityId, file); entity `uploads` without entityId: an upload for a record not yet saved, named later in its `fileIds`',
          {
            response: {
              201: fileInfo,
              413: errorResponse.describe('FILE_TOO_LARGE'),
            },
          },
        ),
      },
      async (req, reply) => {
        if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        const c = callerOf(req);
        const fields: Record<string, string> = {};
        let spooled: service.Spooled | undefined;
        let name = '';
        try {
          for await (const part of req.parts()) {
            if (part.type === 'field') fields[part.fieldname] = String(part.value);
            else if (!spooled && part.fieldname === 'file') {
              if (fields.entity || fields.entityId) {
                // the fields came first (as browsers send them): refuse before reading the file
                const early = parseFields(fields, c.p.userId);
                await service.checkUpload(db, c.p, early.entity, early.entityId);
              }
              name = part.filename;
              spooled = await service.spool(db, c.p, part.filename, part.file);
            } else part.file.resume();
          }
          if (!spooled) throw new AppError('VALIDATION_FAILED', [{ path: 'file', message: 'required' }]);
          const input = parseFields(fields, c.p.userId);
          const saved = await service.attach(db, storages, c, { ...input, name }, spooled);
          if (input.entity === UPLOADS) await removeStaleUploads(db, storages, c.p);
          return reply.status(201).send(saved);
        } catch (err) {
          // refused before the whole body arrived (too large, wrong type, out of reach): answer now
          // and close the connection rather than read the rest of the upload
          if (!req.raw.complete) reply.header('connection', 'close');
          throw err;
        } finally {
          await service.discard(spooled);
        }
      },
    );

    app.get(
      '/files',
      {
        schema: docs(T, 'The files of a record, newest first', {
          querystring: fileListQuery,
          response: { 200: fileListResponse },
        }),
      },
      async (req) => ({
        data: await service.listFiles(db, principalOf(req), req.query.entity, req.query.entityId),
      }),
    );

    app.get(
      '/files/:id/content',
      {
        schema: docs(
          T,
          'Download a file (attachment); thumbnail=1: an image’s thumbnail, inline=1: an image shown in place',
          { params: idParams, querystring: fileContentQuery, response: { 200: z.any() } },
        ),
      },
      async (req, reply) => {
        const thumbnail = yes(req.query.thumbnail);
        const { row, stream } = await service.content(
          db,
          storages,
          principalOf(req),
          req.params.id,
          thumbnail,
        );
        const type = thumbnail ? 'image/webp' : row.mimeType;
        const inline = thumbnail || (yes(req.query.inline) && showable.has(type));
        reply
          .header('content-type', type)
          .header('content-disposition', disposition(inline ? 'inline' : 'attachment', row.name))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'private, max-age=0, must-revalidate')
          .header('etag', `"${row.sha256}${thumbnail ? '-t' : ''}"`);
        if (!thumbnail) reply.header('content-length', row.size);
        return reply.send(stream);
      },
    );

    app.delete(
      '/files/:id',
      {
        schema: docs(T, 'Delete a file (who may change its record)', {
          params: idParams,
          response: { 200: okResponse },
        }),
      },
      async (req) => {
        await service.deleteFile(db, storages, callerOf(req), req.params.id);
        return { ok: true as const };
      },
    );
  };
}
