import { type ErrorCode, errorCatalog, errorMessage } from '@guanxi/contract';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { localeFrom } from './i18n.ts';

export type ErrorDetail = { path: string; message: string };

/** A failure with a stable code; the handler turns it into `{code, message, details}`. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: ErrorDetail[] | Record<string, unknown>,
    /** Extra fields merged into the body (e.g. `matches` of a duplicate). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(code);
    this.status = errorCatalog[code].status;
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const conflict = () => new AppError('CONFLICT');
export const forbidden = () => new AppError('FORBIDDEN');
export const invalid = (path: string, message: string) =>
  new AppError('VALIDATION_FAILED', [{ path, message }]);

/** PostgreSQL errors caused by input that slipped past validation (never a 500). */
function fromPostgres(err: { code?: string }): AppError | undefined {
  switch (err.code) {
    case '23505':
      return new AppError('CONFLICT');
    case '23503':
    case '23502':
    case '23514':
    case '22P02':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22021': // a NUL or a byte sequence the database cannot hold (input-guard.ts refuses them first)
    case '22P05':
      return new AppError('VALIDATION_FAILED');
    case '40001':
    case '40P01':
      return new AppError('CONFLICT');
    case '57014': // statement_timeout (db/statement-timeout.ts): an expensive read gave up
      return new AppError('QUERY_TIMEOUT');
    default:
      return undefined;
  }
}

/** What busboy (under @fastify/multipart) throws for a malformed multipart body: plain Errors. */
const MALFORMED_MULTIPART =
  /^(Multipart: Boundary not found|Boundary required|Unsupported Content-Type\.|Unexpected end of multipart data|.* terminated early due to unexpected end of multipart data)$/;

function fromFastify(err: FastifyError): AppError | undefined {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('PAYLOAD_TOO_LARGE');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('UNSUPPORTED_MEDIA_TYPE');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('BAD_REQUEST');
    default:
      break;
  }
  if (err.statusCode === 429) return new AppError('RATE_LIMITED');
  if (err instanceof SyntaxError || (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)) {
    return new AppError('BAD_REQUEST');
  }
  return undefined;
}

export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((raw, request, reply) => {
    const locale = localeFrom(request.headers['accept-language']);
    const err = raw as FastifyError & { code?: string };
    let appError: AppError | undefined;
    if (err instanceof AppError) appError = err;
    else if (hasZodFastifySchemaValidationErrors(err)) {
      appError = new AppError(
        'VALIDATION_FAILED',
        err.validation.map((v) => ({
          // body fields by their own name (forms map them); query and params prefixed
          path: [
            err.validationContext === 'body' ? undefined : err.validationContext,
            ...v.instancePath.split('/').filter(Boolean),
          ]
            .filter(Boolean)
            .join('.'),
          message: v.message ?? 'invalid',
        })),
      );
    } else if (!isResponseSerializationError(err)) {
      // drizzle wraps driver errors: the PostgreSQL code is on the cause
      const cause = (err as { cause?: { code?: string } }).cause;
      appError = fromPostgres(err) ?? (cause ? fromPostgres(cause) : undefined) ?? fromFastify(err);
      if (
        !appError &&
        /^multipart\//i.test(request.headers['content-type'] ?? '') &&
        MALFORMED_MULTIPART.test(err.message)
      )
        appError = new AppError('BAD_REQUEST');
    }
    if (!appError) {
      request.log.error({ err }, 'unhandled error');
      appError = new AppError('INTERNAL_ERROR');
    } else if (appError.status >= 500) {
      request.log.error({ err }, 'server error');
    }
    reply.status(appError.status).send({
      code: appError.code,
      message: errorMessage(appError.code, locale),
      ...(appError.details ? { details: appError.details } : {}),
      ...appError.extra,
    });
  });
  app.setNotFoundHandler((request, reply) => {
    const locale = localeFrom(request.headers['accept-language']);
    reply.status(404).send({ code: 'NOT_FOUND', message: errorMessage('NOT_FOUND', locale) });
  });
}
