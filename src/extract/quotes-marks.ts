/**
 * Quotation marks → quoted segments, then segments → quotes. Straight and curly double marks and
 * single marks (curly or straight, told apart from apostrophes by where they stand); a quote
 * running over paragraphs (no closing mark at the paragraph's end, reopened in the next) and a
 * quote split around its attribution ("…," he said. "…") become one quote with several spans.
 */
import { SPEECH_VERBS } from './lexicon.ts';
import type { Range, TextIndex } from './text.ts';

export interface Segment {
  /** The opening mark's offset. */
  open: number;
  /** The closing mark's offset, or null when the paragraph ends first. */
  close: number | null;
  /** The quoted words, without surrounding spaces or a trailing comma. */
  content: Range;
  paragraph: number;
}

const isLetter = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isBoundary = (c: string | undefined) => c === undefined || /[\s([{—–-]/.test(c);

export function findSegments(index: TextIndex): Segment[] {
  const { body } = index;
  const segments: Segment[] = [];
  index.paragraphs.forEach((paragraph, p) => {
    let i = paragraph.start;
    while (i < paragraph.end) {
      const c = body[i] as string;
      const prev = i > paragraph.start ? body[i - 1] : undefined;
      const next = body[i + 1];
      let closeAt: (j: number) => boolean;
      if (c === '"' || c === '“') closeAt = (j) => body[j] === '"' || body[j] === '”';
      else if ((c === '‘' || c === "'") && isBoundary(prev) && isLetter(next)) {
        closeAt = (j) =>
          (body[j] === '’' || body[j] === "'") && !/\s/.test(body[j - 1] ?? ' ') && !isLetter(body[j + 1]);
      } else {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < paragraph.end && !closeAt(j)) j++;
      const closed = j < paragraph.end;
      const single = c === '‘' || c === "'";
      if (!closed && single) {
        i++; // an apostrophe, not an opening mark
        continue;
      }
      segments.push({ open: i, close: closed ? j : null, content: trimContent(body, i + 1, j), paragraph: p });
      i = j + 1;
    }
  });
  return segments.filter((s) => s.content.end > s.content.start);
}

function trimContent(body: string, start: number, end: number): Range {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(body[s] as string)) s++;
  while (e > s && /[\s,]/.test(body[e - 1] as string)) e--;
  return { start: s, end: e };
}

const VERB_PATTERN = new RegExp(`\\b(?:${SPEECH_VERBS.join('|')}|according to)\\b`, 'i');

/** Groups segments that are one quote: continued over paragraphs, or split by an attribution. */
export function groupSegments(index: TextIndex, segments: Segment[]): Segment[][] {
  const { body } = index;
  const groups: Segment[][] = [];
  for (let k = 0; k < segments.length; k++) {
    const group = [segments[k] as Segment];
    for (;;) {
      const last = group[group.length - 1] as Segment;
      const next = segments[k + 1];
      if (!next) break;
      const continued =
        last.close === null &&
        next.paragraph === last.paragraph + 1 &&
        next.open === index.paragraphs[next.paragraph]?.start;
      const between = last.close !== null ? body.slice(last.close + 1, next.open) : '';
      // `"…," he said, "…"`: the first part ends with a comma (inside or just outside its mark);
      // `"go after the money" but warned: "…"` is two quotes.
      const split =
        last.close !== null &&
        next.paragraph === last.paragraph &&
        (/,$/.test(body.slice(last.content.end, last.close)) || /^\s*,/.test(between)) &&
        !/[.!?]$/.test(body.slice(last.content.start, last.content.end)) &&
        between.length < 90 &&
        /^\s*,?\s*[^"“”]+[,.:]\s*$/.test(between) &&
        VERB_PATTERN.test(between);
      if (!continued && !split) break;
      group.push(next);
      k++;
    }
    groups.push(group);
  }
  return groups;
}
