/**
 * Cuts an article body into runs for highlighting: plain text, and text inside one or more
 * spans. Offsets are the API's UTF-16 code-unit offsets, which are JavaScript string indices,
 * so `body.slice(start, end)` is exactly the span. Spans may overlap or touch; a run lists every
 * span it is inside. Pure: no DOM.
 */

export interface Span {
  start: number;
  end: number;
  /** What the span is, e.g. an evidence role ("MAIN_STATEMENT") or "MATCH". */
  label: string;
}

export interface Run {
  start: number;
  end: number;
  text: string;
  labels: string[];
}

export function highlightRuns(body: string, spans: Span[]): Run[] {
  const valid = spans.filter((s) => s.start >= 0 && s.end <= body.length && s.start < s.end);
  const cuts = new Set([0, body.length]);
  for (const span of valid) cuts.add(span.start).add(span.end);
  const points = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    const labels = valid.filter((s) => s.start <= start && s.end >= end).map((s) => s.label);
    runs.push({ start, end, text: body.slice(start, end), labels: [...new Set(labels)] });
  }
  return runs;
}
