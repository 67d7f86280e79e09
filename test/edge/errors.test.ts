/**
 * The error helper the edge relies on, on error chains shaped like the real ones (seen from
 * @libsql/client on Node and in workerd; the tests beside this one provoke the real thing).
 */
import { DrizzleQueryError } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/server/unavailable.ts';

const query = (cause: Error) => new DrizzleQueryError('select 1', [], cause);
const libsql = (code: string) => Object.assign(new Error(`${code}: …`), { name: 'LibsqlError', code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['Node: fetch failed (connection refused)', query(new TypeError('fetch failed'))],
    ['our timeout', query(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))],
    ['workerd: connection lost', query(Object.assign(new Error('Network connection lost.'), { retryable: true }))],
    ['a wrong token (HTTP 401)', query(libsql('SERVER_ERROR'))],
    ['wrapped by GraphQL', new GraphQLError('x', { originalError: query(libsql('SERVER_ERROR')) }).originalError],
  ])('%s: yes', (_, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ['a constraint failure', query(libsql('SQLITE_CONSTRAINT'))],
    ['a closed client (our bug)', query(libsql('CLIENT_CLOSED'))],
    ['a TypeError of ours, not under a query', new TypeError('x is not a function')],
    ['a plain error under a query', query(new Error('boom'))],
    ['not an error', 'nope'],
  ])('%s: no', (_, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});
