/**
 * `Money`: a computed amount (a sum or total), which unlike a reported amount has no reported text.
 * Sums stay exact end to end: SQLite adds minor units in 64-bit integers and hands the sum over as
 * text (`sumMinor`), and the text becomes a decimal digit by digit (`minorToDecimal`) — a sum past
 * 2^53 minor units (€90 trillion) never passes through a JavaScript number.
 */
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { CurrencyCode as CurrencyValue } from '../../domain.ts';
import { MAX_SUM_MINOR, type Minor, minorToDecimal } from '../../money.ts';
import { builder } from '../builder.ts';
import { CurrencyCode } from '../enums.ts';
import { badArgument } from '../lists/errors.ts';

export interface MoneyShape {
  minor: Minor;
  currencyCode: CurrencyValue;
}

export const Money = builder.objectRef<MoneyShape>('Money').implement({
  description: `An exact amount computed by Dossier (a sum or a total) in one currency. Sums are exact up to ${MAX_SUM_MINOR} minor units per group; a larger one is refused, never rounded.`,
  fields: (t) => ({
    amount: t.field({
      type: 'Decimal',
      description: 'The exact amount, e.g. "19000100.00".',
      resolve: (m) => minorToDecimal(m.minor, m.currencyCode),
    }),
    currencyCode: t.field({ type: CurrencyCode, description: 'The currency.', resolve: (m) => m.currencyCode }),
  }),
});

/**
 * The exact sum of a minor-unit expression, as a string of digits. Integers past 2^53 would fail
 * in libSQL's client (it refuses to round them into a JS number); text never does.
 */
export function sumMinor(minor: SQLWrapper): SQL {
  return sql`CAST(sum(${minor}) AS TEXT)`;
}

/** SQLite's sum() of integers stops with this rather than rounding past MAX_SUM_MINOR. */
function isIntegerOverflow(error: unknown): boolean {
  for (let e = error; e instanceof Error; e = e.cause) {
    if (/integer overflow/i.test(e.message)) return true;
  }
  return false;
}

/** Runs a summing statement; a sum past MAX_SUM_MINOR becomes a clear error naming `argument`. */
export async function exactSums<T>(argument: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!isIntegerOverflow(error)) throw error;
    throw badArgument(
      argument,
      `a sum would pass ${MAX_SUM_MINOR} minor units, the most the database adds exactly; filter the items or split them into more groups.`,
    );
  }
}
