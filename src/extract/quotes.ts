/**
 * Quotes: quoted words that someone said. A quotation is speech when an attribution names who
 * said it — after it ("…," he said / said King / according to X), before it in the same sentence
 * (X said: "…" / X notes that it "…" / According to X, "…"), or, for a paragraph that is only a
 * quote, the speaker of the quote just before. Scare quotes, titles and named things are not
 * speech: words in title case, words right after "a", "the", "so-called", "dubbed"…, and one or
 * two words without a colon introducing them.
 */
import { NAMING_CUES, SPEECH_VERBS } from './lexicon.ts';
import { findSegments, groupSegments, type Segment } from './quotes-marks.ts';
import type { Speaker, SpeakerResolver } from './speakers.ts';
import { type Range, round2, sentenceAt, type TextIndex } from './text.ts';
import { type Evidence, EXTRACTOR_VERSION, type QuoteProposal } from './types.ts';

const VERBS = SPEECH_VERBS.join('|');
/** A speech verb as the first verb after the closing mark: `," he said` / `," said King`. */
const AFTER = new RegExp(`^[\\s,;]*((?:[^.?!"“”\\s]+\\s+){0,6}?)(${VERBS}|according to)\\b`, 'i');
const VERB_ANYWHERE = new RegExp(`\\b(${VERBS}|according to)\\b`, 'gi');
/**
 * A subject with an apposition or a relative clause before the verb: `," Marta Lindqvist,
 * Sweden's minister for migration, who chaired …, told reporters`.
 */
const AFTER_APPOSITION = new RegExp(
  `^[\\s,;]*((?:the\\s+|a\\s+|an\\s+)?[^,.;:?!"“”\\s][^,.;:?!"“”]{0,60}),[^.;?!"“”]{1,200}?,\\s+(?:${VERBS})\\b`,
  'i',
);
const SMALL_WORDS = new Set(['of', 'the', 'and', 'for', 'in', 'on', 'a', 'an', 'to', 'at', 'by', 'with', 'or']);

export interface QuoteAnalysis {
  quotes: QuoteProposal[];
  /** Every quoted stretch, speech or not: names inside them are not speakers. */
  quotedRanges: Range[];
}

export function quotedRanges(index: TextIndex): { groups: Segment[][]; ranges: Range[] } {
  const groups = groupSegments(index, findSegments(index));
  const ranges = groups.flatMap((g) => g.map((s) => s.content));
  return { groups, ranges };
}

interface Attribution {
  speaker: Speaker | null;
  span: Range;
  how: 'after' | 'colon' | 'before' | 'follow-up' | 'headline';
}

export function findQuotes(index: TextIndex, groups: Segment[][], resolver: SpeakerResolver): QuoteProposal[] {
  const { body } = index;
  const quotes: QuoteProposal[] = [];
  const headlines: { group: Segment[]; words: number }[] = [];
  for (const group of groups) {
    const first = group[0] as Segment;
    const words = group.reduce((n, s) => n + wordCount(body.slice(s.content.start, s.content.end)), 0);
    if (isNamedThing(body, first, words)) continue;
    let attribution = after(index, group, resolver) ?? before(index, first, resolver);
    if (!attribution) attribution = followUp(index, first, quotes);
    if (!attribution) attribution = leadSentence(index, first, resolver);
    if (!attribution) attribution = colonWithoutSpeaker(index, first, words);
    if (!attribution && isHeadline(index, first) && words >= 3) {
      headlines.push({ group, words });
      continue;
    }
    if (!attribution) continue;
    if (words <= 2 && attribution.how !== 'colon' && attribution.how !== 'after') continue;
    quotes.push(proposal(body, group, attribution, words));
  }
  // A quote in the headline is, as a rule, the words of the article's main speaker.
  const main = mainSpeaker(quotes);
  for (const { group, words } of headlines) {
    const paragraph = index.paragraphs[group[0]?.paragraph ?? 0] as Range;
    quotes.push(proposal(body, group, { speaker: main, span: paragraph, how: 'headline' }, words));
  }
  return quotes.sort((a, b) => a.start - b.start);
}

function proposal(body: string, group: Segment[], attribution: Attribution, words: number): QuoteProposal {
  const first = group[0] as Segment;
  {
    const spans = group.map((s) => s.content);
    // The parts of a split quote are joined with an ellipsis: words were left out between them.
    const text = spans.map((s) => body.slice(s.start, s.end)).join(' … ');
    const main = spans[0] as Range;
    const speaker = attribution.speaker;
    const evidence: Evidence[] = spans.map((s) => ({
      ...s,
      role: 'MAIN_STATEMENT',
      exact: body.slice(s.start, s.end),
    }));
    evidence.push({
      ...attribution.span,
      role: 'ATTRIBUTION',
      exact: body.slice(attribution.span.start, attribution.span.end),
    });
    return {
      text,
      speaker: speaker?.name ?? null,
      speakerId: speaker?.id ?? null,
      speakerAsWritten: body.slice(attribution.span.start, attribution.span.end),
      kind: isFullSentence(body, first) ? 'FULL_SENTENCE' : 'PARTIAL',
      spans,
      start: main.start,
      end: main.end,
      confidence: confidence(attribution, words),
      extractorVersion: EXTRACTOR_VERSION,
      evidence,
    };
  }
}

/** The speaker quoted most often (the first of them on a tie), for quotes in the headline. */
function mainSpeaker(quotes: QuoteProposal[]): Speaker | null {
  const counts = new Map<string, { speaker: Speaker; n: number }>();
  for (const q of quotes) {
    if (!q.speaker) continue;
    const entry = counts.get(q.speaker) ?? {
      speaker: { key: '', name: q.speaker, id: q.speakerId, kind: 'PERSON', via: 'role' },
      n: 0,
    };
    entry.n++;
    counts.set(q.speaker, entry);
  }
  let best: { speaker: Speaker; n: number } | null = null;
  for (const entry of counts.values()) if (!best || entry.n > best.n) best = entry;
  return best?.speaker ?? null;
}

/** The first paragraph, when it reads as a headline: one line with no sentence-ending stop. */
function isHeadline(index: TextIndex, first: Segment): boolean {
  if (first.paragraph !== 0) return false;
  const paragraph = index.paragraphs[0] as Range;
  const text = index.body.slice(paragraph.start, paragraph.end);
  return !text.includes('\n') && !/[.!?]["'”’]?\s/.test(text) && !/[.]$/.test(text);
}

/**
 * `She paused. "No. Honestly, no."` / `Vasquez-Roth laughed. "Ask me in November."`: a quote that
 * opens a sentence after a short sentence whose subject (its first words) is a person.
 */
function leadSentence(index: TextIndex, first: Segment, resolver: SpeakerResolver): Attribution | null {
  const { body } = index;
  const paragraph = index.paragraphs[first.paragraph] as Range;
  const lead = body.slice(paragraph.start, first.open);
  if (!/[.!?]\s+$/.test(lead) || !/^\p{Lu}/u.test(body.slice(first.content.start, first.content.start + 1)))
    return null;
  const previous = sentenceAt(index, first.open - 2);
  if (previous.start < paragraph.start || /["“”]/.test(body.slice(previous.start, previous.end))) return null;
  const subject = /^(?:\S+\s+){0,2}\S+/.exec(body.slice(previous.start, previous.end))?.[0] ?? '';
  const range = { start: previous.start, end: previous.start + subject.length };
  const speaker = resolver.subject(range);
  if (speaker?.kind !== 'PERSON') return null;
  return { speaker, span: { start: previous.start, end: previous.end }, how: 'follow-up' };
}

/** `One EU diplomat summed up the mood: "…"`: a full quote introduced by a colon is speech. */
function colonWithoutSpeaker(index: TextIndex, first: Segment, words: number): Attribution | null {
  const { body } = index;
  const sentence = sentenceAt(index, first.open);
  const lead = body.slice(sentence.start, first.open);
  if (words < 4 || !/\p{Ll}\s*:\s*$/u.test(lead) || lead.trim().split(/\s+/).length < 3) return null;
  if (!/^\p{Lu}/u.test(body.slice(first.content.start, first.content.start + 1))) return null;
  return { speaker: null, span: trimmed(body, { start: sentence.start, end: first.open }), how: 'colon' };
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Titles, labels and scare quotes: not speech. */
function isNamedThing(body: string, first: Segment, words: number): boolean {
  const content = body.slice(first.content.start, first.content.end);
  const significant = content.split(/\s+/).filter((w) => !SMALL_WORDS.has(w.toLowerCase()));
  const capitalised = significant.filter((w) => /^\p{Lu}/u.test(w)).length;
  if (significant.length >= 2 && capitalised === significant.length && !/[.!?]$/.test(content)) return true;
  const previous = /([\p{L}-]+)\s*$/u.exec(body.slice(Math.max(0, first.open - 30), first.open))?.[1]?.toLowerCase();
  if (previous && NAMING_CUES.includes(previous) && words < 12) return true;
  return false;
}

function isFullSentence(body: string, first: Segment): boolean {
  const opensWithCapital = /^\p{Lu}/u.test(body.slice(first.content.start, first.content.start + 1));
  const lead = body.slice(Math.max(0, first.open - 3), first.open);
  return opensWithCapital && (first.open === 0 || /(?:[:.!?]\s*|\n\s*|^\s*)$/.test(lead) || /,\s*$/.test(lead));
}

/** `"…," he said.` / `"…?" asked Lars Nygaard, a Danish MEP.` / `"…," according to the ministry.` */
function after(index: TextIndex, group: Segment[], resolver: SpeakerResolver): Attribution | null {
  const { body } = index;
  // For a split quote the attribution sits between the parts; otherwise after the last one.
  const candidates =
    group.length > 1 && group[1]?.paragraph === group[0]?.paragraph ? [group[0]] : [group[group.length - 1]];
  let unresolved: Attribution | null = null;
  for (const segment of candidates) {
    if (!segment || segment.close === null) continue;
    const from = segment.close + 1;
    const paragraphEnd = index.paragraphs[segment.paragraph]?.end ?? body.length;
    const rest = body.slice(from, Math.min(paragraphEnd, from + 300));
    const apposition = AFTER.exec(rest) ? null : AFTER_APPOSITION.exec(rest);
    if (apposition?.[1]) {
      const lead = rest.indexOf(apposition[1]);
      const subject = { start: from + lead, end: from + lead + apposition[1].trimEnd().length };
      const speaker = resolver.phrase(subject);
      if (speaker) return { speaker, span: { start: subject.start, end: from + apposition[0].length }, how: 'after' };
    }
    const m = AFTER.exec(rest);
    // "…", saying / noting: a participle continues the sentence, it does not attribute the quote.
    if (!m || /ing$/i.test(m[2] ?? '')) continue;
    const lead = rest.length - rest.trimStart().replace(/^[,;]\s*/, '').length;
    const subjectText = m[1] ?? '';
    const verbEnd = from + m.index + m[0].length;
    if (subjectText.trim()) {
      // `" and asked for …` continues the sentence: only a name, a pronoun or "the/a …" attributes.
      if (!/^(?:(?:he|she|it|they|the|a|an|its|his|her|their)\b|\p{Lu})/u.test(subjectText.trim())) continue;
      const subject = { start: from + lead, end: from + lead + subjectText.trimEnd().length };
      const speaker = resolver.phrase(subject);
      // An attribution whose subject resolves to no one ("he" with nobody named before) still
      // makes the quote speech; a later candidate may name the speaker.
      if (!speaker) {
        unresolved ??= { speaker: null, span: { start: subject.start, end: verbEnd }, how: 'after' };
        continue;
      }
      return { speaker, span: { start: subject.start, end: verbEnd }, how: 'after' };
    }
    // Verb first: the speaker is the phrase after it, up to a comma or the sentence's end.
    const objectMatch = /^\s+((?:the\s+|a\s+|an\s+)?[^,.;?!"“”]{1,60})/.exec(body.slice(verbEnd, paragraphEnd));
    if (!objectMatch?.[1]) continue;
    const objectStart = verbEnd + (objectMatch[0].length - objectMatch[1].length);
    const object = { start: objectStart, end: objectStart + objectMatch[1].trimEnd().length };
    return { speaker: resolver.phrase(object), span: { start: from + lead, end: object.end }, how: 'after' };
  }
  return unresolved;
}

/** `X said: "…"` / `X notes that it "…"` / `According to X, "…"`, within the quote's sentence. */
function before(index: TextIndex, first: Segment, resolver: SpeakerResolver): Attribution | null {
  const { body } = index;
  const sentence = sentenceAt(index, first.open);
  const clause = { start: sentence.start, end: first.open };
  const text = body.slice(clause.start, clause.end);
  if (/:\s*$/.test(text)) {
    const subject = { start: clause.start, end: clause.start + text.lastIndexOf(':') };
    const speaker = resolver.subject(subject);
    if (speaker) return { speaker, span: trimmed(body, subject), how: 'colon' };
  }
  const verbs = [...text.matchAll(VERB_ANYWHERE)].filter((v) => !insideMarks(text, v.index));
  const verb = verbs[verbs.length - 1];
  if (!verb) return null;
  const verbStart = clause.start + verb.index;
  const verbEnd = verbStart + verb[0].length;
  if (/^according to$/i.test(verb[0])) {
    const object = /^\s*([^,"“”]{1,80})/.exec(body.slice(verbEnd, first.open));
    const objectRange = object?.[1]
      ? { start: verbEnd + object[0].length - object[1].length, end: verbEnd + object[0].length }
      : null;
    const speaker = objectRange ? (resolver.subject({ start: verbEnd, end: first.open }) ?? null) : null;
    return { speaker, span: { start: verbStart, end: objectRange?.end ?? verbEnd }, how: 'before' };
  }
  const subjectRange = { start: clause.start, end: verbStart };
  const speaker = resolver.subject(subjectRange);
  const subjectStart = speaker ? firstWordOf(body, subjectRange, speaker.name) : verbStart;
  const tail = /^\s+that\s+(?:it|they|he|she)\b/.exec(body.slice(verbEnd, first.open));
  return { speaker, span: { start: subjectStart, end: verbEnd + (tail?.[0].length ?? 0) }, how: 'before' };
}

/** A paragraph that is only a quote continues the quote of the paragraph before. */
function followUp(index: TextIndex, first: Segment, earlier: QuoteProposal[]): Attribution | null {
  const paragraph = index.paragraphs[first.paragraph];
  if (!paragraph || first.open !== paragraph.start) return null;
  const previous = earlier[earlier.length - 1];
  if (!previous?.speaker) return null;
  const previousParagraph = index.paragraphs.findIndex((p) => p.start <= previous.start && previous.start < p.end);
  if (first.paragraph - previousParagraph > 2) return null;
  const attribution = previous.evidence.find((e) => e.role === 'ATTRIBUTION') as Evidence;
  return {
    speaker: { key: '', name: previous.speaker, id: previous.speakerId, kind: 'PERSON', via: 'name' },
    span: { start: attribution.start, end: attribution.end },
    how: 'follow-up',
  };
}

function insideMarks(text: string, at: number): boolean {
  return ((text.slice(0, at).match(/["“”]/g)?.length ?? 0) & 1) === 1;
}

function trimmed(body: string, range: Range): Range {
  const text = body.slice(range.start, range.end);
  const lead = text.length - text.trimStart().length;
  return { start: range.start + lead, end: range.start + text.trimEnd().length };
}

/** Where the speaker's words begin in the clause (for the ATTRIBUTION span). */
function firstWordOf(body: string, range: Range, name: string): number {
  const text = body.slice(range.start, range.end);
  const lastWord = name.split(/\s+/).pop() ?? name;
  const at = text.search(new RegExp(`\\b(?:the\\s+)?(?:${name.split(/\s+/)[0]}|${lastWord})`, 'i'));
  if (at !== -1) return range.start + at;
  const pronoun = text.search(/\b(?:he|she|it|they)\b/i);
  return pronoun !== -1 ? range.start + pronoun : trimmed(body, range).start;
}

function confidence(attribution: Attribution, words: number): number {
  const base = { after: 0.9, colon: 0.8, before: 0.8, 'follow-up': 0.6, headline: 0.5 }[attribution.how];
  const speaker = attribution.speaker
    ? attribution.speaker.via === 'name' || attribution.speaker.via === 'organisation'
      ? 1
      : 0.9
    : 0.5;
  return round2(Math.min(1, base * speaker * (words < 4 ? 0.85 : 1)));
}
