import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');
export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** API tokens look like `gx_<43 chars>`; the prefix tells them apart in lists. */
export const API_TOKEN_PREFIX = 'gx_';
export const newApiToken = () => `${API_TOKEN_PREFIX}${randomToken(32)}`;
