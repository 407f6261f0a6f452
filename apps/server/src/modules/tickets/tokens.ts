import crypto from 'node:crypto';

/**
 * The customer's no-login link to a ticket carries `<ticket id><mac>`: the ticket's uuid (16 bytes)
 * and the first 16 bytes of an HMAC-SHA256 of it under the tenant's ticket link secret, each 22
 * base64url characters. A changed id or mac is refused (404) without telling which.
 */
const MAC_BYTES = 16;
const PART = 22;

const mac = (secret: string, ticketId: string) =>
  crypto.createHmac('sha256', secret).update(`ticket\0${ticketId}`).digest().subarray(0, MAC_BYTES);

export function ticketToken(secret: string, ticketId: string): string {
  return (
    Buffer.from(ticketId.replace(/-/g, ''), 'hex').toString('base64url') +
    mac(secret, ticketId).toString('base64url')
  );
}

/** The ticket id a well-formed token names (its mac is checked by `tokenValid`). */
export function ticketOfToken(token: string): string | null {
  if (token.length !== PART * 2) return null;
  const bytes = Buffer.from(token.slice(0, PART), 'base64url');
  if (bytes.length !== 16) return null;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function tokenValid(secret: string, ticketId: string, token: string): boolean {
  const given = Buffer.from(token.slice(PART), 'base64url');
  const expected = mac(secret, ticketId);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** A fresh link secret (sealed before it is stored). */
export const newLinkSecret = () => crypto.randomBytes(32).toString('base64url');
