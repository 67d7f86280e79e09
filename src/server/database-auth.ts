/**
 * A libSQL server that refuses our token is a deploy mistake, not an outage: retrying will not
 * help, an operator must fix DATABASE_AUTH_TOKEN. Clients get 503 DATABASE_AUTH_FAILED (no detail),
 * the log an `error` line, start-up and scripts one sentence naming the server and the status.
 * Platform-neutral: the edge uses it.
 */
import { GraphQLError } from 'graphql';
import { redact } from './database-url.ts';

export const DATABASE_AUTH_FAILED_MESSAGE = 'The server is misconfigured and cannot use its database.';

/** The HTTP status (401 or 403) when the error, or one of its causes, is the server refusing the token. */
export function refusedTokenStatus(error: unknown): number | undefined {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    // @libsql/client wraps hrana's HttpServerError (which carries the status) in a LibsqlError.
    const status = (e as { status?: unknown }).status;
    if (e.name === 'HttpServerError' && (status === 401 || status === 403)) return status;
  }
  return undefined;
}

export function databaseAuthFailed(at: Pick<GraphQLError, 'nodes' | 'path'>): GraphQLError {
  return new GraphQLError(DATABASE_AUTH_FAILED_MESSAGE, {
    ...at,
    extensions: { code: 'DATABASE_AUTH_FAILED', http: { status: 503 } },
  });
}

/** "the libSQL server at https://… refused the token (HTTP 401): check DATABASE_AUTH_TOKEN", or undefined. */
export function describeRefusedToken(error: unknown, url: string | undefined): string | undefined {
  const status = refusedTokenStatus(error);
  if (status === undefined) return undefined;
  const where = url ? ` at ${redact(url)}` : '';
  return `the libSQL server${where} refused the token (HTTP ${status}): check DATABASE_AUTH_TOKEN`;
}
