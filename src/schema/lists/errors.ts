/**
 * The one error every bad argument raises: BAD_USER_INPUT, its message `path: what is wrong`, and
 * the argument's path in `extensions.argument`.
 */
import { GraphQLError } from 'graphql';
import { thousands } from '../../text/thousands.ts';

/** Characters of a client's input quoted back in an error message. */
export const ECHO_LENGTH = 40;

/** A short, quoted prefix of `text` for an error message: never the whole of a long input. */
export function echo(text: string): string {
  if (text.length <= ECHO_LENGTH) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, ECHO_LENGTH))}… (${thousands(text.length)} characters)`;
}

export function badArgument(argument: string, message: string): GraphQLError {
  return new GraphQLError(`${argument}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', argument } });
}
