import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, type ErrorDetail } from './errors.ts';

/**
 * Characters no text of the API may carry: U+0000 (PostgreSQL's `text` and `jsonb` cannot hold it)
 * and the other C0 controls but tab, line feed and carriage return (an XLSX file — XML 1.0 —
 * cannot hold them, and no one types them). Tab, LF and CR stay allowed: multi-line text has them.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
export const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

export const CONTROL_MESSAGE = 'must not contain control characters (U+0000–U+001F except tab, LF, CR)';

/**
 * The path of the first string (value or object key) in `value` that carries a forbidden
 * control character, or undefined. Walks without recursion, so no nesting depth overflows it.
 */
export function controlCharacterPath(value: unknown, prefix: string[] = []): string | undefined {
  const stack: [unknown, string[]][] = [[value, prefix]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (FORBIDDEN_CONTROL.test(v)) return path.join('.');
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], [...path, String(i)]]);
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, item] = entries[i];
        if (FORBIDDEN_CONTROL.test(key)) return [...path, key.replace(FORBIDDEN_CONTROL, '?')].join('.');
        stack.push([item, [...path, key]]);
      }
    }
  }
  return undefined;
}

/** The request's params, query and body checked as the validation errors name them. */
function controlCharacterIn(req: FastifyRequest): ErrorDetail | undefined {
  const parts: [unknown, string[]][] = [
    [req.params, ['params']],
    [req.query, ['querystring']],
    [req.body, []], // body fields by their own name, as forms map them
  ];
  for (const [value, prefix] of parts) {
    const path = controlCharacterPath(value, prefix);
    if (path !== undefined) return { path: path || 'body', message: CONTROL_MESSAGE };
  }
  return undefined;
}

/**
 * One rule at the edge, for every route of every module: a NUL or another forbidden control
 * character in params, query or a parsed body is `400 VALIDATION_FAILED` with the field's path,
 * before the route's validation, its handler or the database run. (Multipart fields are read by
 * their route; a NUL that reaches PostgreSQL there is still a 400, see errors.ts.)
 */
export function registerInputGuard(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    const detail = controlCharacterIn(req);
    if (detail) throw new AppError('VALIDATION_FAILED', [detail]);
  });
}
