/**
 * Reported amounts of money as articles write them ("€18.5 million", "some $3 million",
 * "CHF 400,000"), mostly in euros, with the normalised amount in minor units and, for a few,
 * the data-quality flags an editor would set ("€100" for a programme is probably a typo).
 */
import { CURRENCY_MINOR_UNITS, type CurrencyCode, type DataQualityFlag } from '../../src/domain.ts';
import { type Prng, weighted } from './prng.ts';

export interface Amount {
  /** The amount as written, without a leading "some" or "about". */
  reportedText: string;
  /** "some " / "about " when the article hedges it, else "". */
  hedge: string;
  amountMinor: number;
  currencyCode: CurrencyCode;
  flags: DataQualityFlag[];
  qualityNote: string | null;
}

const CURRENCY = weighted<CurrencyCode>([
  ['EUR', 82],
  ['USD', 6],
  ['GBP', 4],
  ['CHF', 2],
  ['SEK', 1],
  ['PLN', 1],
  ['DKK', 1],
  ['NOK', 0.5],
  ['CZK', 0.5],
  ['HUF', 0.5],
  ['RON', 0.5],
  ['JPY', 0.5],
  ['TRY', 0.25],
  ['BGN', 0.25],
]);

const SYMBOLS: Partial<Record<CurrencyCode, string>> = { EUR: '€', USD: '$', GBP: '£', JPY: '¥' };

function written(currency: CurrencyCode, number: string): string {
  const symbol = SYMBOLS[currency];
  return symbol ? `${symbol}${number}` : `${currency} ${number}`;
}

/** A major-unit amount and how it is written: "18.5 million", "2 billion" or "450,000". */
function magnitude(rng: Prng): { major: number; number: string } {
  const exponent = 4 + rng.next() * 5; // 10,000 … 1,000,000,000
  const value = 10 ** exponent;
  if (value >= 1e9) {
    const billions = Math.round(value / 1e8) / 10;
    return { major: Math.round(billions * 1e9), number: `${billions} billion` };
  }
  if (value >= 1e6) {
    const millions = value >= 1e8 ? Math.round(value / 1e6) : Math.round(value / 1e5) / 10;
    return { major: Math.round(millions * 1e6), number: `${millions} million` };
  }
  const thousands = Math.round(value / 1e3) * 1e3;
  return { major: thousands, number: thousands.toLocaleString('en-US') };
}

export function amount(rng: Prng, hasPeriod: boolean): Amount {
  const currencyCode = CURRENCY(rng);
  const hedge = rng.chance(0.15) ? rng.pick(['some ', 'about ', 'around ']) : '';
  const minor = (major: number) => major * 10 ** CURRENCY_MINOR_UNITS[currencyCode];
  const roll = rng.next();
  if (roll < 0.03) {
    const text = written(currencyCode, '100');
    return {
      reportedText: text,
      hedge: '',
      amountMinor: minor(100),
      currencyCode,
      flags: ['SUSPECTED_TYPO'],
      qualityNote: `The article says ${text} for a programme; probably ${text} million.`,
    };
  }
  if (roll < 0.04) {
    const text = written(currencyCode, '900 billion');
    return {
      reportedText: text,
      hedge,
      amountMinor: minor(900e9),
      currencyCode,
      flags: ['IMPLAUSIBLE_AMOUNT'],
      qualityNote: `${text} is more than the whole budget line; kept as reported.`,
    };
  }
  const { major, number } = magnitude(rng);
  const reportedText = written(currencyCode, number);
  const flags: DataQualityFlag[] = [];
  const notes: string[] = [];
  if (currencyCode === 'USD' && rng.chance(0.3)) {
    flags.push('AMBIGUOUS_CURRENCY');
    notes.push('The article writes $ without saying which dollar; read as US dollars.');
  }
  if (hasPeriod && rng.chance(0.1)) {
    flags.push('AMBIGUOUS_PERIOD');
    notes.push('The article does not say whether the amount is per year or for the whole period.');
  }
  return {
    reportedText,
    hedge,
    amountMinor: minor(major),
    currencyCode,
    flags,
    qualityNote: notes.length ? notes.join(' ') : null,
  };
}
