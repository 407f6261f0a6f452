import { type ErrorCode, type ErrorResponse, errorCatalog } from '@guanxi/contract';
import { currentLanguage } from './i18n.ts';

export const API_BASE = '/api/v1';

/** A failed API call: the server's stable `code`, its localised `message` and field `details`. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: { path: string; message: string }[];
  /** The whole body, for codes that carry more (e.g. DUPLICATE_CUSTOMER's matches). */
  readonly body: ErrorResponse;

  constructor(status: number, body: ErrorResponse) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.details = Array.isArray(body.details) ? body.details : [];
    this.body = body;
  }
}

export function isApiError(error: unknown, code?: ErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}

let csrfToken: string | null = null;

/** Kept from the login and `/auth/me` answers; sent on every mutating request. */
export function setCsrfToken(token: string | null) {
  csrfToken = token;
}

type Handlers = {
  onUnauthenticated?: () => void;
  onPasswordChangeRequired?: () => void;
  onTotpEnrolmentRequired?: () => void;
};
let handlers: Handlers = {};

/** The app registers where to send the user when the server says so. */
export function setApiHandlers(next: Handlers) {
  handlers = next;
}

export type QueryValue = string | number | boolean | null | undefined | readonly string[];
export type QueryParams = Record<string, QueryValue>;

export function toSearch(query?: QueryParams): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

type RequestOptions = {
  query?: QueryParams;
  body?: unknown;
  signal?: AbortSignal;
  /** Do not redirect on 401 (the login form handles its own errors). */
  noRedirect?: boolean;
  /** Extra request headers (e.g. `Idempotency-Key`). */
  headers?: Record<string, string>;
};

function fallbackError(status: number): ErrorResponse {
  const lang = currentLanguage();
  const code: ErrorCode =
    status === 0 ? 'SERVICE_UNAVAILABLE' : status >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST';
  return { code, message: errorCatalog[code][lang] };
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': currentLanguage(),
  };
  // FormData (uploads) sets its own multipart content type
  const isForm = options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  Object.assign(headers, options.headers);
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}${toSearch(options.query)}`, {
      method,
      headers,
      credentials: 'same-origin',
      body:
        options.body === undefined
          ? undefined
          : isForm
            ? (options.body as FormData)
            : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, fallbackError(0));
  }

  const text = await response.text();
  let payload: unknown = null;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = null;
    }
  }

  if (!response.ok) {
    const body =
      payload && typeof payload === 'object' && 'code' in payload && 'message' in payload
        ? (payload as ErrorResponse)
        : fallbackError(response.status);
    const error = new ApiError(response.status, body);
    if (!options.noRedirect) {
      if (error.code === 'UNAUTHENTICATED') handlers.onUnauthenticated?.();
      else if (error.code === 'PASSWORD_CHANGE_REQUIRED') handlers.onPasswordChangeRequired?.();
      else if (error.code === 'TOTP_ENROLMENT_REQUIRED') handlers.onTotpEnrolmentRequired?.();
    }
    throw error;
  }
  return payload as T;
}

/**
 * A multipart upload that reports its progress (0–100) as it sends, which fetch cannot: an
 * XMLHttpRequest with the same headers and the same errors as `request`.
 */
export function uploadWithProgress<T>(
  path: string,
  form: FormData,
  onProgress: (percent: number) => void,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Accept-Language', currentLanguage());
    if (csrfToken) xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
    };
    const fail = (status: number) => {
      let body: ErrorResponse = fallbackError(status);
      try {
        const parsed = JSON.parse(xhr.responseText);
        if (parsed && typeof parsed === 'object' && 'code' in parsed && 'message' in parsed) body = parsed;
      } catch {
        // not JSON: the fallback says what kind of failure it was
      }
      const error = new ApiError(status, body);
      if (error.code === 'UNAUTHENTICATED') handlers.onUnauthenticated?.();
      reject(error);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve(JSON.parse(xhr.responseText) as T);
        } catch {
          fail(xhr.status);
        }
      } else fail(xhr.status);
    };
    // a refused upload may close the connection before the browser reads the answer
    xhr.onerror = () => fail(0);
    xhr.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

export const api = {
  get: <T>(path: string, query?: QueryParams, signal?: AbortSignal) =>
    request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string, query?: QueryParams) => request<T>('DELETE', path, { query }),
  /** A multipart upload (file plus fields). */
  upload: <T>(path: string, form: FormData, headers?: Record<string, string>) =>
    request<T>('POST', path, { body: form, headers }),
};
