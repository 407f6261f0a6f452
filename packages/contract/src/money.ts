import { z } from 'zod';
import { MONEY_PATTERN } from './limits.ts';

/**
 * Money as exact decimal strings (`"1234.50"`), summed in integer cents (BigInt) — never floats,
 * where 0.10 + 0.20 is not 0.30. Server and web both use these.
 */

/** An amount that is not negative, 2 decimals at most (`"3000"`, `"0.5"`, `"1234.50"`). */
export const amount = z
  .string()
  .trim()
  .regex(MONEY_PATTERN, 'a decimal number with at most 2 decimal places')
  .refine((s) => !s.startsWith('-'), 'must not be negative');

/** Integer cents of a decimal string (`"12.3"` → 1230n). */
export function toCents(s: string): bigint {
  const negative = s.trim().startsWith('-');
  const [whole, fraction = ''] = s.trim().replace(/^-/, '').split('.');
  const cents = BigInt(whole || '0') * 100n + BigInt(fraction.padEnd(2, '0').slice(0, 2));
  return negative ? -cents : cents;
}

/** The decimal string of cents, always with 2 decimals (`1230n` → `"12.30"`). */
export function fromCents(c: bigint): string {
  const negative = c < 0n;
  const abs = negative ? -c : c;
  const text = `${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

/** The exact sum of decimal strings, with 2 decimals. */
export const sumMoney = (values: readonly string[]): string =>
  fromCents(values.reduce((total, v) => total + toCents(v), 0n));

/** `"3000"` → `"3000.00"`. */
export const normalizeMoney = (s: string): string => fromCents(toCents(s));
