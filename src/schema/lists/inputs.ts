/** Input types shared by the list filters: date ranges, money ranges, sort direction. */
import { type SQL, type SQLWrapper, sql } from 'drizzle-orm';
import type { CurrencyCode as CurrencyValue } from '../../domain.ts';
import { decimalToMinor } from '../../money.ts';
import { builder } from '../builder.ts';
import { CurrencyCode } from '../enums.ts';
import { badArgument } from './errors.ts';

export interface DateRangeInput {
  from?: string | null;
  to?: string | null;
}

export const DateRange = builder.inputRef<DateRangeInput>('DateRange').implement({
  description: 'A range of days in UTC: `from` is inclusive, `to` is exclusive; either may be left open.',
  fields: (t) => ({
    from: t.field({ type: 'Date', description: 'The first day in the range (inclusive).' }),
    to: t.field({ type: 'Date', description: 'The day after the range (exclusive).' }),
  }),
});

function checkRange(range: DateRangeInput, path: string) {
  if (range.from == null && range.to == null) throw badArgument(path, 'give `from`, `to` or both.');
  if (range.from != null && range.to != null && range.from >= range.to) {
    throw badArgument(`${path}.to`, `must be after \`from\` (${range.from}); got ${range.to}.`);
  }
}

/** A plain date column inside [from, to). */
export function dateWithin(column: SQLWrapper, range: DateRangeInput, path: string): SQL {
  checkRange(range, path);
  const from = range.from == null ? sql`1` : sql`${column} >= ${range.from}`;
  const to = range.to == null ? sql`1` : sql`${column} < ${range.to}`;
  return sql`(${from} AND ${to})`;
}

/** A fuzzy date overlaps [from, to) when it can fall inside it: it starts before `to` and ends on or after `from`. */
export function fuzzyOverlaps(earliest: SQLWrapper, latest: SQLWrapper, range: DateRangeInput, path: string): SQL {
  checkRange(range, path);
  const from = range.from == null ? sql`1` : sql`${latest} >= ${range.from}`;
  const to = range.to == null ? sql`1` : sql`${earliest} < ${range.to}`;
  return sql`(${earliest} IS NOT NULL AND ${from} AND ${to})`;
}

export interface MoneyRangeInput {
  currencyCode: CurrencyValue;
  min?: string | null;
  max?: string | null;
}

export const MoneyRange = builder.inputRef<MoneyRangeInput>('MoneyRange').implement({
  description:
    'Amounts in one currency between `min` and `max`, both inclusive; amounts in other currencies never match.',
  fields: (t) => ({
    currencyCode: t.field({ type: CurrencyCode, required: true, description: 'The currency of the amounts.' }),
    min: t.field({ type: 'Decimal', description: 'The smallest amount (inclusive), e.g. "1000000.00".' }),
    max: t.field({ type: 'Decimal', description: 'The largest amount (inclusive).' }),
  }),
});

/** A normalised amount within the range, compared in integer minor units. */
export function amountWithin(
  currencyColumn: SQLWrapper,
  minorColumn: SQLWrapper,
  range: MoneyRangeInput,
  path: string,
) {
  const minor = (key: 'min' | 'max') => {
    const value = range[key];
    if (value == null) return null;
    try {
      return decimalToMinor(value, range.currencyCode);
    } catch (error) {
      throw badArgument(`${path}.${key}`, (error as Error).message);
    }
  };
  const min = minor('min');
  const max = minor('max');
  if (min != null && max != null && min > max) {
    throw badArgument(`${path}.max`, `must not be below \`min\` (${range.min}); got ${range.max}.`);
  }
  return sql`(${currencyColumn} = ${range.currencyCode}${min == null ? sql`` : sql` AND ${minorColumn} >= ${min}`}${
    max == null ? sql`` : sql` AND ${minorColumn} <= ${max}`
  })`;
}

export const OrderDirection = builder.enumType('OrderDirection', {
  description: 'Sort direction.',
  values: {
    ASC: { value: 'asc', description: 'Smallest, earliest or alphabetically first first.' },
    DESC: { value: 'desc', description: 'Largest, latest or alphabetically last first.' },
  } as const,
});

export type Direction = 'asc' | 'desc';
