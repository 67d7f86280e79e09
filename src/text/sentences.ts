/**
 * Sentence boundaries in an article body, as UTF-16 offsets. Paragraphs (blank-line separated)
 * never share a sentence, so a subheading such as "Vulnerable backdoors" stays on its own.
 * A sentence ends at . ! or ? (plus any closing quotes or brackets) followed by whitespace;
 * "€18.5" does not end one because no whitespace follows the point, and a full stop inside a
 * quotation ("…agreements yet. I do hope…," noted King.) does not end the sentence around it.
 */
export interface Range {
  start: number;
  end: number;
}

const SENTENCE_END = /[.!?]["'”’)\]]*(?=\s)/g;
const PARAGRAPH = /[^\n]+(?:\n(?!\s*\n)[^\n]+)*/g;

export function sentenceRanges(body: string): Range[] {
  const ranges: Range[] = [];
  for (const paragraph of body.matchAll(PARAGRAPH)) {
    const text = paragraph[0];
    const offset = paragraph.index;
    let start = 0;
    for (const stop of text.matchAll(SENTENCE_END)) {
      const end = stop.index + stop[0].length;
      if (insideQuotation(text, end)) continue;
      pushTrimmed(ranges, text, offset, start, end);
      start = end;
    }
    pushTrimmed(ranges, text, offset, start, text.length);
  }
  return ranges;
}

/** An odd number of quotation marks before `offset` means a quotation is still open there. */
function insideQuotation(text: string, offset: number): boolean {
  const marks = text.slice(0, offset).match(/["“”]/g);
  return (marks?.length ?? 0) % 2 === 1;
}

function pushTrimmed(ranges: Range[], text: string, offset: number, start: number, end: number) {
  const slice = text.slice(start, end);
  const leading = slice.length - slice.trimStart().length;
  const trailing = slice.length - slice.trimEnd().length;
  if (start + leading < end - trailing) {
    ranges.push({ start: offset + start + leading, end: offset + end - trailing });
  }
}

/** The smallest run of whole sentences that contains `span` (a quote may run over two). */
export function enclosingSentence(sentences: Range[], span: Range): Range {
  const first = sentences.find((s) => s.end > span.start);
  const last = sentences.findLast((s) => s.start < span.end);
  if (!first || !last) return span;
  return { start: Math.min(first.start, span.start), end: Math.max(last.end, span.end) };
}
