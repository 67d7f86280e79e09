/**
 * Keeps syntax errors recognisable as GraphQL errors in the edge bundle. graphql 16 ships ESM
 * (.mjs) and CJS (.js) side by side with no exports map: esbuild (inside wrangler) takes the .mjs
 * for `import 'graphql'` but the .js for graphql-armor's deep import `graphql/language/parser`.
 * Syntax errors from armor's parser are then instances of the *other* GraphQLError class, so
 * Yoga and maskError take them for crashes and answer INTERNAL_SERVER_ERROR where Node answers
 * GRAPHQL_PARSE_FAILED (found by test/edge/parity.test.ts). This plugin, placed after armor,
 * re-creates such errors with this module's class. On Node there is one copy: it changes nothing.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export function useOneGraphQLErrorClass(): Plugin {
  return {
    onParse({ parseFn, setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parseFn(source, options);
        } catch (error) {
          throw adopt(error);
        }
      });
    },
  };
}

export function adopt(error: unknown): unknown {
  if (error instanceof GraphQLError || !(error instanceof Error) || error.name !== 'GraphQLError') return error;
  const foreign = error as GraphQLError;
  return new GraphQLError(foreign.message, {
    source: foreign.source,
    positions: foreign.positions,
    path: foreign.path,
    originalError: foreign.originalError,
    extensions: foreign.extensions,
  });
}
