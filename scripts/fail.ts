/** How a script stops on a failure: one line on stderr saying what failed and why, exit code 1. */
import { describeError } from '../src/server/describe-error.ts';

export function stop(what: string, error: unknown): never {
  console.error(`${what}: ${describeError(error)}`);
  process.exit(1);
}
