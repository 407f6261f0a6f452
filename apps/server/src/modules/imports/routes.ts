import { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import {
  idParams,
  importEntities,
  importJob,
  importMapping,
  importModes,
  importPreview,
} from '@guanxi/contract';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/hook.ts';
import { AppError } from '../../platform/errors.ts';
import { type Api, type Deps, docs } from '../../platform/http.ts';
import { localeFrom } from '../../platform/i18n.ts';
import { formatOf } from './read-rows.ts';
import * as service from './service.ts';

const T = 'imports';
const MAX_FILE = 50 * 1024 * 1024;
const PREVIEW_BYTES = 4 * 1024 * 1024;

const startFields = z.object({
  entity: z.enum(importEntities),
  mode: z.enum(importModes).default('skip'),
  mapping: z.string().transform((s, ctx) => {
    try {
      return importMapping.parse(JSON.parse(s));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'mapping must be a JSON object {header: field}' });
      return z.NEVER;
    }
  }),
});
const previewFields = startFields.extend({
  mapping: startFields.shape.mapping.optional(),
  mode: z.string().optional(),
});

/**
 * Reads a multipart request: text fields and one file. The file is handed over as a stream the
 * moment it arrives (fields sent after it are still read), so nothing is buffered whole.
 */
async function readMultipart(
  req: FastifyRequest,
  onFile: (file: { filename: string; stream: Readable }, fields: Record<string, string>) => Promise<void>,
) {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const fields: Record<string, string> = {};
  let sawFile = false;
  for await (const part of req.parts()) {
    if (part.type === 'field') fields[part.fieldname] = String(part.value);
    else if (!sawFile && part.fieldname === 'file') {
      sawFile = true;
      await onFile({ filename: part.filename, stream: part.file }, fields);
      if (part.file.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
    } else part.file.resume();
  }
  if (!sawFile) throw new AppError('VALIDATION_FAILED', [{ path: 'file', message: 'required' }]);
  return fields;
}

function parseFields<S extends z.ZodType>(schema: S, fields: Record<string, string>): z.infer<S> {
  const parsed = schema.safeParse(fields);
  if (!parsed.success)
    throw new AppError(
      'VALIDATION_FAILED',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  return parsed.data;
}

function formatFor(filename: string) {
  const format = formatOf(filename);
  if (!format) throw new AppError('IMPORT_FILE_INVALID', [{ path: 'file', message: filename }]);
  return format;
}

export function importRoutes({ db, jobs }: Deps) {
  return async (app: Api) => {
    await app.register(multipart, {
      limits: { fileSize: MAX_FILE, files: 1, fields: 10, fieldSize: 100_000 },
    });
    // Each entity has its own import permission (customers:import for customers and contacts,
    // leads:import), which one route guard cannot say: these routes need any of them, and the
    // service checks the entity's own when a file is previewed, started or resumed (403).
    app.addHook('preHandler', async (req) => {
      if (!service.mayImport(principalOf(req))) throw new AppError('FORBIDDEN');
    });

    app.post(
      '/imports/preview',
      {
        schema: docs(
          T,
          'Headers, first rows, suggested mapping and their problems (multipart: file, entity, mapping?); customers:import or leads:import by entity',
          {
            response: { 200: importPreview },
          },
        ),
      },
      async (req) => {
        // the file may come before the fields: keep its first bytes (enough for 20 rows), decide after all parts
        const head: Buffer[] = [];
        let filename = '';
        const fields = await readMultipart(req, async (file) => {
          filename = file.filename;
          let size = 0;
          for await (const piece of file.stream as AsyncIterable<Buffer>) {
            if (size < PREVIEW_BYTES) head.push(piece);
            size += piece.length;
          }
        });
        const input = parseFields(previewFields, fields);
        return service.preview(db, principalOf(req), localeFrom(req.headers['accept-language']), {
          entity: input.entity,
          format: formatFor(filename),
          file: Readable.from(head),
          mapping: input.mapping,
        });
      },
    );

    app.post(
      '/imports',
      {
        schema: docs(
          T,
          'Start an import (multipart: file, entity, mapping JSON, mode); honours Idempotency-Key; customers:import or leads:import by entity',
          {
            headers: z.object({ 'idempotency-key': z.string().min(8).max(100).optional() }),
            response: { 202: z.object({ id: z.string() }), 200: z.object({ id: z.string() }) },
          },
        ),
      },
      async (req, reply) => {
        const p = principalOf(req);
        const locale = localeFrom(req.headers['accept-language']);
        const idempotencyKey = req.headers['idempotency-key'];
        let started: { id: string; repeated: boolean } | undefined;
        const fields = await readMultipart(req, async (file, early) => {
          // fields sent before the file: validate now and stream the file straight to storage
          const input = parseFields(startFields, early);
          started = await service.start(
            db,
            jobs,
            p,
            locale,
            { ...input, fileName: file.filename, format: formatFor(file.filename), idempotencyKey },
            file.stream,
          );
          file.stream.resume();
        });
        if (!started) parseFields(startFields, fields); // reports what was missing
        return reply.status(started!.repeated ? 200 : 202).send({ id: started!.id });
      },
    );

    app.get(
      '/imports',
      {
        schema: docs(T, 'My latest imports (any import permission)', {
          response: { 200: z.object({ data: z.array(importJob) }) },
        }),
      },
      async (req) => ({ data: await service.listImports(db, principalOf(req)) }),
    );

    app.get(
      '/imports/:id',
      {
        schema: docs(T, 'Progress and report of one of my imports', {
          params: idParams,
          response: { 200: importJob },
        }),
      },
      async (req) => service.getImport(db, principalOf(req), req.params.id),
    );

    app.post(
      '/imports/:id/resume',
      {
        schema: docs(T, 'Continue an interrupted import after the rows already imported', {
          params: idParams,
          response: { 200: importJob },
        }),
      },
      async (req) =>
        service.resume(db, jobs, principalOf(req), localeFrom(req.headers['accept-language']), req.params.id),
    );

    app.get(
      '/imports/:id/errors.csv',
      {
        schema: docs(T, 'The per-row error report as CSV', {
          params: idParams,
          response: { 200: z.string() },
        }),
      },
      async (req, reply) => {
        const csv = await service.errorReport(db, principalOf(req), req.params.id);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="import-${req.params.id}-errors.csv"`)
          .send(csv);
      },
    );
  };
}
