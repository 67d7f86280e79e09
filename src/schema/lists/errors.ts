/** The one error every bad list argument raises: BAD_USER_INPUT, naming the argument path. */
import { GraphQLError } from 'graphql';

export function badArgument(argument: string, message: string): GraphQLError {
  return new GraphQLError(`${argument}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', argument } });
}
