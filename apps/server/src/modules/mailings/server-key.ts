import type { ServerKey } from '../../platform/secrets.ts';

/**
 * The server key, for the job that delivers mailings: a job gets the database and a logger, not
 * the settings, and it must open the SMTP password and the link secret. The module's routes hand
 * the key over when the app is built (before any job runs), from the same settings.
 */
let key: ServerKey | undefined;

export function useServerKey(k: ServerKey) {
  key = k;
}

export function serverKey(): ServerKey {
  if (!key) throw new Error('mailings: the server key was not handed over (routes not registered)');
  return key;
}
