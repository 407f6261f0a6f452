/**
 * What the log may say about an error: never a statement's parameters. A failing statement carries
 * them in three places — drizzle's DrizzleQueryError (`params`, and its message
 * `Failed query: … \nparams: …`, repeated in its stack) and the database error's `detail`
 * (`Key (token_hash)=(…) already exists`, `Failing row contains (…)`) — and they hold a new
 * user's password hash, an API token's hash, any personal data. The logger's error serializer
 * (app.ts) runs every logged error through here: the SQL text, the database's message, code,
 * constraint, table and column stay (what one needs to diagnose), the values go.
 */

export const REDACTED = '[redacted]';

type Serialized = { [key: string]: unknown };

const PARAMS_IN_MESSAGE = /\nparams: [\s\S]*$/;

/** A database error's detail without the values it quotes. */
export function redactDetail(detail: string): string {
  // Key (a, b)=(v1, v2) already exists. | … is not present in table "t". | … is still referenced …
  const key = /^Key \(([^)]*)\)=\(/.exec(detail);
  if (key) {
    const end = detail.lastIndexOf(') ');
    return `Key (${key[1]})=(${REDACTED})${end > key[0].length ? detail.slice(end + 1) : ''}`;
  }
  return REDACTED;
}

/** The message without drizzle's `params: …` tail (also for what the CLI prints). */
export const redactMessage = (message: string) => message.replace(PARAMS_IN_MESSAGE, `\nparams: ${REDACTED}`);

/**
 * An error as the log shows it (type, message, stack, code and the other own fields, its cause),
 * with statement parameters redacted at every level of the cause chain.
 */
export function serializeError(err: unknown, seen = new Set<unknown>()): unknown {
  if (!(err instanceof Error) && (err === null || typeof err !== 'object')) return err;
  if (seen.has(err)) return '[Circular]';
  seen.add(err);
  const e = err as Error & Record<string, unknown>;
  const out: Serialized = {};
  if (err instanceof Error) {
    out.type = e.constructor?.name ?? e.name;
    out.message = redactMessage(String(e.message));
    out.stack =
      typeof e.stack === 'string' ? e.stack.split(String(e.message)).join(String(out.message)) : undefined;
  }
  for (const [key, value] of Object.entries(e)) {
    if (key === 'message' || key === 'stack') continue;
    if (key === 'params' || key === 'parameters' || key === 'values') out[key] = REDACTED;
    else if (key === 'detail' && typeof value === 'string') out[key] = redactDetail(value);
    else if (key === 'cause' || value instanceof Error) out[key] = serializeError(value, seen);
    else if (typeof value !== 'function') out[key] = value;
  }
  // `cause` set by the Error constructor is not enumerable on every runtime
  if (e.cause !== undefined && !('cause' in out)) out.cause = serializeError(e.cause, seen);
  return out;
}

/** The logger's serializer of `err` (and `error`) fields: serializeError in pino's shape. */
export function logErrorSerializer(err: unknown): {
  [key: string]: unknown;
  type: string;
  message: string;
  stack: string;
} {
  const out = serializeError(err);
  if (out === null || typeof out !== 'object') return { type: typeof err, message: String(err), stack: '' };
  const o = out as Serialized;
  return {
    ...o,
    type: String(o.type ?? 'Object'),
    message: String(o.message ?? ''),
    stack: String(o.stack ?? ''),
  };
}
