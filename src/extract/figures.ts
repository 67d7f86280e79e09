/**
 * Figures: numbers written with digits that count something — "86 additional staff",
 * "1.4 million people", "97 percent", "18%", "16 months" — with hedges and, when the sentence
 * says so, who reported them ("according to Frontex", "the government said", "reported X").
 * Not figures: money (amounts), years, dates, clock times, ordinals, article and regulation
 * numbers, and digits inside names ("G7", "Covid-19").
 */
import { multiplierExponent, numericValue } from './decimal.ts';
import { MONTHS } from './lexicon.ts';
import type { SpeakerResolver } from './speakers.ts';
import { type Range, round2, sentenceAt, type TextIndex } from './text.ts';
import { EXTRACTOR_VERSION, type FigureProposal, type QuoteProposal } from './types.ts';

const HEDGE =
  /(?:some|about|around|nearly|almost|roughly|approximately|over|more than|less than|fewer than|at least|up to|close to|just over|just under|an estimated|estimated|upwards of|in excess of|under)\s+$/i;
const NUMBER =
  /(?<![\p{L}\p{N}\-–/.,:$€£¥])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s+(million|billion|thousand))?(?![\p{L}\p{N}]|[/:]\d|-\p{L}|\.\d|,\d)/gu;
const PERCENT = /^(?:\s*%|\s+(?:percent|per cent|pc|percentage points?)\b)/i;
/** The upper end of a range after the lower one: "60 to 70 per cent", "15-20%", "between 8% and 12%". */
const RANGE_END = /^(\s*%)?\s*(?:-|–|to|and)\s*(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\p{L}\p{N}]|[/:]\d)/u;
const NOT_BEFORE =
  /\b(?:article|articles|regulation|directive|no|nos|number|point|paragraph|section|chapter|page|annex|resolution|case|flight|route|room|protocol|clause|level|tier|phase|round|title|art|top|decision|law|act|item|line|resolution|gate|platform|terminal|at|aged)\.?\s*$/i;
const UNIT_STOP = new Set(
  (
    'of to in on at by for from with and or but than as that which who whom whose this these those it its their ' +
    'was were is are be been being will would could can may might must shall should have has had do does did ' +
    'per each a an the over under into onto about after before since until between against among ' +
    'across through during without within last next ago'
  ).split(' '),
);
const MODIFIERS = new Set(['additional', 'new', 'extra', 'more', 'further', 'other', 'fewer']);
const REPORTED_AFTER =
  /^[^.;]*?,\s*(?:(according to)\s+([^,.;]+)|([^,.;"“”]{2,60}?)\s+(?:said|says|reported|estimated|estimates|found|showed|shows|announced)|(?:reported|said)\s+([^,.;]+))\s*(?:[.;,]|$)/i;
/** A clause that is only a subject: a pronoun, "the spokesperson", or a name. */
const SHORT_SUBJECT =
  /^\s*(?:he|she|they|the\s+[\p{Ll}-]+(?:\s+[\p{Ll}-]+)?|\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2})\s*$/u;
const REPORTED_BEFORE = /\b(?:according to)\s+([^,.;]+)/i;
const REPORT_VERB =
  /\b(said|says|told|tells|added|adds|noted|notes|warned|warns|reported|reports|estimated|estimates|found|showed|shows|announced|counted|recorded|registered)\b/i;

export function findFigures(
  index: TextIndex,
  taken: Range[],
  resolver: SpeakerResolver,
  quotes: QuoteProposal[] = [],
): FigureProposal[] {
  const { body } = index;
  const figures: FigureProposal[] = [];
  let consumedUntil = 0;
  for (const m of body.matchAll(NUMBER)) {
    const numberStart = m.index;
    let end = m.index + m[0].length;
    if (numberStart < consumedUntil) continue;
    if (taken.some((t) => t.start < end && numberStart < t.end)) continue;
    const digits = m[1] as string;
    const before = body.slice(Math.max(0, numberStart - 30), numberStart);
    // "at 71%", "at 52 percent": a share, unlike "at 10" (a time, a place, an age).
    if (NOT_BEFORE.test(before) && !(/\bat\s*$/i.test(before) && PERCENT.test(body.slice(end, end + 20)))) continue;
    // A range is one figure, its lower end: "60 to 70 per cent", "between 8% and 12%".
    const rangeEnd = m[2] ? null : RANGE_END.exec(body.slice(end, end + 30));
    const upperEnd = rangeEnd ? end + rangeEnd[0].length : end;
    const isRange =
      rangeEnd !== null &&
      !taken.some((t) => t.start < upperEnd && end < t.end) &&
      (PERCENT.test(body.slice(upperEnd, upperEnd + 20)) || unitWords(body.slice(upperEnd, upperEnd + 40)).length > 0);
    if (isRange) {
      end = upperEnd;
      consumedUntil = upperEnd;
    }
    const next = body.slice(end, end + 40);
    if (/^\s*(?:st|nd|rd|th)\b/.test(next)) continue;
    if (!m[2] && /^(?:1[89]|20)\d{2}$/.test(digits)) continue; // a year
    if (new RegExp(`^\\s+(?:${MONTHS.join('|')})\\b`, 'i').test(next)) continue; // "3 June"
    if (new RegExp(`(?:${MONTHS.join('|')})\\s+$`, 'i').test(before)) continue; // "June 3"
    let unit: string;
    const percent = PERCENT.exec(next);
    if (percent) {
      unit = 'percent';
      end += percent[0].length;
    } else {
      const words = unitWords(next);
      if (words.length === 0) continue;
      const last = words[words.length - 1] as { end: number };
      const phrase = next.slice(0, last.end).trim();
      unit = phrase
        .split(/\s+/)
        .filter((w, i) => !(i === 0 && MODIFIERS.has(w.toLowerCase())))
        .join(' ');
      end += last.end;
    }
    const hedge = HEDGE.exec(body.slice(Math.max(0, numberStart - 20), numberStart));
    const between = isRange ? /between\s+$/i.exec(body.slice(Math.max(0, numberStart - 8), numberStart)) : null;
    const start = hedge ? numberStart - hedge[0].length : between ? numberStart - between[0].length : numberStart;
    const reportedText = body.slice(start, end);
    const sentence = sentenceAt(index, start);
    // A figure inside a quote is reported by whoever said the quote.
    const quote = quotes.find((q) => q.speaker && q.spans.some((s) => s.start <= start && end <= s.end));
    const reporter = quote
      ? {
          name: quote.speaker as string,
          id: quote.speakerId,
          span: quote.evidence.find((e) => e.role === 'ATTRIBUTION'),
        }
      : reportedBy(index, sentence, { start, end }, resolver);
    figures.push({
      reportedText,
      value: numericValue(digits, multiplierExponent(m[2])),
      unit,
      subject: subjectOf(body, { start, end }, sentence.end, reporter?.span),
      approximate: Boolean(hedge) || isRange,
      reportedBy: reporter?.name ?? null,
      reportedById: reporter?.id ?? null,
      start,
      end,
      confidence: round2(unit === 'percent' ? 0.9 : 0.8),
      extractorVersion: EXTRACTOR_VERSION,
      evidence: [
        { ...sentence, role: 'MAIN_STATEMENT', exact: body.slice(sentence.start, sentence.end) },
        ...(reporter?.span
          ? [
              {
                ...reporter.span,
                role: 'ATTRIBUTION' as const,
                exact: body.slice(reporter.span.start, reporter.span.end),
              },
            ]
          : []),
      ],
    });
  }
  return figures;
}

/** After "16 months," the clause goes on ("at obtaining …"), unlike ", and that …" or ", 9 have said". */
const CLAUSE_GOES_ON = /^\s+(?!(?:and|or|but|which|who|while|whereas)\b)\p{Ll}/u;
/** After a comma inside a list: one short item, then "and"/"or" (", and" after the list's commas too). */
const LIST_ITEM = /^\s+[\p{L}\p{N}][\p{L}\p{N}\s'’-]{0,30}?,?\s+(?:and|or)\s/u;

/**
 * What the figure measures, as the sentence says it: the figure and the rest of its clause, short
 * of an attribution ("…, reported The Intercept") — "86 additional staff to further develop its
 * decryption capability", where the unit is only "staff". The clause ends at a semicolon, a dash
 * or a comma, unless the figure alone comes before that comma ("16 months, at obtaining …") or
 * the comma is inside a list ("97 percent of calls, messages, and data collected by …").
 * A draft for an editor to rephrase, never more than the sentence.
 */
function subjectOf(body: string, figure: Range, sentenceEnd: number, attribution: Range | undefined): string {
  let end = attribution && attribution.start >= figure.end ? Math.min(attribution.start, sentenceEnd) : sentenceEnd;
  const rest = body.slice(figure.end, end);
  const stop = /\s[—–]\s|;|,/gu;
  let inList = false;
  for (let m = stop.exec(rest); m; m = stop.exec(rest)) {
    const after = rest.slice(m.index + 1);
    if (m[0] === ',' && rest.slice(0, m.index).trim() === '' && CLAUSE_GOES_ON.test(after)) continue;
    if (m[0] === ',' && (LIST_ITEM.test(after) || (inList && /^\s+(?:and|or)\s/.test(after)))) {
      inList = true;
      continue;
    }
    end = figure.end + m.index;
    break;
  }
  return body.slice(figure.start, end).replace(/[\s,;:.!?"“”'‘’—–-]+$/u, '');
}

/** The noun phrase after a number: up to four lowercase words, stopping at function words. */
function unitWords(text: string): { end: number }[] {
  const words: { end: number }[] = [];
  const pattern = /\s+([\p{Ll}][\p{Ll}-]*)/uy;
  let at = 0;
  while (words.length < 4) {
    pattern.lastIndex = at;
    const w = pattern.exec(text);
    if (!w) break;
    const word = (w[1] as string).toLowerCase();
    if (
      UNIT_STOP.has(word) ||
      ((word === 'more' || word === 'less') && /^\s+than\b/.test(text.slice(pattern.lastIndex)))
    )
      break;
    if (words.length > 0 && /(?:ing|ed)$/.test(word)) break;
    at = pattern.lastIndex;
    words.push({ end: at });
  }
  return words;
}

function reportedBy(
  index: TextIndex,
  sentence: Range,
  figure: Range,
  resolver: SpeakerResolver,
): { name: string; id: string | null; span: Range } | null {
  const { body } = index;
  const after = body.slice(figure.end, sentence.end);
  const tail = REPORTED_AFTER.exec(after);
  if (tail) {
    const phrase = (tail[2] ?? tail[3] ?? tail[4]) as string;
    const at = figure.end + after.indexOf(phrase, tail.index);
    const speaker = resolver.subject({ start: at, end: at + phrase.length });
    const spanStart = figure.end + after.lastIndexOf(',', at - figure.end) + 1;
    if (speaker)
      return { name: speaker.name, id: speaker.id, span: trim(body, { start: spanStart, end: sentence.end }) };
  }
  const lead = body.slice(sentence.start, figure.start);
  const according = REPORTED_BEFORE.exec(lead);
  if (according?.[1]) {
    const at = sentence.start + according.index + according[0].length - according[1].length;
    const speaker = resolver.subject({ start: at, end: at + according[1].length });
    if (speaker)
      return {
        name: speaker.name,
        id: speaker.id,
        span: { start: sentence.start + according.index, end: at + according[1].length },
      };
  }
  const verb = REPORT_VERB.exec(lead);
  if (verb) {
    // The subject is the clause right before the verb: "…research call, she said, and …".
    const comma = lead.lastIndexOf(',', verb.index);
    const clause = comma === -1 ? '' : lead.slice(comma + 1, verb.index).replace(/["“”]/g, '');
    const clauseStart = SHORT_SUBJECT.test(clause) ? comma + 1 : 0;
    const speaker = resolver.subject({ start: sentence.start + clauseStart, end: sentence.start + verb.index });
    // "She added that …", "the spokesperson said": a pronoun or a role counts when it resolves.
    if (speaker && (speaker.via !== 'pronoun' || speaker.kind === 'PERSON')) {
      return {
        name: speaker.name,
        id: speaker.id,
        span: { start: sentence.start, end: sentence.start + verb.index + verb[0].length },
      };
    }
  }
  return null;
}

function trim(body: string, r: Range): Range {
  const text = body.slice(r.start, r.end);
  const lead = text.length - text.trimStart().length;
  const trail = text.length - text.replace(/[\s.;]+$/, '').length;
  return { start: r.start + lead, end: r.end - trail };
}
