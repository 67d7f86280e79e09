/** The one check every span passes before it is written: its offsets really hold its text. */
export interface Span {
  start: number;
  end: number;
  exact: string;
}

/** Returns what is wrong with `span` as an offset into `body`, or null when it is exact. */
export function checkSpan(body: string, span: Span): string | null {
  const { start, end, exact } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start) {
    return `offsets ${start}..${end} are not a non-empty range`;
  }
  if (end > body.length) return `end ${end} is past the end of the body (${body.length} UTF-16 code units)`;
  const found = body.slice(start, end);
  if (found !== exact) {
    return `body.slice(${start}, ${end}) is ${JSON.stringify(found)}, not ${JSON.stringify(exact)}`;
  }
  return null;
}
