/**
 * Time expressions resolved against the publication date into fuzzy dates (earliest, latest,
 * precision) with a derivation saying how. A weekday or a month without a year is the latest one
 * up to publication, or the next one when the sentence speaks of the future ("will", "is due").
 */
import type { DatePrecision } from '../domain.ts';
import { addDays, addMonths, type Day, daysInMonth, iso, monthEnd, monthStart, parseDay, weekday } from './calendar.ts';
import { MONTHS, NUMBER_WORDS, WEEKDAYS } from './lexicon.ts';
import { type Range, round2, sentenceAt, type TextIndex } from './text.ts';
import { type DateProposal, EXTRACTOR_VERSION } from './types.ts';

interface Resolved {
  earliest: string;
  latest: string;
  precision: DatePrecision;
  derivation: string;
  confidence: number;
}

type Rule = { pattern: RegExp; resolve: (m: RegExpExecArray, ctx: Context) => Resolved | null };

interface Context {
  published: Day;
  publishedOn: string;
  future: boolean;
}

const MONTH = `(${MONTHS.join('|')})`;
/** With a day number a month may be abbreviated: "Sept 26", "3 Oct.". */
const MONTH_OR_ABBR = `(${MONTHS.join('|')}|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\.?`;
const SEASON = '(spring|summer|autumn|fall|winter)';
/** First month of each season (meteorological: winter runs December to February). */
const SEASON_START: Record<string, number> = { spring: 3, summer: 6, autumn: 9, fall: 9, winter: 12 };
const WEEKDAY = `(${WEEKDAYS.join('|')})`;
const COUNT = `(\\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')})`;
const FUTURE =
  /\b(?:will|would|shall|is due|are due|is set to|are set to|is expected|are expected|is scheduled|are scheduled|to be held|upcoming|plans? to|intends? to|hopes? to|aims? to|wants? to|expects?|expected|should|must|next)\b/i;
/** A verb in the past tense right next to a date decides its tense: "said on Tuesday", "on Tuesday backed". */
const PAST_VERB =
  /^(?:said|told|met|took|gave|made|came|went|saw|held|sent|began|won|lost|led|left|spoke|wrote|found|paid|brought|rose|fell|was|were|had|did|became|drew|stood|hit|struck|sought|chose|\p{L}{3,}ed)$/iu;
const NOT_PAST = new Set([
  'need',
  'speed',
  'hundred',
  'united',
  'based',
  'related',
  'proposed',
  'expected',
  'scheduled',
]);

const monthIndex = (name: string) => {
  const lower = name.toLowerCase().replace(/\.$/, '');
  return MONTHS.findIndex((m) => m === lower || (lower.length >= 3 && m.startsWith(lower))) + 1;
};
const count = (text: string) => NUMBER_WORDS[text.toLowerCase()] ?? Number(text);
const day = (y: number, m: number, d: number) => iso({ y, m, d });
const year = (y: number, derivation: string, confidence = 0.9): Resolved => ({
  earliest: day(y, 1, 1),
  latest: day(y, 12, 31),
  precision: 'YEAR',
  derivation,
  confidence,
});
const month = (y: number, m: number, derivation: string, confidence = 0.85): Resolved => ({
  earliest: monthStart(y, m),
  latest: monthEnd(y, m),
  precision: 'MONTH',
  derivation,
  confidence,
});
const range = (earliest: string, latest: string, derivation: string, confidence = 0.75): Resolved => ({
  earliest,
  latest,
  precision: 'RANGE',
  derivation,
  confidence,
});
const exactDay = (d: Day, derivation: string, confidence = 0.85): Resolved => ({
  earliest: iso(d),
  latest: iso(d),
  precision: 'DAY',
  derivation,
  confidence,
});

/** The year of a month (and day) named without one: the latest up to publication, or the next. */
function yearFor(ctx: Context, m: number, d?: number): number {
  const { y, m: pm, d: pd } = ctx.published;
  const notBefore = m > pm || (m === pm && (d === undefined || d >= pd));
  const notAfter = m < pm || (m === pm && (d === undefined || d <= pd));
  if (ctx.future) return notBefore ? y : y + 1;
  return notAfter ? y : y - 1;
}

function relativeYear(word: string, ctx: Context): number {
  const w = word.toLowerCase();
  return ctx.published.y + (w === 'last' ? -1 : w === 'next' ? 1 : 0);
}

const RULES: Rule[] = [
  {
    // "between 3 and 28 March", "3-28 March 2025": a run of days.
    pattern: new RegExp(
      `\\b(?:between\\s+(\\d{1,2})\\s+and|from\\s+(\\d{1,2})\\s+to|(\\d{1,2})\\s*[-–])\\s*(\\d{1,2})\\s+${MONTH_OR_ABBR}(?:\\s+(\\d{4}))?\\b`,
      'gi',
    ),
    resolve: (m, ctx) => {
      const mo = monthIndex(m[5] as string);
      const from = Number(m[1] ?? m[2] ?? m[3]);
      const to = Number(m[4]);
      const y = m[6] ? Number(m[6]) : yearFor(ctx, mo, from);
      if (from < 1 || to > daysInMonth(y, mo) || from >= to) return null;
      return range(day(y, mo, from), day(y, mo, to), `days ${from} to ${to} of ${m[5]} ${y}`, 0.85);
    },
  },
  {
    // "in February last year", "in March next year".
    pattern: new RegExp(`\\b(?:in\\s+)?(early|mid|late|mid-)?\\s*${MONTH}\\s+(last|next|this)\\s+year\\b`, 'gi'),
    resolve: (m, ctx) =>
      partOfMonth(
        m[1],
        relativeYear(m[3] as string, ctx),
        monthIndex(m[2] as string),
        `published ${ctx.publishedOn}; ${m[0]}`,
      ),
  },
  {
    // "last November" (the latest before the publication month), "next March", "this June".
    pattern: new RegExp(`\\b(last|next|this)\\s+${MONTH}\\b`, 'gi'),
    resolve: (m, ctx) => {
      const which = (m[1] as string).toLowerCase();
      const mo = monthIndex(m[2] as string);
      const { y, m: pm } = ctx.published;
      const year = which === 'this' ? y : which === 'last' ? (mo < pm ? y : y - 1) : mo > pm ? y : y + 1;
      return month(year, mo, `published ${ctx.publishedOn}; ${which} ${m[2]} = ${monthStart(year, mo).slice(0, 7)}`);
    },
  },
  {
    // "this summer", "last autumn", "in the spring", "before the summer".
    pattern: new RegExp(`\\b(this|last|next|(?:in|during|over|before|by)\\s+the)\\s+${SEASON}\\b`, 'gi'),
    resolve: (m, ctx) => {
      const which = (m[1] as string).toLowerCase().replace(/\s+the$/, '');
      const season = (m[2] as string).toLowerCase();
      const first = SEASON_START[season] as number;
      const { y, m: pm } = ctx.published;
      // The year the season starts in: the latest one begun by publication, the one under way
      // ("this"), the latest one over ("last"), or the next one ("next", "before", a future verb).
      const started = pm >= first ? y : y - 1;
      const underWay = (pm - first + 12) % 12 < 3;
      let year: number;
      if (which === 'this') year = underWay ? started : y;
      else if (which === 'last') year = underWay ? started - 1 : started;
      else if (which === 'next' || which === 'before' || which === 'by' || ctx.future) year = pm < first ? y : y + 1;
      else year = started;
      const start = monthStart(year, first);
      const { y: ey, m: em } = addMonths(year, first, 2);
      const end = monthEnd(ey, em);
      if (which === 'before' || which === 'by') {
        // The European institutions stop for the summer: "before the summer" runs to the end of June.
        const until = season === 'summer' ? monthEnd(year, 6) : iso(addDays(parseDay(start), -1));
        return range(ctx.publishedOn, until, `from publication ${ctx.publishedOn} until ${until}`, 0.6);
      }
      return range(start, end, `${m[0]}, published ${ctx.publishedOn}: ${start} to ${end}`, 0.7);
    },
  },
  {
    // "over the next two years" (a span from publication), "in the past 12 months" (a span up to it).
    pattern: new RegExp(
      `\\b(?:over|during|in|for)\\s+the\\s+(next|coming|past|last)\\s+${COUNT}\\s+(days|weeks|months|years)\\b`,
      'gi',
    ),
    resolve: (m, ctx) => {
      const ahead = /next|coming/i.test(m[1] as string);
      const n = count(m[2] as string) * (ahead ? 1 : -1);
      const unit = (m[3] as string).toLowerCase();
      const other =
        unit === 'days' || unit === 'weeks'
          ? iso(addDays(ctx.published, unit === 'days' ? n : 7 * n))
          : shiftMonths(ctx.published, unit === 'months' ? n : 12 * n);
      const [earliest, latest] = ahead ? [ctx.publishedOn, other] : [other, ctx.publishedOn];
      return range(earliest, latest, `published ${ctx.publishedOn}; ${m[0]}: ${earliest} to ${latest}`, 0.7);
    },
  },
  {
    // "between 2021 and 2027", "2025 to 2027": a run of years.
    pattern: /\b(?:between\s+((?:19|20)\d{2})\s+and|(?:from\s+)?((?:19|20)\d{2})\s+to)\s+((?:19|20)\d{2})\b/gi,
    resolve: (m) => {
      const from = Number(m[1] ?? m[2]);
      const to = Number(m[3]);
      return to > from ? range(day(from, 1, 1), day(to, 12, 31), 'as written', 0.8) : null;
    },
  },
  {
    // "on Wednesday (18 October)": the date in brackets wins.
    pattern: new RegExp(`\\b(?:on\\s+)?${WEEKDAY}\\s*\\(\\s*(\\d{1,2})\\s+${MONTH}\\s*\\)`, 'gi'),
    resolve: (m, ctx) => {
      const mo = monthIndex(m[3] as string);
      const d = Number(m[2]);
      const y = yearFor(ctx, mo, d);
      return exactDay({ y, m: mo, d }, `${m[1]} ${d} ${m[3]}, year from publication ${ctx.publishedOn}`, 0.9);
    },
  },
  {
    pattern: new RegExp(`\\b(?:on\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+${MONTH_OR_ABBR}(?:\\s+(\\d{4}))?\\b`, 'gi'),
    resolve: (m, ctx) => {
      const mo = monthIndex(m[2] as string);
      const d = Number(m[1]);
      if (d < 1 || d > 31) return null;
      const y = m[3] ? Number(m[3]) : yearFor(ctx, mo, d);
      if (d > daysInMonth(y, mo)) return null;
      return exactDay({ y, m: mo, d }, m[3] ? 'as written' : `year from publication ${ctx.publishedOn}`);
    },
  },
  {
    pattern: new RegExp(
      `\\b(?:on\\s+)?${MONTH_OR_ABBR}\\s+(\\d{1,2})(?:st|nd|rd|th)?(?:,?\\s+(\\d{4}))?\\b(?![,.]?\\d)`,
      'gi',
    ),
    resolve: (m, ctx) => {
      const mo = monthIndex(m[1] as string);
      const d = Number(m[2]);
      if (d < 1 || d > 31) return null;
      const y = m[3] ? Number(m[3]) : yearFor(ctx, mo, d);
      if (d > daysInMonth(y, mo)) return null;
      return exactDay({ y, m: mo, d }, m[3] ? 'as written' : `year from publication ${ctx.publishedOn}`);
    },
  },
  {
    pattern: new RegExp(`\\b(?:in\\s+)?(early|mid|late|mid-)?\\s*${MONTH}\\s+(\\d{4})\\b`, 'gi'),
    resolve: (m) => partOfMonth(m[1], Number(m[3]), monthIndex(m[2] as string), 'as written'),
  },
  {
    // A month alone needs "in" (or early/late) before it: "May" is also a verb.
    pattern: new RegExp(
      `\\b(?:in|since|until|by|from|before|after|during)\\s+(early|mid|late|mid-)?\\s*${MONTH}\\b`,
      'gi',
    ),
    resolve: (m, ctx) => {
      const mo = monthIndex(m[2] as string);
      const y = yearFor(ctx, mo);
      return partOfMonth(m[1], y, mo, `${ctx.future ? 'next' : 'latest'} ${m[2]} from publication ${ctx.publishedOn}`);
    },
  },
  {
    pattern: new RegExp(`\\b(?:(last|next|this)\\s+|on\\s+)${WEEKDAY}\\b`, 'gi'),
    resolve: (m, ctx) => {
      const target = WEEKDAYS.indexOf((m[2] as string).toLowerCase());
      const today = weekday(ctx.published);
      const future = m[1]?.toLowerCase() === 'next' || (m[1]?.toLowerCase() !== 'last' && ctx.future);
      const delta = future ? (target - today + 7) % 7 || 7 : -((today - target + 7) % 7);
      const d = addDays(ctx.published, delta);
      const name = (WEEKDAYS[today] as string).replace(/^./, (c) => c.toUpperCase());
      return exactDay(d, `published ${ctx.publishedOn} (a ${name}); ${future ? 'next' : 'latest'} ${m[2]}: ${iso(d)}`);
    },
  },
  {
    pattern: /\b(yesterday|today|tomorrow)\b/gi,
    resolve: (m, ctx) => {
      const delta = { yesterday: -1, today: 0, tomorrow: 1 }[(m[1] as string).toLowerCase()] ?? 0;
      return exactDay(addDays(ctx.published, delta), `published ${ctx.publishedOn}, ${m[1]}`, 0.8);
    },
  },
  {
    pattern: /\b(earlier|later)\s+this\s+(week|month|year)\b/gi,
    resolve: (m, ctx) => {
      const [start, end] = period((m[2] as string).toLowerCase(), ctx.published);
      const earlier = (m[1] as string).toLowerCase() === 'earlier';
      return range(
        earlier ? start : ctx.publishedOn,
        earlier ? ctx.publishedOn : end,
        `published ${ctx.publishedOn}; ${m[0]}`,
      );
    },
  },
  {
    pattern: /\b(early|mid|late|mid-)\s*(next|last|this)\s+year\b/gi,
    resolve: (m, ctx) =>
      partOfYear(m[1] as string, relativeYear(m[2] as string, ctx), `published ${ctx.publishedOn}; ${m[0]}`),
  },
  {
    pattern: /\b(?:(early|late|mid-)\s*)(\d{4})\b/gi,
    resolve: (m) => partOfYear(m[1] as string, Number(m[2]), 'as written'),
  },
  {
    pattern: /\b(?:in\s+)?the\s+(first|second)\s+half\s+of\s+(?:(?:the|this)\s+year|(next|last)\s+year|(\d{4}))\b/gi,
    resolve: (m, ctx) => {
      const y = m[3] ? Number(m[3]) : m[2] ? relativeYear(m[2], ctx) : ctx.published.y;
      const first = (m[1] as string).toLowerCase() === 'first';
      return range(day(y, first ? 1 : 7, 1), day(y, first ? 6 : 12, first ? 30 : 31), `${m[1]} half of ${y}`, 0.85);
    },
  },
  {
    pattern: /\b(?:by|until|before|for|towards)\s+(?:the\s+)?end\s+of\s+(?:(?:the|this)\s+)?(year|month|(\d{4}))\b/gi,
    resolve: (m, ctx) => {
      const y = m[2] ? Number(m[2]) : ctx.published.y;
      const end =
        (m[1] as string).toLowerCase() === 'month' ? monthEnd(ctx.published.y, ctx.published.m) : day(y, 12, 31);
      // "had been committed by the end of 2023": a past year's end is a day, not a deadline.
      if (end < ctx.publishedOn) return exactDay(parseDay(end), `the end of ${y}`, 0.75);
      return range(ctx.publishedOn, end, `from publication ${ctx.publishedOn} until ${end}`, 0.8);
    },
  },
  {
    pattern: /\b(last|next|this)\s+(week|month|year)\b/gi,
    resolve: (m, ctx) => {
      const which = (m[1] as string).toLowerCase();
      const unit = (m[2] as string).toLowerCase();
      const shift = which === 'last' ? -1 : which === 'next' ? 1 : 0;
      const why = `published ${ctx.publishedOn}, so ${m[0].toLowerCase()}`;
      if (unit === 'year') return year(ctx.published.y + shift, `${why} = ${ctx.published.y + shift}`);
      if (unit === 'month') {
        const { y, m: mo } = addMonths(ctx.published.y, ctx.published.m, shift);
        return month(y, mo, `${why} = ${monthStart(y, mo).slice(0, 7)}`);
      }
      const [start, end] = period('week', addDays(ctx.published, 7 * shift));
      return range(start, end, `${why}: ${start} to ${end} (weeks start on Monday)`, 0.8);
    },
  },
  {
    pattern: new RegExp(
      `\\b(?:within|in|after)\\s+(?:the\\s+)?(?:next\\s+|coming\\s+)?${COUNT}\\s+(days|weeks|months|years)\\b(?!\\s+of\\b)`,
      'gi',
    ),
    resolve: (m, ctx) => {
      const n = count(m[1] as string);
      const unit = (m[2] as string).toLowerCase();
      const why = `published ${ctx.publishedOn} + ${n} ${unit}`;
      if (unit === 'days' || unit === 'weeks') {
        const d = addDays(ctx.published, unit === 'days' ? n : 7 * n);
        return exactDay(d, `${why} = ${iso(d)}`, 0.7);
      }
      const { y, m: mo } = addMonths(ctx.published.y, ctx.published.m, unit === 'months' ? n : 12 * n);
      return month(y, mo, `${why} = ${monthStart(y, mo).slice(0, 7)}`, 0.75);
    },
  },
  {
    pattern: new RegExp(`\\b${COUNT}\\s+(days|weeks|months|years)\\s+ago\\b`, 'gi'),
    resolve: (m, ctx) => {
      const n = count(m[1] as string);
      const unit = (m[2] as string).toLowerCase();
      if (unit === 'years') return year(ctx.published.y - n, `published ${ctx.publishedOn} − ${n} years`, 0.7);
      if (unit === 'months') {
        const { y, m: mo } = addMonths(ctx.published.y, ctx.published.m, -n);
        return month(y, mo, `published ${ctx.publishedOn} − ${n} months`, 0.7);
      }
      const d = addDays(ctx.published, -(unit === 'days' ? n : 7 * n));
      return exactDay(d, `published ${ctx.publishedOn} − ${n} ${unit}`, 0.7);
    },
  },
  {
    pattern: /\b(?:in\s+)?((?:19|20)\d{2})\s*[-–]\s*((?:19|20)?\d{2})\b(?![/\d])/g,
    resolve: (m) => {
      const from = Number(m[1]);
      const to = Number((m[2] as string).length === 2 ? `${(m[1] as string).slice(0, 2)}${m[2]}` : m[2]);
      return to > from ? range(day(from, 1, 1), day(to, 12, 31), 'as written', 0.8) : null;
    },
  },
  {
    // A year on its own; not inside "2019/1896" or "Covid-19", not a count ("2,000").
    pattern:
      /(?<![\d/,.\-–])\b(?:(?:in|since|by|until|from|of|before|after)\s+)?((?:19|20)\d{2})\b(?![/\d]|,\d|\.\d|-\d|\s*(?:percent|per cent|%))/gi,
    resolve: (m) => year(Number(m[1]), 'as written', 0.85),
  },
];

function partOfMonth(part: string | undefined, y: number, mo: number, why: string): Resolved {
  const p = part?.toLowerCase().replace('-', '');
  if (!p) return month(y, mo, why);
  const last = daysInMonth(y, mo);
  const [from, to] = p === 'early' ? [1, 10] : p === 'mid' ? [11, 20] : [21, last];
  return range(day(y, mo, from), day(y, mo, to), `${why}; '${p}' read as days ${from} to ${to}`);
}

function partOfYear(part: string, y: number, why: string): Resolved {
  const p = part.toLowerCase().replace('-', '');
  if (p === 'early') return range(day(y, 1, 1), day(y, 6, 30), `${why}: first half of ${y}`, 0.7);
  if (p === 'mid') return range(day(y, 4, 1), day(y, 9, 30), `${why}: April to September ${y}`, 0.6);
  return range(day(y, 7, 1), day(y, 12, 31), `${why}: second half of ${y}`, 0.7);
}

/** The calendar week (Monday to Sunday), month or year around a day. */
function period(unit: string, d: Day): [string, string] {
  if (unit === 'year') return [day(d.y, 1, 1), day(d.y, 12, 31)];
  if (unit === 'month') return [monthStart(d.y, d.m), monthEnd(d.y, d.m)];
  const monday = addDays(d, -((weekday(d) + 6) % 7));
  return [iso(monday), iso(addDays(monday, 6))];
}

/**
 * Whether a date's clause speaks of the future. A past-tense verb right next to the date settles
 * it ("said on Tuesday", "on Tuesday backed"); otherwise the date's own clause is read, up to a
 * "that" or "who" that opens another one ("said on Wednesday that the country would …").
 */
function isFuture(before: string, after: string): boolean {
  // Only the last words matter; an end-anchored pattern over the whole clause would retry from
  // every position of it.
  const previous = /(?:(\p{L}+)\s+)?(\p{L}+)\W*(?:\b(?:on|in|at)\s+)?$/u.exec(before.slice(-40));
  const nextWord = /^\W*(\p{L}+)/u.exec(after.slice(0, 30))?.[1] ?? '';
  const past = (w: string) => PAST_VERB.test(w) && !NOT_PAST.has(w.toLowerCase());
  // "will be published in July": a participle after "be" is not the past tense.
  const passive = /^(?:be|been|being)$/i.test(previous?.[1] ?? '');
  if ((!passive && past(previous?.[2] ?? '')) || past(nextWord)) return false;
  const clause =
    before.slice(Math.max(before.lastIndexOf(','), before.lastIndexOf(';')) + 1) +
    (after.split(/[,;]|\b(?:that|who|which)\b/)[0] ?? '');
  return FUTURE.test(clause);
}

function shiftMonths(d: Day, n: number): string {
  const { y, m } = addMonths(d.y, d.m, n);
  return iso({ y, m, d: Math.min(d.d, daysInMonth(y, m)) });
}

export function findDates(index: TextIndex, publishedOn: string): DateProposal[] {
  const { body } = index;
  const published = parseDay(publishedOn);
  const found: (DateProposal & { order: number })[] = [];
  RULES.forEach((rule, order) => {
    for (const m of body.matchAll(rule.pattern)) {
      const span: Range = { start: m.index, end: m.index + m[0].length };
      if (found.some((f) => f.start < span.end && span.start < f.end)) continue;
      // Tense is read in the date's own clause: "must report …, and it did so on 3 June" is past.
      const sentence = sentenceAt(index, span.start);
      const before = body.slice(sentence.start, span.start);
      const after = body.slice(span.end, sentence.end);
      const resolved = rule.resolve(m as RegExpExecArray, { published, publishedOn, future: isFuture(before, after) });
      if (!resolved) continue;
      const reportedText = body.slice(span.start, span.end);
      found.push({
        reportedText,
        earliest: resolved.earliest,
        latest: resolved.latest,
        precision: resolved.precision,
        derivation: resolved.derivation,
        ...span,
        confidence: round2(resolved.confidence),
        extractorVersion: EXTRACTOR_VERSION,
        evidence: [{ ...span, role: 'DATE', exact: reportedText }],
        order,
      });
    }
  });
  return found.sort((a, b) => a.start - b.start).map(({ order: _, ...date }) => date);
}
