/** Number formats for the Markdown report. */

/** Milliseconds to three significant digits (or "—" when not measured). */
export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  if (value >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

export function count(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return Math.round(value).toLocaleString('en-US');
}

/** A ratio such as "4.2×". */
export function ratio(a: number | null | undefined, b: number | null | undefined): string {
  if (!a || !b || !Number.isFinite(a) || !Number.isFinite(b)) return '—';
  const r = a / b;
  return `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}×`;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function table(header: string[], rows: string[][], numericFrom = 1): string {
  const rule = header.map((_, i) => (i >= numericFrom ? '---:' : '---'));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export function articles(n: number): string {
  return n >= 1000 ? `${n / 1000}k` : String(n);
}
