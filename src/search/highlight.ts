/**
 * FTS5 gives no character offsets to SQL. The search asks highlight() to wrap each match of the
 * whole field in two sentinel control characters, and the offsets are computed here, in UTF-16
 * code units (JavaScript string indices) of the field's text without the sentinels: for an
 * article body, the same offsets as evidence spans.
 */

/** Opens a match in highlight() and snippet() output (STX, never part of article text). */
export const MATCH_START = '\u0002';
/** Closes a match (ETX). */
export const MATCH_END = '\u0003';

export interface TextRange {
  start: number;
  end: number;
}

/** The ranges between sentinels, as offsets into the text with the sentinels removed. */
export function matchRanges(marked: string): TextRange[] {
  const ranges: TextRange[] = [];
  let removed = 0;
  let open: number | null = null;
  for (let i = 0; i < marked.length; i++) {
    const c = marked[i];
    if (c === MATCH_START) {
      open = i - removed;
      removed++;
    } else if (c === MATCH_END) {
      if (open !== null && open < i - removed) ranges.push({ start: open, end: i - removed });
      open = null;
      removed++;
    }
  }
  return ranges;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** A snippet as HTML: text escaped (&, <, >), matches in <mark>…</mark>. */
export function snippetHtml(marked: string): string {
  return marked
    .replace(/[&<>]/g, (c) => HTML_ESCAPES[c] ?? c)
    .replaceAll(MATCH_START, '<mark>')
    .replaceAll(MATCH_END, '</mark>');
}
