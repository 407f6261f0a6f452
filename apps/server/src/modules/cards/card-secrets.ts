import crypto from 'node:crypto';
import { cardLimits } from '@guanxi/contract';

/**
 * Card secrets are 16 random digits, stored only as HMAC-SHA256 under the batch's own key (kept
 * sealed with the server key). A fast keyed hash is enough here, unlike passwords: the secrets are
 * uniformly random (10^16 of them), not chosen by people, so there is no dictionary to try, and
 * without the key a stolen hash cannot even be tested offline. A slow hash would cost seconds per
 * 10,000-card batch for nothing. Compared in constant time.
 */

const MAC_KEY_BYTES = 32;

export const newMacKey = () => crypto.randomBytes(MAC_KEY_BYTES).toString('base64url');

/** 16 uniformly random digits (crypto.randomInt has no modulo bias). */
export function newSecret(): string {
  let s = '';
  for (let i = 0; i < cardLimits.secretDigits; i++) s += crypto.randomInt(10);
  return s;
}

export const hashSecret = (macKey: string, secret: string) =>
  crypto.createHmac('sha256', Buffer.from(macKey, 'base64url')).update(`card\0${secret}`).digest('hex');

export function secretMatches(macKey: string, secret: string, hash: string): boolean {
  const given = Buffer.from(hashSecret(macKey, secret), 'hex');
  const expected = Buffer.from(hash, 'hex');
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** The Luhn check digit of a digit string (catches a mistyped digit or swapped neighbours). */
export function luhnDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/** Card number: the batch's 4-digit (or longer) prefix, a 5-digit sequence, the Luhn digit. */
export function cardNumberOf(prefix: string, seq: number): string {
  const body = prefix + String(seq).padStart(5, '0');
  return body + luhnDigit(body);
}
