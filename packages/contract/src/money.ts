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

/** A quantity (数量): a decimal string, 3 decimals at most (`"3"`, `"0.5"`, `"12.125"`). */
export const QUANTITY_PATTERN = /^\d{1,12}(\.\d{1,3})?$/;
/** A quantity above 0. */
export const quantity = z
  .string()
  .trim()
  .regex(QUANTITY_PATTERN, 'a decimal number with at most 3 decimal places')
  .refine((s) => toScaled(s, 3) > 0n, 'must be more than 0');

/** A percentage from 0 to 100 with 2 decimals at most (a discount, a tax rate, a probability). */
export const percent = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, 'a percentage with at most 2 decimal places')
  .refine((s) => toScaled(s, 2) <= 10000n, 'at most 100');

/** A non-negative decimal string as an integer of `scale` decimals (`"1.5"`, 3 → 1500n). */
export function toScaled(s: string, scale: number): bigint {
  const negative = s.trim().startsWith('-');
  const [whole, fraction = ''] = s.trim().replace(/^-/, '').split('.');
  const v =
    BigInt(whole || '0') * 10n ** BigInt(scale) + BigInt(fraction.padEnd(scale, '0').slice(0, scale) || '0');
  return negative ? -v : v;
}

/** The decimal string of a scaled integer, trailing zeros kept (`1500n`, 3 → `"1.500"`). */
export function fromScaled(v: bigint, scale: number): string {
  const negative = v < 0n;
  const abs = negative ? -v : v;
  const unit = 10n ** BigInt(scale);
  const text = scale === 0 ? `${abs}` : `${abs / unit}.${String(abs % unit).padStart(scale, '0')}`;
  return negative ? `-${text}` : text;
}

/** `numerator / denominator` rounded half up (away from zero) to an integer. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}

/**
 * A line's amount: quantity × unit price × (100 − discount %) / 100, rounded half up to the cent —
 * what a spreadsheet's ROUND(q*p*(1-d/100), 2) gives (19.99 × 7 at 12.5% off = 122.44).
 */
export function lineAmount(quantityText: string, unitPrice: string, discountPercent = '0'): string {
  const numerator = toScaled(quantityText, 3) * toCents(unitPrice) * (10000n - toScaled(discountPercent, 2));
  return fromCents(divideHalfUp(numerator, 1000n * 10000n));
}

/** `percentText` % of an amount, rounded half up to the cent (13% of 1357.30 = 176.45). */
export const percentOf = (money: string, percentText: string): string =>
  fromCents(divideHalfUp(toCents(money) * toScaled(percentText, 2), 10000n));
