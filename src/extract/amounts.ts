/**
 * Money: €, $, £, US$, ISO codes before the number, or euros, dollars, pounds… after it; with
 * million/billion/bn/m/k; ranges ("€20-25 million", "between €5m and €7m") as one amount; hedges
 * ("some", "nearly", "more than", "up to") make it approximate. The value is an exact decimal.
 *
 * A bare small amount (no million or billion) is flagged IMPLAUSIBLE_AMOUNT and SUSPECTED_TYPO when
 * the same story reports an amount at least 10,000 times larger, the sentence ties the two to the
 * same purpose ("another", "a further", "the same") or shares its purpose words, and nothing makes
 * the small sum naturally small (a fee, a fine, a sum per person). The rule is relative to the
 * article, never a fixed threshold.
 */
import type { CurrencyCode, DataQualityFlag } from '../domain.ts';
import { decimalAmount, multiplierExponent, numericValue } from './decimal.ts';
import { type Range, round2, sentenceAt, type TextIndex } from './text.ts';
import { type AmountProposal, EXTRACTOR_VERSION } from './types.ts';

const SYMBOLS: Record<string, CurrencyCode> = { US$: 'USD', $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'JPY' };
const CODES: readonly CurrencyCode[] = [
  'EUR',
  'USD',
  'GBP',
  'CHF',
  'SEK',
  'DKK',
  'PLN',
  'NOK',
  'CZK',
  'HUF',
  'RON',
  'BGN',
  'JPY',
  'TRY',
];
const isCode = (text: string): text is CurrencyCode => (CODES as readonly string[]).includes(text);
const WORDS: [RegExp, CurrencyCode][] = [
  [/^euros?$/i, 'EUR'],
  [/^(?:us\s+)?dollars?$/i, 'USD'],
  [/^pounds?(?:\s+sterling)?$/i, 'GBP'],
  [/^swiss\s+francs?$/i, 'CHF'],
  [/^danish\s+kroner?$/i, 'DKK'],
  [/^norwegian\s+kroner?$/i, 'NOK'],
  [/^(?:swedish\s+)?kronor$/i, 'SEK'],
  [/^czech\s+korun[ay]?$|^korun[ay]$/i, 'CZK'],
  [/^(?:polish\s+)?(?:zlotys?|złotys?|złoty)$/i, 'PLN'],
  [/^(?:hungarian\s+)?forints?$/i, 'HUF'],
];
/** "kroner" alone is Danish or Norwegian: the sentence's country decides, else it is not proposed. */
const KRONER_COUNTRY: [RegExp, CurrencyCode][] = [
  [/\b(?:Denmark|Danish|Copenhagen)\b/, 'DKK'],
  [/\b(?:Norway|Norwegian|Oslo)\b/, 'NOK'],
];

const NUM = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
/** After a currency sign or code, thousands may also be grouped by spaces ("EUR 1 104 million"). */
const SPACED = String.raw`\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,.]\d)(?:\.\d+)?`;
const MULT = String.raw`(?:\s*(?:bn|mn|m|k|tn)\b|\s+(?:thousand|million|billion|trillion)\b)`;
const PREFIX = String.raw`(?:US\$|\$|€|£|¥|(?:${CODES.join('|')})\s?)`;
const SUFFIX = String.raw`(?:euros?|(?:US\s+)?dollars?|pounds(?:\s+sterling)?|pound|Swiss\s+francs?|(?:Danish\s+|Norwegian\s+)?kroner?|(?:Swedish\s+)?kronor|(?:Czech\s+)?korun[ay]?|(?:Polish\s+)?(?:zlotys?|złotys?|złoty)|(?:Hungarian\s+)?forints?)\b|(?:${CODES.join('|')})\b`;
const HEDGE = String.raw`(?:(?:some|about|around|nearly|almost|roughly|approximately|over|more\s+than|less\s+than|fewer\s+than|at\s+least|up\s+to|close\s+to|just\s+over|just\s+under|an\s+estimated|estimated|upwards\s+of|in\s+excess\s+of|under)\s+)`;

const PREFIXED = new RegExp(
  String.raw`(?<hedge>${HEDGE})?(?<between>between\s+)?(?<cur>${PREFIX})\s?(?<n1>${SPACED}|${NUM})(?<m1>${MULT})?` +
    String.raw`(?:\s*(?:-|–|to|and)\s*(?<cur2>${PREFIX})?\s?(?<n2>${NUM})(?<m2>${MULT})?)?(?![\d.,]*\d)`,
  'g',
);
const SUFFIXED = new RegExp(
  String.raw`(?<hedge>${HEDGE})?(?<between>between\s+)?(?<n1>${NUM})(?<m1>${MULT})?` +
    String.raw`(?:\s*(?:-|–|to|and)\s*(?<n2>${NUM})(?<m2>${MULT})?)?\s+(?<word>${SUFFIX})`,
  'gi',
);

const PER_UNIT =
  /\b(?:per|each|apiece|a head|fees?|fines?|fined|tickets?|charges?|charged|price|salar(?:y|ies)|wages?|allowance|a (?:month|year|day|week)|monthly|daily|hourly)\b/i;
const SAME_PURPOSE = /\b(?:another|a further|further|additional|the same|also|extra|more|remaining|rest)\b/i;
const STOP = new Set(
  'the a an and or of to in on for from by with will be is are was were this that these those which it its their than year next last'.split(
    ' ',
  ),
);

interface Found extends Range {
  hedge: boolean;
  currency: CurrencyCode;
  low: string;
  high: string | null;
  exponent: number;
  size: number;
}

export function findAmounts(index: TextIndex): AmountProposal[] {
  const { body } = index;
  const found: Found[] = [];
  for (const pattern of [PREFIXED, SUFFIXED]) {
    for (const m of body.matchAll(pattern)) {
      const g = m.groups ?? {};
      const currency = g.cur ? currencyOfPrefix(g.cur) : currencyOfWord(g.word ?? '', sentenceText(index, m.index));
      if (!currency || !g.n1) continue;
      if (g.between && !g.n2) continue;
      const start = m.index;
      const end = m.index + m[0].length;
      if (found.some((f) => f.start < end && start < f.end)) continue;
      // "€20-25 million": the lower end takes the multiplier written after the upper one — but
      // not in "€500,000 to €2 million", where each end is written out in full.
      const e2 = multiplierExponent(g.m2?.trim());
      const e1 = g.m1 || g.cur2 || /[,\s]/.test(g.n1) ? multiplierExponent(g.m1?.trim()) : e2;
      const low = decimalAmount(g.n1, e1, currency);
      const high = g.n2 ? decimalAmount(g.n2, e2, currency) : null;
      found.push({
        start,
        end,
        hedge: Boolean(g.hedge) || Boolean(g.n2),
        currency,
        low,
        high,
        exponent: e1,
        size: numericValue(g.n1, e1),
      });
    }
  }
  found.sort((a, b) => a.start - b.start);
  return found.map((f) => proposal(index, f, found));
}

function currencyOfPrefix(prefix: string): CurrencyCode | null {
  const p = prefix.trim();
  return SYMBOLS[p] ?? (isCode(p) ? p : null);
}

function currencyOfWord(word: string, sentence: string): CurrencyCode | null {
  const w = word.trim().replace(/\s+/g, ' ');
  if (isCode(w)) return w;
  if (/^kroner?$/i.test(w)) return KRONER_COUNTRY.find(([pattern]) => pattern.test(sentence))?.[1] ?? null;
  return WORDS.find(([pattern]) => pattern.test(w))?.[1] ?? null;
}

function sentenceText(index: TextIndex, at: number): string {
  const sentence = sentenceAt(index, at);
  return index.body.slice(sentence.start, sentence.end);
}

function proposal(index: TextIndex, f: Found, all: Found[]): AmountProposal {
  const { body } = index;
  const reportedText = body.slice(f.start, f.end);
  const flag = typoSuspicion(index, f, all);
  const qualityFlags: DataQualityFlag[] = flag ? ['IMPLAUSIBLE_AMOUNT', 'SUSPECTED_TYPO'] : [];
  const sentence = sentenceAt(index, f.start);
  return {
    reportedText,
    amount: f.low,
    amountMax: f.high,
    currencyCode: f.currency,
    approximate: f.hedge,
    qualityFlags,
    qualityNote: flag,
    start: f.start,
    end: f.end,
    confidence: round2(flag ? 0.6 : 0.95),
    extractorVersion: EXTRACTOR_VERSION,
    evidence: [
      { ...sentence, role: 'MAIN_STATEMENT', exact: body.slice(sentence.start, sentence.end) },
      { start: f.start, end: f.end, role: 'AMOUNT', exact: reportedText },
    ],
  };
}

function typoSuspicion(index: TextIndex, f: Found, all: Found[]): string | null {
  if (f.exponent > 0 || f.high !== null) return null;
  const { body } = index;
  const sentence = sentenceAt(index, f.start);
  const text = body.slice(sentence.start, sentence.end);
  if (PER_UNIT.test(text)) return null;
  for (const other of all) {
    if (other === f || other.currency !== f.currency || other.size < f.size * 10_000) continue;
    const otherSentence = sentenceAt(index, other.start);
    const shared =
      purposeWords(text) &&
      overlap(purposeWords(text), purposeWords(body.slice(otherSentence.start, otherSentence.end)));
    if (SAME_PURPOSE.test(text) || shared >= 2) {
      const times = String(Math.round(other.size / f.size)).replace(/\B(?=(\d{3})+$)/g, ',');
      return `${body.slice(f.start, f.end)} is ${times} times smaller than ${body.slice(other.start, other.end)} reported for the same purpose in this story; a word such as "million" may be missing.`;
    }
  }
  return null;
}

/** Purpose words per sentence text, so comparing every pair of amounts does not redo them. */
const purposeCache = new Map<string, Set<string>>();

function purposeWords(text: string): Set<string> {
  const cached = purposeCache.get(text);
  if (cached) return cached;
  if (purposeCache.size > 500) purposeCache.clear();
  const words = computePurposeWords(text);
  purposeCache.set(text, words);
  return words;
}

function computePurposeWords(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/\p{L}{4,}/gu) ?? []).filter((w) => !STOP.has(w)).map((w) => w.slice(0, 5)));
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const w of a) if (b.has(w)) n++;
  return n;
}
