/**
 * What a database URL is, and how to print one: shared by the Node configuration and the edge
 * function, so both accept the same libSQL servers and neither prints a password.
 */

/** A libSQL server (Turso, `sqld`): spoken to over HTTP or WebSockets. */
export function isLibsqlServerUrl(url: string): boolean {
  return /^(https?|libsql|wss?):\/\//.test(url);
}

/** Never print credentials that may be embedded in a URL (`//user:password@host`). */
export function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
