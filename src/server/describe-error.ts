/**
 * One line that says what failed and why, for operators (start-up, scripts, the log): the
 * error's class, code and message, then each cause in turn — "Failed query: PRAGMA …" alone
 * never says that the database was locked. A failed query shows its SQL without its parameters
 * (they can be huge, and they are user input). Platform-neutral.
 */
import { DrizzleQueryError } from 'drizzle-orm';

export const MAX_MESSAGE_CHARS = 1024;

/** The error's own message, on one line, bounded; a failed query's parameters left out. */
export function messageOf(error: unknown, max = MAX_MESSAGE_CHARS): string {
  if (error instanceof DrizzleQueryError) return bounded(`Failed query: ${error.query}`, max);
  if (error instanceof Error) return bounded(error.message, max);
  return bounded(String(error), max);
}

/** "Failed query: PRAGMA journal_mode = WAL ← LibsqlError SQLITE_BUSY: database is locked" */
export function describeError(error: unknown, max = MAX_MESSAGE_CHARS): string {
  const parts = [messageOf(error, max)];
  let cause = error instanceof Error ? error.cause : undefined;
  for (let depth = 0; cause !== undefined && depth < 5; depth++) {
    const message = messageOf(cause, max);
    const label = labelOf(cause);
    // libSQL's messages already start with their code ("SQLITE_BUSY: database is locked").
    const code = label.split(' ')[1];
    parts.push(code && message.startsWith(code) ? `${label.split(' ')[0]} ${message}` : `${label}: ${message}`);
    cause = cause instanceof Error ? cause.cause : undefined;
  }
  return bounded(parts.join(' ← '), max);
}

/** The class and, when it has one, the code: "LibsqlError SQLITE_BUSY". */
export function labelOf(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  const name = error.constructor?.name && error.constructor.name !== 'Error' ? error.constructor.name : error.name;
  return typeof code === 'string' && code ? `${name} ${code}` : name;
}

export function bounded(text: string, max: number): string {
  // Cut before collapsing whitespace (which only shortens): a message can be megabytes long.
  const line = text
    .slice(0, max * 4)
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
