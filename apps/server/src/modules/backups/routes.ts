import multipart from '@fastify/multipart';
import {
  backupJob,
  backupSettings,
  backupSettingsView,
  idParams,
  okResponse,
  restoreJob,
  restoreMode,
  startBackup,
} from '@guanxi/contract';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/hook.ts';
import { AppError } from '../../platform/errors.ts';
import { type Api, actorOf, type Deps, docs } from '../../platform/http.ts';
import * as schedule from './schedule-service.ts';
import * as service from './service.ts';

const T = 'backups';
/** The largest archive a restore takes in one upload (it is held in memory while checked). */
const MAX_ARCHIVE = 512 * 1024 * 1024;

const restoreFields = z.object({ mode: restoreMode, confirm: z.string().max(64).optional() });

/** The upload: the archive (buffered: it is checked whole) and the fields, in any order. */
async function readRestoreUpload(req: FastifyRequest) {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
  const fields: Record<string, string> = {};
  let file: { name: string; data: Buffer } | undefined;
  for await (const part of req.parts()) {
    if (part.type === 'field') fields[part.fieldname] = String(part.value);
    else if (!file && part.fieldname === 'file') {
      file = { name: part.filename, data: await part.toBuffer() };
    } else part.file.resume();
  }
  if (!file) throw new AppError('VALIDATION_FAILED', [{ path: 'file', message: 'required' }]);
  const parsed = restoreFields.safeParse(fields);
  if (!parsed.success)
    throw new AppError(
      'VALIDATION_FAILED',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  return { ...parsed.data, file };
}

/** 备份/还原: archives of the tenant (or the whole system) as jobs, their download, restores, the schedule. */
export function backupRoutes({ db, jobs, config }: Deps) {
  return async (app: Api) => {
    await app.register(multipart, { limits: { fileSize: MAX_ARCHIVE, files: 1, fields: 5 } });
    const queue = () => {
      if (!jobs) throw new AppError('JOBS_UNAVAILABLE');
      return jobs;
    };
    const guard = { permission: 'system:backup' } as const;

    app.get(
      '/backups',
      {
        config: guard,
        schema: docs(T, 'The tenant’s backups, newest first', { response: { 200: z.array(backupJob) } }),
      },
      async (req) => service.listBackups(db, principalOf(req)),
    );
    app.post(
      '/backups',
      {
        config: guard,
        schema: docs(T, 'Start a backup of the tenant, or of the whole system (the default tenant only)', {
          body: startBackup,
          response: { 202: z.object({ id: z.string() }) },
        }),
      },
      async (req, reply) => {
        const p = principalOf(req);
        const who = { tenantId: p.tenantId, userId: p.userId, name: p.name };
        return reply.status(202).send(await service.startBackup(db, queue(), who, req.body.scope));
      },
    );
    app.get(
      '/backups/:id',
      {
        config: guard,
        schema: docs(T, 'A backup: status, size, checksum', {
          params: idParams,
          response: { 200: backupJob },
        }),
      },
      async (req) => service.getBackup(db, principalOf(req), req.params.id),
    );
    app.get(
      '/backups/:id/content',
      {
        config: guard,
        schema: docs(T, 'Download a finished backup archive (.tar.gz)', {
          params: idParams,
          response: { 200: z.string().describe('the archive') },
        }),
      },
      async (req, reply) => {
        const { fileName, stream } = await service.backupContent(
          db,
          actorOf(req),
          principalOf(req),
          req.params.id,
        );
        return reply
          .header('content-type', 'application/gzip')
          .header('content-disposition', `attachment; filename="${fileName}"`)
          .send(stream as never);
      },
    );
    app.delete(
      '/backups/:id',
      {
        config: guard,
        schema: docs(T, 'Delete a finished or failed backup and its archive (409 while it runs)', {
          params: idParams,
          response: { 200: okResponse },
        }),
      },
      async (req) => {
        await service.deleteBackup(db, actorOf(req), principalOf(req), req.params.id);
        return { ok: true as const };
      },
    );
    app.post(
      '/restores',
      {
        config: guard,
        schema: docs(
          T,
          'Restore an archive (multipart: file, mode replace-tenant|empty-system, confirm = the tenant code for replace-tenant)',
          { response: { 202: z.object({ id: z.string() }) } },
        ),
      },
      async (req, reply) => {
        const upload = await readRestoreUpload(req);
        const started = await service.startRestore(db, queue(), actorOf(req), {
          mode: upload.mode,
          confirm: upload.confirm,
          fileName: upload.file.name,
          archive: upload.file.data,
          serverKeyId: config.serverKey.id,
        });
        return reply.status(202).send(started);
      },
    );
    app.get(
      '/restores/:id',
      {
        config: guard,
        schema: docs(T, 'A restore: progress and result', {
          params: idParams,
          response: { 200: restoreJob },
        }),
      },
      async (req) => service.getRestore(db, principalOf(req), req.params.id),
    );
    app.get(
      '/backups/settings',
      {
        config: guard,
        schema: docs(T, 'The scheduled backup: daily hour (or off) and how many to keep', {
          response: { 200: backupSettingsView },
        }),
      },
      async (req) => schedule.getSettings(db, principalOf(req).tenantId),
    );
    app.put(
      '/backups/settings',
      {
        config: guard,
        schema: docs(T, 'Set the scheduled backup', {
          body: backupSettings,
          response: { 200: backupSettingsView },
        }),
      },
      async (req) => schedule.putSettings(db, actorOf(req), req.body),
    );
  };
}
