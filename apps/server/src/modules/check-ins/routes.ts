import fsp from 'node:fs/promises';
import type { Readable } from 'node:stream';
import multipart from '@fastify/multipart';
import {
  attendanceQuery,
  attendanceResponse,
  checkIn,
  checkInItem,
  checkInListQuery,
  checkInListResponse,
  createCheckIn,
  errorResponse,
  fileSizeLimits,
  idParams,
  nearbyCustomersQuery,
  nearbyCustomersResponse,
  setCustomerLocationResponse,
} from '@guanxi/contract';
import type { Db } from '../../db/client.ts';
import { principalOf } from '../../platform/auth/hook.ts';
import type { Principal } from '../../platform/auth/principal.ts';
import { callerOf } from '../../platform/caller.ts';
import { AppError } from '../../platform/errors.ts';
import { type Api, type Deps, docs } from '../../platform/http.ts';
import { CONTROL_MESSAGE, controlCharacterPath } from '../../platform/input-guard.ts';
import { fileStorages } from '../files/record-files-service.ts';
import { discard, type Spooled, spool } from '../files/service.ts';
import * as attendance from './attendance-service.ts';
import { amapGeocoder } from './geo.ts';
import * as service from './service.ts';

const T = 'check-ins';

function parseFields(fields: Record<string, string>) {
  // multipart fields pass no input guard of their own: the same rule here
  const bad = controlCharacterPath(fields);
  if (bad !== undefined) throw new AppError('VALIDATION_FAILED', [{ path: bad, message: CONTROL_MESSAGE }]);
  const parsed = createCheckIn.safeParse(fields);
  if (!parsed.success)
    throw new AppError(
      'VALIDATION_FAILED',
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  return parsed.data;
}

/** The photo through the files module's spool (the tenant's size limit, type by magic bytes). */
async function spoolPhoto(db: Db, p: Principal, name: string, file: Readable) {
  try {
    return await spool(db, p, name, file);
  } catch (err) {
    // a type no attachment may have (HTML, a program …) is no photo either
    if (err instanceof AppError && err.code === 'FILE_TYPE_NOT_ALLOWED') throw new AppError('INVALID_PHOTO');
    throw err;
  }
}

/** 签到 and 考勤. */
export function checkInRoutes({ db, config }: Deps) {
  const checkInDeps: service.CheckInDeps = {
    storages: fileStorages(db, config.s3),
    geocoder: config.amapKey ? amapGeocoder(config.amapKey) : undefined,
  };
  return async (app: Api) => {
    await app.register(multipart, {
      // the tenant's file limit is applied while the photo streams (files' spool)
      limits: { fileSize: fileSizeLimits.max + 1, files: 1, fields: 10, fieldSize: 4000, parts: 12 },
    });

    app.post(
      '/check-ins',
      {
        config: { permission: 'check-ins:create' },
        schema: docs(
          T,
          'Check in (multipart: type, lat, lng, accuracy, capturedAt, customerId?, planId?, note?, photo; header Idempotency-Key) — a replay of the key answers the same record (200)',
          {
            response: {
              200: checkIn.describe('A replay: the record this Idempotency-Key made'),
              201: checkIn,
              413: errorResponse.describe('FILE_TOO_LARGE'),
              422: errorResponse.describe(
                'CHECKIN_OUT_OF_RANGE (details: distanceMeters, radiusMeters), IDEMPOTENCY_KEY_REUSED',
              ),
            },
          },
        ),
      },
      async (req, reply) => {
        const key = req.headers['idempotency-key'];
        if (typeof key !== 'string' || !key.trim()) throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
        if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE');
        const c = callerOf(req);
        const fields: Record<string, string> = {};
        let spooled: Spooled | undefined;
        let name = '';
        try {
          for await (const part of req.parts()) {
            if (part.type === 'field') fields[part.fieldname] = String(part.value);
            else if (!spooled && part.fieldname === 'photo') {
              name = part.filename || 'photo';
              spooled = await spoolPhoto(db, c.p, name, part.file);
            } else part.file.resume();
          }
          const input = parseFields(fields);
          const photo = spooled
            ? {
                name,
                data: await fsp.readFile(spooled.file),
                mimeType: spooled.mimeType,
                sha256: spooled.sha256,
              }
            : null;
          const { item, created } = await service.createCheckIn(db, checkInDeps, c, key.trim(), input, photo);
          return reply.status(created ? 201 : 200).send(item);
        } catch (err) {
          if (!req.raw.complete) reply.header('connection', 'close');
          throw err;
        } finally {
          await discard(spooled);
        }
      },
    );

    app.get(
      '/check-ins',
      {
        config: { permission: 'check-ins:view' },
        schema: docs(T, 'Check-ins in my scope, newest first (date: a day in the tenant’s time zone)', {
          querystring: checkInListQuery,
          response: { 200: checkInListResponse },
        }),
      },
      async (req) => service.listCheckIns(db, callerOf(req), req.query),
    );

    app.get(
      '/check-ins/nearby-customers',
      {
        config: { permission: 'check-ins:create' },
        schema: docs(T, 'Customers I can see that have a location, nearest first (附近客户)', {
          querystring: nearbyCustomersQuery,
          response: { 200: nearbyCustomersResponse },
        }),
      },
      async (req) => ({ data: await service.nearbyCustomers(db, principalOf(req), req.query) }),
    );

    app.get(
      '/check-ins/:id',
      {
        config: { permission: 'check-ins:view' },
        schema: docs(T, 'One check-in in my scope', { params: idParams, response: { 200: checkInItem } }),
      },
      async (req) => service.getCheckIn(db, principalOf(req), req.params.id),
    );

    app.post(
      '/check-ins/:id/set-customer-location',
      {
        config: { permission: 'check-ins:view' },
        schema: docs(
          T,
          '设为客户位置: the visited customer takes the check-in’s coordinates (needs customers:edit on the customer)',
          { params: idParams, response: { 200: setCustomerLocationResponse } },
        ),
      },
      async (req) => service.setCustomerLocation(db, callerOf(req), req.params.id),
    );

    app.get(
      '/attendance',
      {
        config: { permission: 'attendance:view' },
        schema: docs(T, 'A day’s attendance of the people in my attendance scope (default today)', {
          querystring: attendanceQuery,
          response: { 200: attendanceResponse },
        }),
      },
      async (req) => attendance.attendance(db, callerOf(req), req.query.date),
    );

    app.get(
      '/attendance/:id',
      {
        config: { permission: 'attendance:view' },
        schema: docs(T, 'One person’s attendance on a day (404 outside my attendance scope)', {
          params: idParams,
          querystring: attendanceQuery,
          response: { 200: attendanceResponse },
        }),
      },
      async (req) => attendance.attendanceOf(db, callerOf(req), req.params.id, req.query.date),
    );
  };
}
