/**
 * Page-size limits shared by every connection. Pothos would silently clamp `first: 500` to the
 * maximum; a client asking for more than it can get deserves an error instead.
 */
import { GraphQLError } from 'graphql';

export const MAX_PAGE_SIZE = 100;

/** Pass as `maxSize` on a connection field: rejects oversized pages, then returns the maximum. */
export function maxPageSize(args: { first?: number | null; last?: number | null }): number {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value != null && value > MAX_PAGE_SIZE) {
      throw new GraphQLError(`Argument "${name}" must be at most ${MAX_PAGE_SIZE}; got ${value}.`, {
        extensions: { code: 'BAD_USER_INPUT', argument: name },
      });
    }
  }
  return MAX_PAGE_SIZE;
}
