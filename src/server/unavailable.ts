/**
 * Tells "the database cannot be reached" apart from every other failure, so a client gets
 * HTTP 503 + SERVICE_UNAVAILABLE (retry later) instead of a masked 500 (a bug of ours). Only
 * failures of the libSQL transport count: a refused or lost connection, a timeout, or an HTTP
 * error status from the server (401 for a wrong token, 5xx). Platform-neutral: the edge uses it.
 */
import { DrizzleQueryError } from 'drizzle-orm';
import { GraphQLError } from 'graphql';

export const DATABASE_UNAVAILABLE_MESSAGE = 'The database is unavailable. Try again shortly.';
export const TIMEOUT_MESSAGE = 'The request took longer than the server allows. Try again shortly, or ask for less.';

/** Seconds a client is told to wait (`Retry-After`) after a 503. */
export const RETRY_AFTER_SECONDS = 5;

/** `http` sets the response's status and headers; Yoga strips it from the body it sends. */
export const RETRY_LATER = { status: 503, headers: { 'retry-after': String(RETRY_AFTER_SECONDS) } };

/** The same error shape for every cause: no URL, status or token ever reaches the client. */
export function databaseUnavailable(at: Pick<GraphQLError, 'nodes' | 'path'>): GraphQLError {
  return new GraphQLError(DATABASE_UNAVAILABLE_MESSAGE, {
    ...at,
    extensions: { code: 'SERVICE_UNAVAILABLE', http: RETRY_LATER },
  });
}

/** The request's deadline (DATABASE_TIMEOUT_MS) passed before its database work was done. */
export function timedOut(at: Pick<GraphQLError, 'nodes' | 'path'>): GraphQLError {
  return new GraphQLError(TIMEOUT_MESSAGE, { ...at, extensions: { code: 'TIMEOUT', http: RETRY_LATER } });
}

/** The client left; nobody reads this answer, but the log says what happened (nginx's 499). */
export function cancelled(at: Pick<GraphQLError, 'nodes' | 'path'>): GraphQLError {
  return new GraphQLError('The client closed the request.', {
    ...at,
    extensions: { code: 'CANCELLED', http: { status: 499 } },
  });
}

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    // @libsql/client: HttpServerError (any non-2xx answer) becomes SERVER_ERROR; a broken
    // WebSocket or a stream closed by one of those keep their own codes.
    if (e.name === 'LibsqlError' && TRANSPORT_CODES.has((e as { code?: string }).code ?? '')) return true;
    // A failed `fetch` reaches drizzle unwrapped. Only directly under a query, so a TypeError
    // from a bug of ours elsewhere stays an internal error.
    if (e instanceof DrizzleQueryError && isFetchFailure(e.cause)) return true;
  }
  return false;
}

const TRANSPORT_CODES = new Set(['SERVER_ERROR', 'HRANA_WEBSOCKET_ERROR', 'HRANA_CLOSED_ERROR']);

function isFetchFailure(cause: unknown): boolean {
  if (!(cause instanceof Error)) return false;
  // Node (undici): TypeError "fetch failed", with ECONNREFUSED & co. as its cause.
  if (cause instanceof TypeError) return true;
  // The AbortSignal.timeout of our fetch (src/server/edge-db.ts): a DOMException.
  if (cause.name === 'TimeoutError' || cause.name === 'AbortError') return true;
  // workerd: a plain Error ("Network connection lost.") that it flags `retryable`.
  return 'retryable' in cause;
}
