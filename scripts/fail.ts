/** How a script stops on a failure: one line on stderr saying what failed and why, exit code 1. */
import { describeRefusedToken } from '../src/server/database-auth.ts';
import { describeError } from '../src/server/describe-error.ts';

export function stop(what: string, error: unknown): never {
  // A refused token is said plainly, naming the server: "Failed query: …" would read as an outage.
  console.error(`${what}: ${describeRefusedToken(error, process.env.DATABASE_URL) ?? describeError(error)}`);
  process.exit(1);
}

/**
 * For a script written top to bottom without try/catch: any failure, a rejected top-level await
 * included, is reported the way `stop` reports it instead of as a stack trace.
 */
export function stopOnAnyFailure(what: string): void {
  process.on('uncaughtException', (error) => stop(what, error));
}
