/**
 * The dashboard's filters live in the URL, so a view can be bookmarked and shared; the embeds
 * take the same parameters. This reads them (checking each value against the API's own enum
 * values and saying what it ignored, in words) and writes them back. Pure: no DOM.
 */

export const GROUPINGS = ['stage', 'funder', 'programme'] as const;
export type Grouping = (typeof GROUPINGS)[number];

export interface Filters {
  /** How the funding totals are grouped (currency is always a key). */
  by: Grouping;
  currency?: string;
  stage?: string;
  funder?: string;
  status?: string;
  /** The day "overdue" is judged by; today (UTC) when absent. */
  asOf?: string;
  speaker?: string;
  quote?: string;
  q?: string;
}

/** The API's enum values, read from its schema (so new values are accepted without a rebuild). */
export interface Vocabulary {
  currencies: string[];
  stages: string[];
  statuses: string[];
}

const KNOWN = ['by', 'currency', 'stage', 'funder', 'status', 'asOf', 'speaker', 'quote', 'q'] as const;
/** Global IDs and search text are checked by the API; this only bounds them. */
const MAX_ID = 200;
const MAX_QUERY = 500;

export function parseFilters(search: string, vocabulary: Vocabulary): { filters: Filters; problems: string[] } {
  const params = new URLSearchParams(search);
  const problems: string[] = [];
  const filters: Filters = { by: 'stage' };
  for (const name of new Set(params.keys())) {
    if (!(KNOWN as readonly string[]).includes(name)) {
      problems.push(`Unknown parameter "${name}" in the address (ignored). Known: ${KNOWN.join(', ')}.`);
    }
  }
  const text = (name: string) => params.get(name)?.trim() || undefined;
  const oneOf = (name: string, what: string, allowed: readonly string[]) => {
    const value = text(name);
    if (value === undefined) return undefined;
    const found = allowed.find((option) => option.toLowerCase() === value.toLowerCase());
    if (!found) problems.push(`Unknown ${what} "${value}" in the address (ignored): choose ${list(allowed)}.`);
    return found;
  };
  const id = (name: string, what: string) => {
    const value = text(name);
    if (value && value.length > MAX_ID) {
      problems.push(`The ${what} in the address is too long to be an ID (ignored).`);
      return undefined;
    }
    return value;
  };

  filters.by = (oneOf('by', 'grouping', GROUPINGS) as Grouping | undefined) ?? 'stage';
  filters.currency = oneOf('currency', 'currency', vocabulary.currencies);
  filters.stage = oneOf('stage', 'funding stage', vocabulary.stages);
  filters.status = oneOf('status', 'measure status', vocabulary.statuses);
  filters.funder = id('funder', 'funder');
  filters.speaker = id('speaker', 'speaker');
  filters.quote = id('quote', 'quote');
  const asOf = text('asOf');
  if (asOf !== undefined) {
    if (isDay(asOf)) filters.asOf = asOf;
    else problems.push(`"${asOf}" is not a day in the form YYYY-MM-DD (asOf, ignored): overdue is judged as of today.`);
  }
  const q = text('q');
  if (q !== undefined) {
    if (q.length <= MAX_QUERY) filters.q = q;
    else problems.push(`The search text is longer than ${MAX_QUERY} characters (ignored).`);
  }
  for (const key of Object.keys(filters) as (keyof Filters)[]) if (filters[key] === undefined) delete filters[key];
  return { filters, problems };
}

/** The query string for these filters, defaults left out, in a stable order. */
export function filtersToSearch(filters: Filters): string {
  const params = new URLSearchParams();
  for (const name of KNOWN) {
    const value = filters[name];
    if (value === undefined || (name === 'by' && value === 'stage')) continue;
    params.set(name, value);
  }
  const search = params.toString();
  return search ? `?${search}` : '';
}

/** A real calendar day, YYYY-MM-DD (2019-02-30 is not). */
export function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function todayUtc(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

function list(options: readonly string[]): string {
  if (options.length <= 1) return options.join('');
  return `${options.slice(0, -1).join(', ')} or ${options[options.length - 1]}`;
}
