/**
 * `GET /csv?query=…&variables=…`: the same GraphQL read as `/graphql`, answered as CSV for
 * spreadsheets and dashboard tools (one URL, no custom headers). The first list of objects in the
 * result becomes the rows; nested objects become `parent.child` columns; lists become JSON text.
 * Quoting follows RFC 4180 ("€500,000" has a comma, so it is quoted). A string cell that a
 * spreadsheet would run as a formula (it starts with =, +, -, @, a tab or a carriage return) is
 * neutralised the OWASP way: prefixed with a single quote and quoted. Numbers are left as they are.
 */
import type { Plugin } from 'graphql-yoga';
import { onRequestWhere } from './route-hook.ts';
import type { ServerFetch } from './server-fetch.ts';

export function useCsvExport(graphql: () => ServerFetch): Plugin {
  return {
    onRequest: onRequestWhere(
      ({ url }) => url.pathname === '/csv',
      async ({ request, url, fetchAPI, endResponse, serverContext }) => {
        const text = (status: number, body: string) =>
          new fetchAPI.Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
        if (request.method !== 'GET') return endResponse(text(405, 'Use GET /csv?query=…'));
        if (!url.searchParams.get('query'))
          return endResponse(text(400, 'The query parameter is missing: /csv?query={…}'));
        const inner = new URL(url);
        inner.pathname = '/graphql';
        const response = await graphql()(
          new fetchAPI.Request(inner, { headers: { accept: 'application/json' } }),
          serverContext as Record<string, unknown>,
        );
        const result = (await response.json()) as { data?: unknown; errors?: { message: string }[] };
        if (result.errors?.length) {
          // A request error is the caller's (400); the server's own refusals keep their status and
          // Retry-After: 503 at the deadline or with the database down, 429 when rate limited.
          const failed = text(
            response.status >= 429 ? response.status : 400,
            result.errors.map((e) => e.message).join('\n'),
          );
          const retryAfter = response.headers.get('retry-after');
          if (retryAfter) failed.headers.set('retry-after', retryAfter);
          return endResponse(failed);
        }
        const rows = firstList(result.data);
        if (!rows) return endResponse(text(400, 'The result has no list of objects to turn into rows.'));
        endResponse(
          new fetchAPI.Response(toCsv(rows), {
            status: 200,
            headers: {
              'content-type': 'text/csv; charset=utf-8; header=present',
              'content-disposition': 'inline; filename="dossier.csv"',
            },
          }),
        );
      },
    ),
  };
}

/** The first array of objects met walking the result in field order (e.g. `timeSeries`, `nodes`). */
function firstList(value: unknown): Record<string, unknown>[] | null {
  if (Array.isArray(value)) return value.every((v) => v && typeof v === 'object' && !Array.isArray(v)) ? value : null;
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) {
      const found = firstList(child);
      if (found) return found;
    }
  }
  return null;
}

function flatten(value: unknown, prefix: string, into: Map<string, unknown>) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, into);
  } else {
    into.set(prefix, Array.isArray(value) ? JSON.stringify(value) : value);
  }
  return into;
}

/**
 * The columns in the result's field order. A nested object that is null in some rows (a funding
 * item without a funder) flattens to a bare `funder` there and to `funder.name` elsewhere: the
 * bare name is no column of its own, its fields are, placed where the object's field came first.
 */
function orderedColumns(seen: string[]): string[] {
  const firstSeen = new Map(seen.map((column, index) => [column, index]));
  const placeOf = (column: string) => {
    let place = firstSeen.get(column) ?? Number.POSITIVE_INFINITY;
    for (let dot = column.indexOf('.'); dot !== -1; dot = column.indexOf('.', dot + 1)) {
      place = Math.min(place, firstSeen.get(column.slice(0, dot)) ?? Number.POSITIVE_INFINITY);
    }
    return place;
  };
  const leaves = seen.filter((column) => !seen.some((other) => other.startsWith(`${column}.`)));
  // A stable sort: fields of one object keep the order they were met in.
  return leaves
    .map((column, index) => ({ column, index, place: placeOf(column) }))
    .sort((a, b) => a.place - b.place || a.index - b.index)
    .map(({ column }) => column);
}

/** What Excel, LibreOffice and Google Sheets take for the start of a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: unknown): string {
  if (typeof value === 'string' && FORMULA_START.test(value)) return quoted(`'${value}`);
  const text = value == null ? '' : String(value);
  return /[",\r\n]/.test(text) ? quoted(text) : text;
}

function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

export function toCsv(rows: Record<string, unknown>[]): string {
  const flat = rows.map((row) => flatten(row, '', new Map()));
  const columns = orderedColumns([...new Set(flat.flatMap((row) => [...row.keys()]))]);
  const lines = [columns.map(cell).join(','), ...flat.map((row) => columns.map((c) => cell(row.get(c))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
