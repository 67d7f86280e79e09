/** Custom scalars: calendar dates and exact decimals, both carried as strings. */
import { GraphQLError } from 'graphql';
import { DECIMAL } from '../money.ts';
import { builder } from './builder.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: unknown): string {
  if (typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    if (new Date(`${value}T00:00:00Z`).toISOString().startsWith(value)) return value;
  }
  throw new GraphQLError(`Date must be a calendar date written YYYY-MM-DD; got ${JSON.stringify(value)}.`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

function parseDecimal(value: unknown): string {
  if (typeof value === 'string' && DECIMAL.test(value)) return value;
  throw new GraphQLError(`Decimal must be a string such as "18500000.00"; got ${JSON.stringify(value)}.`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
}

builder.scalarType('Date', {
  description: 'A calendar date in ISO 8601 form, YYYY-MM-DD (no time, no time zone).',
  serialize: (value) => value,
  parseValue: parseDate,
});

builder.scalarType('Decimal', {
  description: 'An exact decimal number as a string, e.g. "18500000.00", so no precision is lost to floats.',
  serialize: (value) => value,
  parseValue: parseDecimal,
});

builder.scalarType('JSON', {
  description: 'Any JSON value: the values of a history entry, an article in the import format.',
  serialize: (value) => value,
  parseValue: (value) => value,
});
