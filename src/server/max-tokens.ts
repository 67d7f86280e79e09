/**
 * The token limit of a document (README → Limits), by graphql-js's own parser: `parse` stops at
 * `maxLexicalTokens`, before it has built anything of a huge document. graphql-armor's token
 * plugin did the same through a subclass of the parser imported by a deep path
 * (`graphql/language/parser`), which bundlers resolve to graphql's CommonJS files: the edge
 * bundle then held a second copy of graphql, whose errors were another GraphQLError class.
 * The message clients see is armor's, unchanged.
 */
import { GraphQLError, parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** graphql-js's own wording (its typo included), recognised to say it as before. */
const OVER_THE_LIMIT = /^Syntax Error: Document contains more that \d+ tokens\./;

export function useMaxTokens(limit: number): Plugin {
  const parseWithLimit: typeof parse = (source, options) => {
    try {
      return parse(source, { ...options, maxLexicalTokens: limit });
    } catch (error) {
      if (!(error instanceof GraphQLError) || !OVER_THE_LIMIT.test(error.message)) throw error;
      throw new GraphQLError(`Syntax Error: Token limit of ${limit} exceeded.`, {
        source: error.source,
        positions: error.positions,
      });
    }
  };
  return {
    onParse({ setParseFn }) {
      setParseFn(parseWithLimit);
    },
  };
}
