/**
 * The two error helpers the edge relies on, on error chains shaped like the real ones (seen from
 * @libsql/client on Node and in workerd; the tests beside this one provoke the real thing).
 */
import { DrizzleQueryError } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { adopt } from '../../src/server/one-graphql.ts';
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

describe('adopt (one GraphQLError class)', () => {
  it("re-creates another graphql copy's error with this copy's class, keeping what clients see", () => {
    const foreign = Object.assign(new Error('Syntax Error: Expected Name, found <EOF>.'), {
      name: 'GraphQLError',
      extensions: { code: 'X' },
      positions: [3],
    });
    const adopted = adopt(foreign);
    expect(adopted).toBeInstanceOf(GraphQLError);
    expect((adopted as GraphQLError).message).toBe(foreign.message);
    expect((adopted as GraphQLError).extensions).toEqual({ code: 'X' });
  });

  it('leaves our own GraphQLErrors and other errors alone', () => {
    const own = new GraphQLError('x');
    const other = new RangeError('y');
    expect(adopt(own)).toBe(own);
    expect(adopt(other)).toBe(other);
  });
});
