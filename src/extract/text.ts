/** Paragraphs, sentences and small text helpers shared by the extractor's rules. */
import { type Range, sentenceRanges } from '../text/sentences.ts';

export type { Range };

export interface TextIndex {
  body: string;
  paragraphs: Range[];
  sentences: Range[];
}

/**
 * Paragraphs are separated by blank lines; a text without any blank line (plain text pasted
 * with single line breaks) is split at every line break instead.
 */
export function paragraphRanges(body: string): Range[] {
  const separator = /\n\s*\n/.test(body) ? /\n\s*\n/g : /\n/g;
  const ranges: Range[] = [];
  let start = 0;
  for (const gap of body.matchAll(separator)) {
    pushTrimmed(ranges, body, start, gap.index);
    start = gap.index + gap[0].length;
  }
  pushTrimmed(ranges, body, start, body.length);
  return ranges;
}

function pushTrimmed(ranges: Range[], body: string, start: number, end: number) {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(body[s] as string)) s++;
  while (e > s && /\s/.test(body[e - 1] as string)) e--;
  if (s < e) ranges.push({ start: s, end: e });
}

export function indexText(body: string): TextIndex {
  return { body, paragraphs: paragraphRanges(body), sentences: sentenceRanges(body) };
}

/** The sentence containing `offset` (or the nearest one before it). */
export function sentenceAt(index: TextIndex, offset: number): Range {
  // Binary search: every rule asks for the sentence around a match, hundreds of times an article.
  const { sentences } = index;
  let low = 0;
  let high = sentences.length - 1;
  let found: Range | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const s = sentences[mid] as Range;
    if (s.start <= offset) {
      found = s;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found ?? { start: 0, end: index.body.length };
}

export function paragraphAt(index: TextIndex, offset: number): number {
  let found = 0;
  index.paragraphs.forEach((p, i) => {
    if (p.start <= offset) found = i;
  });
  return found;
}

export const contains = (outer: Range, inner: Range) => outer.start <= inner.start && inner.end <= outer.end;
export const overlaps = (a: Range, b: Range) => a.start < b.end && b.start < a.end;

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
