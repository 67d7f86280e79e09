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

/** 1850000000 cents in EUR → "18500000.00". */
export function minorToDecimal(minor: number, currency: CurrencyCode): string {
  const digits = CURRENCY_MINOR_UNITS[currency];
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  if (digits === 0) return sign + text;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
