import crypto from 'node:crypto';

/**
 * Unsubscribe links carry `<recipient id><mac>`: the recipient's uuid (16 bytes) and the first
 * 16 bytes of an HMAC-SHA256 of it under the tenant's link secret, each 22 base64url characters,
 * side by side (no dot: the web server takes a path with an extension for a file). Nothing else
 * (no address) is in the link; a changed id or mac is refused without telling which.
 */
const MAC_BYTES = 16;
/** Characters of each half (16 bytes in base64url). */
const PART = 22;

const mac = (secret: string, recipientId: string) =>
  crypto.createHmac('sha256', secret).update(`unsubscribe\0${recipientId}`).digest().subarray(0, MAC_BYTES);

const uuidBytes = (id: string) => Buffer.from(id.replace(/-/g, ''), 'hex');

export function unsubscribeToken(secret: string, recipientId: string): string {
  return uuidBytes(recipientId).toString('base64url') + mac(secret, recipientId).toString('base64url');
}

/** The recipient id a well-formed token names (its mac is checked by `tokenValid`). */
export function recipientOfToken(token: string): string | null {
  const bytes = Buffer.from(token.slice(0, PART), 'base64url');
  if (bytes.length !== 16) return null;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function tokenValid(secret: string, recipientId: string, token: string): boolean {
  const given = Buffer.from(token.slice(PART), 'base64url');
  const expected = mac(secret, recipientId);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** A fresh link secret (sealed before it is stored). */
export const newLinkSecret = () => crypto.randomBytes(32).toString('base64url');
