/**
 * Exact money: decimals as strings at the API, integers in minor units in the database.
 * Floats never touch an amount.
 */
import { CURRENCY_MINOR_UNITS, type CurrencyCode } from './domain.ts';

/** An exact decimal written out: "18500000.00", "-3", "0.5" (no exponent, no thousands separator). */
export const DECIMAL = /^-?\d+(\.\d+)?$/;
/** The same without a sign, for amounts: what is reported as money is never negative. */
export const NON_NEGATIVE_DECIMAL = /^\d+(\.\d+)?$/;

export function isCurrencyCode(code: string): code is CurrencyCode {
  return Object.hasOwn(CURRENCY_MINOR_UNITS, code);
}

/** "18500000.00" in EUR → 1850000000 (cents). Throws when the text is not an exact amount. */
export function decimalToMinor(decimal: string, currency: CurrencyCode): number {
  const digits = CURRENCY_MINOR_UNITS[currency];
  if (!NON_NEGATIVE_DECIMAL.test(decimal)) {
    throw new Error(`"${decimal}" is not a non-negative decimal such as "18500000.00"`);
  }
  const [whole = '0', fraction = ''] = decimal.split('.');
  if (fraction.length > digits) {
    throw new Error(`"${decimal}" has more than ${digits} decimal places, the minor unit of ${currency}`);
  }
  const minor = BigInt(whole) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0');
  if (minor > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`"${decimal}" is too large`);
  return Number(minor);
}

/**
 * A whole number of minor units: a JS number for one stored amount (at most 2^53 − 1, see
 * decimalToMinor), a bigint or a string of digits for a sum, which can pass 2^53 — the database
 * hands sums over as text (see src/schema/stats/money.ts) so no float ever holds one.
 */
export type Minor = number | bigint | string;

/**
 * The largest sum of minor units SQLite adds exactly: its sum() works in 64-bit integers and
 * fails ("integer overflow") past this rather than rounding. Over 92 quadrillion euros.
 */
export const MAX_SUM_MINOR = 2n ** 63n - 1n;

const INTEGER = /^-?\d+$/;

/** 1850000000 cents in EUR → "18500000.00"; the same from "1850000000" or 1850000000n, digit by digit. */
export function minorToDecimal(minor: Minor, currency: CurrencyCode): string {
  if (typeof minor === 'number' && !Number.isSafeInteger(minor)) {
    throw new Error(`${minor} is not an exact whole number of minor units`);
  }
  const written = String(minor);
  if (!INTEGER.test(written)) throw new Error(`"${written}" is not a whole number of minor units`);
  const digits = CURRENCY_MINOR_UNITS[currency];
  const sign = written.startsWith('-') ? '-' : '';
  const text = written.slice(sign.length).padStart(digits + 1, '0');
  if (digits === 0) return sign + text;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
