/**
 * Dates of the synthetic articles (spread over ten years) and the fuzzy dates their facts carry,
 * each with the words the body uses for it ("by March 2021", "within 16 months") and, where it
 * is worked out rather than read, how. All in UTC, as ISO dates.
 */
import type { DatePrecision } from '../../src/domain.ts';
import type { Prng } from './prng.ts';

export const FIRST_DAY = '2016-01-01';
export const DAYS = 3653; // 2016-01-01 … 2025-12-31

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const QUARTERS = ['first', 'second', 'third', 'fourth'];

export interface FuzzyDate {
  earliest: string;
  latest: string;
  precision: DatePrecision;
  text: string;
  derivation: string | null;
}

const iso = (date: Date) => date.toISOString().slice(0, 10);
const parse = (day: string) => new Date(`${day}T00:00:00Z`);

export function addDays(day: string, days: number): string {
  const date = parse(day);
  date.setUTCDate(date.getUTCDate() + days);
  return iso(date);
}

/** The first and last day of the month `months` after the month of `day`. */
function monthOf(day: string, months: number): { first: string; last: string; year: number; month: number } {
  const date = parse(day);
  const first = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
  return { first: iso(first), last: iso(last), year: first.getUTCFullYear(), month: first.getUTCMonth() };
}

export function publishedOn(rng: Prng): string {
  return addDays(FIRST_DAY, rng.int(0, DAYS - 1));
}

export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** "on Tuesday": the article's own day, as a reporter writes it. */
export function sameDay(published: string): FuzzyDate {
  return {
    earliest: published,
    latest: published,
    precision: 'DAY',
    text: `on ${WEEKDAYS[parse(published).getUTCDay()]}`,
    derivation: `the weekday of the article's date, ${published}`,
  };
}

/** A deadline after the article: "by March 2021", "by the end of 2022" or "within 16 months". */
export function deadline(rng: Prng, published: string): FuzzyDate {
  const months = rng.int(3, 36);
  const m = monthOf(published, months);
  const form = rng.int(0, 2);
  if (form === 0) {
    return {
      earliest: m.first,
      latest: m.last,
      precision: 'MONTH',
      text: `by ${MONTHS[m.month]} ${m.year}`,
      derivation: null,
    };
  }
  if (form === 1) {
    return {
      earliest: `${m.year}-01-01`,
      latest: `${m.year}-12-31`,
      precision: 'YEAR',
      text: `by the end of ${m.year}`,
      derivation: null,
    };
  }
  return {
    earliest: m.first,
    latest: m.last,
    precision: 'MONTH',
    text: `within ${months} months`,
    derivation: `${months} months from the article's date, ${published}`,
  };
}

/** "in the second quarter of 2023", a quarter within three years of the article. */
export function expectedQuarter(rng: Prng, published: string): FuzzyDate {
  const year = yearOf(published) + rng.int(0, 3);
  const q = rng.int(0, 3);
  const first = `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  const last = monthOf(first, 2).last;
  return {
    earliest: first,
    latest: last,
    precision: 'QUARTER',
    text: `in the ${QUARTERS[q]} quarter of ${year}`,
    derivation: null,
  };
}

/** A funding period: "for 2021-2027" (a range of years) or "in 2024" (one year). */
export function period(rng: Prng, published: string): FuzzyDate {
  const from = yearOf(published) + rng.int(0, 2);
  if (rng.chance(0.5)) {
    return {
      earliest: `${from}-01-01`,
      latest: `${from}-12-31`,
      precision: 'YEAR',
      text: `in ${from}`,
      derivation: null,
    };
  }
  const to = from + rng.int(1, 6);
  return {
    earliest: `${from}-01-01`,
    latest: `${to}-12-31`,
    precision: 'RANGE',
    text: `for ${from}-${to}`,
    derivation: null,
  };
}

/** An event articles recall: "2012" or "March 2012", before the first article (2004–2015). */
export function pastEvent(rng: Prng): FuzzyDate {
  const year = rng.int(2004, 2015);
  if (rng.chance(0.6)) {
    return {
      earliest: `${year}-01-01`,
      latest: `${year}-12-31`,
      precision: 'YEAR',
      text: String(year),
      derivation: null,
    };
  }
  const m = monthOf(`${year}-01-01`, rng.int(0, 11));
  return {
    earliest: m.first,
    latest: m.last,
    precision: 'MONTH',
    text: `${MONTHS[m.month]} ${year}`,
    derivation: null,
  };
}
