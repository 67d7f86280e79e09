/**
 * What a client sees when something fails. Errors about the request itself (validation, armor
 * limits, our own BAD_USER_INPUT, Pothos's checks of cursors and global IDs) keep their message
 * and get a code; anything thrown unexpectedly is masked, so no stack trace, SQL or file path
 * ever leaves the server.
 */
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { abortOf, DeadlineExceeded } from '../db/request-signal.ts';
import { databaseAuthFailed, refusedTokenStatus } from './database-auth.ts';
import { SchemaMismatchError, schemaMismatch } from './schema-guard.ts';
import { isTooLargeForDatabase, tooLargeForDatabase } from './too-large.ts';
import { cancelled, databaseUnavailable, isDatabaseUnavailable, timedOut } from './unavailable.ts';

/** The error each masked one was made from, for the log (src/server/log/request-record.ts). */
const originals = new WeakMap<object, unknown>();

export function originalOf(masked: unknown): unknown {
  return typeof masked === 'object' && masked !== null ? originals.get(masked) : undefined;
}

/**
 * Characters of a message shown to the client: messages about the request may quote it (graphql-js
 * quotes a variable's whole value), and a client never gets a large input back.
 */
export const MAX_MESSAGE_LENGTH = 300;

function short(message: string): string {
  return message.length <= MAX_MESSAGE_LENGTH ? message : `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…`;
}

export function maskError(error: unknown, message: string): Error {
  const masked = mask(error, message);
  originals.set(masked, error);
  return masked;
}

function mask(error: unknown, message: string): Error {
  // Thrown before execution (while the platform hands over the database): no GraphQLError yet.
  if (!(error instanceof GraphQLError))
    return databaseFault(error, { nodes: undefined, path: undefined }) ?? internal(message);
  const original = error.originalError;
  const at = { nodes: error.nodes, path: error.path };
  if (original instanceof PothosValidationError) {
    return new GraphQLError(short(original.message), { ...at, extensions: { code: 'BAD_USER_INPUT' } });
  }
  // A GraphQLError we (or graphql-js, for a variable that failed to coerce: "Variable "$s" got
  // invalid value …") raised about the request: shown as it is, as bad input unless it says more.
  if (original instanceof GraphQLError) {
    return new GraphQLError(short(error.message), {
      ...at,
      extensions: { ...original.extensions, code: original.extensions?.code ?? 'BAD_USER_INPUT' },
    });
  }
  // No original error: GraphQL itself (or a validation plugin such as graphql-armor) rejected the
  // request. Its message is about the query, never about the server.
  if (!original) {
    return new GraphQLError(short(error.message), {
      ...at,
      extensions: { ...error.extensions, code: error.extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED' },
    });
  }
  return databaseFault(original, at) ?? internal(message, at);
}

/** A 503 for what is wrong with the database rather than with our code, or undefined. */
function databaseFault(original: unknown, at: Pick<GraphQLError, 'nodes' | 'path'>): GraphQLError | undefined {
  // Its schema does not fit this version: a deploy step is missing.
  if (original instanceof SchemaMismatchError) return schemaMismatch(at);
  // It refuses our token: an operator must fix the credentials; retrying will not help.
  if (refusedTokenStatus(original) !== undefined) return databaseAuthFailed(at);
  // The request's deadline passed, or its client left (src/server/deadline.ts).
  const aborted = abortOf(original);
  if (aborted) return aborted instanceof DeadlineExceeded ? timedOut(at) : cancelled(at);
  // It could not be reached (down, refusing connections): 503, retry later.
  if (isDatabaseUnavailable(original)) return databaseUnavailable(at);
  // SQLite refused the statement for its size: the request was too large, not a bug.
  if (isTooLargeForDatabase(original)) return tooLargeForDatabase(at);
  return undefined;
}

function internal(message: string, at: Pick<GraphQLError, 'nodes' | 'path'> = { nodes: undefined, path: undefined }) {
  return new GraphQLError(message, { ...at, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
