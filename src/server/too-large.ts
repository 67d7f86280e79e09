/**
 * Failures where SQLite refuses a statement for its size, not for a bug: too many bound variables,
 * an expression tree or parser stack too deep, a compound SELECT or a LIKE pattern too large. The
 * input limits (limits.ts) keep requests well inside these; should one still get through, the
 * client gets BAD_USER_INPUT saying so, never a masked 500 — and never the SQL.
 */
import { GraphQLError } from 'graphql';

const SIZE_LIMITS =
  /too many SQL variables|Expression tree is too large|parser stack overflow|too many terms in compound SELECT|LIKE or GLOB pattern too complex|string or blob too big|too many arguments on function|too many columns/i;

export const TOO_LARGE_MESSAGE =
  'The request is too large for the database to run: use fewer values, conditions or IDs.';

export function isTooLargeForDatabase(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 8; e = e.cause, depth++) {
    if (SIZE_LIMITS.test(e.message)) return true;
  }
  return false;
}

export function tooLargeForDatabase(at: Pick<GraphQLError, 'nodes' | 'path'>): GraphQLError {
  return new GraphQLError(TOO_LARGE_MESSAGE, { ...at, extensions: { code: 'BAD_USER_INPUT' } });
}
