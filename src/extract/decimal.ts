/**
 * Exact decimals from reported numbers ("18.5" × million, "1,250,000"): digit strings and BigInt,
 * never floats, so "€18.5 million" is exactly "18500000.00".
 */
import { CURRENCY_MINOR_UNITS, type CurrencyCode } from '../domain.ts';

const MULTIPLIERS: Record<string, number> = {
  thousand: 3,
  k: 3,
  million: 6,
  mn: 6,
  m: 6,
  billion: 9,
  bn: 9,
  trillion: 12,
  tn: 12,
};

/** The power of ten a multiplier word stands for ("bn" → 9), or 0 for none. */
export function multiplierExponent(word: string | undefined): number {
  return word ? (MULTIPLIERS[word.toLowerCase()] ?? 0) : 0;
}

/** "1,250.5" with exponent 6 → { digits: 12505000000n, scale: 1 } (i.e. 1250500000.0). */
function scaled(number: string, exponent: number): { digits: bigint; scale: number } {
  const [whole = '0', fraction = ''] = number.replace(/[,\s\u202f]/g, '').split('.');
  const shift = Math.min(exponent, fraction.length);
  const digits = BigInt(whole + fraction) * 10n ** BigInt(exponent - shift);
  return { digits, scale: fraction.length - shift };
}

/** The exact amount with the currency's minor units: ("18.5", 6, "EUR") → "18500000.00". */
export function decimalAmount(number: string, exponent: number, currency: CurrencyCode): string {
  const minor = CURRENCY_MINOR_UNITS[currency];
  const { digits, scale } = scaled(number, exponent);
  // Rounding is never needed for reported money; more decimals than minor units are cut.
  const inMinor = scale <= minor ? digits * 10n ** BigInt(minor - scale) : digits / 10n ** BigInt(scale - minor);
  const text = inMinor.toString().padStart(minor + 1, '0');
  return minor === 0 ? text : `${text.slice(0, -minor)}.${text.slice(-minor)}`;
}

/** The number as a JavaScript number, for figures ("1.4", 6 → 1400000). */
export function numericValue(number: string, exponent: number): number {
  const { digits, scale } = scaled(number, exponent);
  return Number(digits) / 10 ** scale;
}
