/**
 * The page's only way to the data: the public GraphQL endpoint (POST /graphql), as any client
 * would use it. Every failure becomes an ApiError whose message says, in words, what went wrong;
 * a rate-limited answer (HTTP 429, RATE_LIMITED, Retry-After) is waited out visibly and tried
 * again, a bounded number of times.
 */

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

interface GraphQLErrorJson {
  message?: string;
  path?: (string | number)[];
  extensions?: { code?: string; argument?: string };
}

/** Told, in words, while the page waits on the API (e.g. a rate limit's Retry-After). */
export type Waiting = (message: string | undefined) => void;

const RETRIES_AFTER_RATE_LIMIT = 2;
const LONGEST_WAIT_S = 60;

export async function graphql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  waiting: Waiting = () => {},
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    let response: Response;
    try {
      response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
    } catch {
      throw new ApiError('The API could not be reached. Check the connection, then reload the page.');
    }
    if (response.status === 429) {
      const seconds = retryAfterSeconds(response.headers.get('retry-after'));
      if (attempt < RETRIES_AFTER_RATE_LIMIT && seconds <= LONGEST_WAIT_S) {
        waiting(`The API is limiting how much this page may ask for (rate limited). Trying again in ${seconds} s…`);
        await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
        waiting(undefined);
        continue;
      }
      throw new ApiError(
        `The API is limiting how much this page may ask for (RATE_LIMITED). Try again in ${seconds} s.`,
        'RATE_LIMITED',
      );
    }
    return readAnswer<T>(response);
  }
}

async function readAnswer<T>(response: Response): Promise<T> {
  const text = await response.text();
  let body: { data?: T; errors?: GraphQLErrorJson[] } | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.status === 503) {
    throw new ApiError('The API cannot reach its database right now (SERVICE_UNAVAILABLE). Try again shortly.');
  }
  if (body?.errors?.length) {
    const first = body.errors[0] as GraphQLErrorJson;
    throw new ApiError(`The API answered with an error: ${describe(first)}`, first.extensions?.code);
  }
  if (!response.ok || !body?.data) {
    throw new ApiError(`The API answered HTTP ${response.status}: ${text.slice(0, 200) || 'no body'}`);
  }
  return body.data;
}

function describe(error: GraphQLErrorJson): string {
  const where = error.extensions?.argument ?? error.path?.join('.');
  const code = error.extensions?.code;
  const details = [code, where && `at ${where}`].filter(Boolean).join(', ');
  return `${error.message ?? 'unknown error'}${details ? ` (${details})` : ''}`;
}

/** Retry-After is seconds or an HTTP date; 5 s when absent or unreadable. */
export function retryAfterSeconds(header: string | null, now = Date.now()): number {
  if (!header) return 5;
  if (/^\d+$/.test(header.trim())) return Math.max(1, Number(header.trim()));
  const date = Date.parse(header);
  return Number.isNaN(date) ? 5 : Math.max(1, Math.ceil((date - now) / 1000));
}

/** A GET URL that runs this query: GraphiQL in a browser, JSON for a program. */
export function graphqlUrl(query: string, variables: Record<string, unknown>): string {
  return `/graphql?${new URLSearchParams({ query: compact(query), variables: JSON.stringify(variables) })}`;
}

/** The same query's rows as CSV (the API's /csv route). */
export function csvUrl(query: string, variables: Record<string, unknown>): string {
  return `/csv?${new URLSearchParams({ query: compact(query), variables: JSON.stringify(variables) })}`;
}

function compact(query: string): string {
  return query.replace(/\s+/g, ' ').trim();
}
