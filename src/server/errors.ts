/**
 * What a client sees when something fails. Input problems found by Pothos (a malformed cursor or
 * global ID) become BAD_USER_INPUT with their message; anything unexpected is masked, so no stack
 * trace, SQL or file path ever leaves the server.
 */
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';

export function maskError(error: unknown, message: string): Error {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (original instanceof PothosValidationError) {
    return new GraphQLError(original.message, {
      ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  // Errors we raised on purpose (GraphQLError with a code) are safe to show as they are.
  if (error instanceof GraphQLError && !error.originalError && error.extensions?.code) return error;
  if (
    error instanceof GraphQLError &&
    error.originalError instanceof GraphQLError &&
    error.originalError.extensions?.code
  ) {
    return new GraphQLError(error.originalError.message, {
      nodes: error.nodes,
      path: error.path,
      extensions: error.originalError.extensions,
    });
  }
  return new GraphQLError(message, {
    ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {}),
    extensions: { code: 'INTERNAL_SERVER_ERROR' },
  });
}
